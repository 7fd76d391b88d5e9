-- A case decided without a decision outcome, or of no procedure, broke every write of it: 001's
-- zf_rollup_case compared with `=` where SQLite 050 compares with `IS` (and takes coalesce(in_limit,
-- 0)), so `penalty` or `in_limit` came out NULL and rollup_cases' NOT NULL columns refused the row
-- (an import of a decided case without decision.outcome answered 400). Null-safe as in SQLite.
CREATE OR REPLACE FUNCTION zf_rollup_case(sign INT, c cases) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    b JSONB := c.body::jsonb;
    filed_month TEXT := substr(c.filed_on, 1, 7);
    decided_month TEXT := substr(c.decided_on, 1, 7);
    closed_month TEXT := substr(c.closed_on, 1, 7);
    rev_by TEXT := b #>> '{revocation,by}';
    rev_month TEXT := substr(coalesce(b #>> '{revocation,on}', c.decided_on), 1, 7);
    penalty INT := (c.kind = 'penalty' AND b #>> '{decision,outcome}' IS NOT DISTINCT FROM 'penalty')::int;
    confiscated BIGINT := coalesce(round((b #>> '{decision,confiscated}')::numeric * 100), 0);
    in_limit INT;
BEGIN
    BEGIN
        in_limit := coalesce((c.procedure = 'ordinary' AND c.filed_on IS NOT NULL AND c.decided_on IS NOT NULL
                     AND c.decided_on::date - c.filed_on::date
                         <= 90 + coalesce((b ->> 'extension_days')::int, 0) + coalesce((b ->> 'suspended_days')::int, 0))::int, 0);
    EXCEPTION WHEN others THEN in_limit := 0; -- a hand edit left a date unreadable
    END;
    IF filed_month IS NOT NULL THEN
        INSERT INTO rollup_cases AS r (agency, month, kind, filed, simple, ordinary)
        VALUES (c.agency, filed_month, c.kind, sign, sign * (c.procedure IS NOT DISTINCT FROM 'simple')::int,
                sign * (c.procedure IS NOT DISTINCT FROM 'ordinary')::int)
        ON CONFLICT (month, agency, kind) DO UPDATE SET filed = r.filed + excluded.filed,
            simple = r.simple + excluded.simple, ordinary = r.ordinary + excluded.ordinary;
    END IF;
    IF decided_month IS NOT NULL THEN
        INSERT INTO rollup_cases AS r (agency, month, kind, decided, penalties, fines_fen, confiscated_fen, heard,
                                       published, ordinary_decided, decided_in_limit)
        VALUES (c.agency, decided_month, c.kind, sign, sign * penalty, sign * coalesce(c.fine_fen, 0), sign * confiscated,
                sign * (b ? 'hearing_held_on' AND b ->> 'hearing_held_on' IS NOT NULL)::int,
                sign * (b ? 'published_on' AND b ->> 'published_on' IS NOT NULL)::int,
                sign * (c.procedure IS NOT DISTINCT FROM 'ordinary')::int, sign * in_limit)
        ON CONFLICT (month, agency, kind) DO UPDATE SET decided = r.decided + excluded.decided,
            penalties = r.penalties + excluded.penalties, fines_fen = r.fines_fen + excluded.fines_fen,
            confiscated_fen = r.confiscated_fen + excluded.confiscated_fen, heard = r.heard + excluded.heard,
            published = r.published + excluded.published, ordinary_decided = r.ordinary_decided + excluded.ordinary_decided,
            decided_in_limit = r.decided_in_limit + excluded.decided_in_limit;
    END IF;
    IF closed_month IS NOT NULL THEN
        INSERT INTO rollup_cases AS r (agency, month, kind, closed) VALUES (c.agency, closed_month, c.kind, sign)
        ON CONFLICT (month, agency, kind) DO UPDATE SET closed = r.closed + excluded.closed;
    END IF;
    IF rev_month IS NOT NULL AND rev_by IN ('review', 'litigation') THEN
        INSERT INTO rollup_cases AS r (agency, month, kind, reconsidered, litigated, overturned)
        VALUES (c.agency, rev_month, c.kind, sign * (rev_by = 'review')::int, sign * (rev_by = 'litigation')::int, sign)
        ON CONFLICT (month, agency, kind) DO UPDATE SET reconsidered = r.reconsidered + excluded.reconsidered,
            litigated = r.litigated + excluded.litigated, overturned = r.overturned + excluded.overturned;
    END IF;
    IF sign < 0 THEN
        DELETE FROM rollup_cases WHERE agency = c.agency AND kind = c.kind
          AND month IN (filed_month, decided_month, closed_month, rev_month)
          AND filed = 0 AND decided = 0 AND closed = 0 AND overturned = 0;
    END IF;
END $$;
