-- The statistics rollups of supervision orders and 案卷评查 scores (SQLite 050: rollup_order_delta and
-- rollup_review_delta, a view per rollup whose INSTEAD OF INSERT trigger applies a signed delta),
-- kept here by plpgsql triggers as 001 keeps those of cases and findings. The tables are 001's.

-- orders per target agency × month of issue: issued, answered (first round), answered on or before
-- the first round's due date, ever overdue
CREATE FUNCTION zf_rollup_order(sign INT, o orders) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    m TEXT := substr(o.issued_on, 1, 7);
    answered INT := (o.first_answered_on IS NOT NULL)::int;
    on_time INT := (o.first_answered_on IS NOT NULL
                    AND o.first_answered_on <= coalesce(o.first_due_on, o.first_answered_on))::int;
BEGIN
    IF m IS NULL THEN RETURN; END IF;
    INSERT INTO rollup_orders AS r (agency, month, issued, answered, answered_on_time, late)
    VALUES (o.agency, m, sign, sign * answered, sign * on_time, sign * (o.late <> 0)::int)
    ON CONFLICT (agency, month) DO UPDATE SET issued = r.issued + excluded.issued,
        answered = r.answered + excluded.answered, answered_on_time = r.answered_on_time + excluded.answered_on_time,
        late = r.late + excluded.late;
    IF sign < 0 THEN
        DELETE FROM rollup_orders r WHERE r.agency = o.agency AND r.month = m AND r.issued = 0;
    END IF;
END $$;
CREATE FUNCTION zf_rollup_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM zf_rollup_order(-1, OLD); END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM zf_rollup_order(1, NEW); END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER rollup_orders_on_change
    AFTER INSERT OR DELETE OR UPDATE OF agency, issued_on, first_due_on, first_answered_on, late ON orders
    FOR EACH ROW EXECUTE FUNCTION zf_rollup_orders();

-- 案卷评查 per agency × month the plan was published: files scored (items done) and the sum of their
-- final scores in hundredths of a point
CREATE FUNCTION zf_rollup_review(sign INT, ag TEXT, plan_body TEXT, item_body TEXT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    m TEXT := substr(plan_body::jsonb ->> 'published_on', 1, 7);
    score BIGINT := coalesce(round((item_body::jsonb ->> 'total_cp')::numeric)::bigint, 0);
BEGIN
    IF m IS NULL THEN RETURN; END IF;
    INSERT INTO rollup_reviews AS r (agency, month, files, score_cp) VALUES (ag, m, sign, sign * score)
    ON CONFLICT (agency, month) DO UPDATE SET files = r.files + excluded.files, score_cp = r.score_cp + excluded.score_cp;
    IF sign < 0 THEN
        DELETE FROM rollup_reviews r WHERE r.agency = ag AND r.month = m
          AND r.files = 0;
    END IF;
END $$;
CREATE FUNCTION zf_rollup_review_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'done' THEN
        PERFORM zf_rollup_review(-1, OLD.agency, p.body, OLD.body) FROM review_plans p WHERE p.id = OLD.plan_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status = 'done' THEN
        PERFORM zf_rollup_review(1, NEW.agency, p.body, NEW.body) FROM review_plans p WHERE p.id = NEW.plan_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER rollup_reviews_on_item
    AFTER INSERT OR DELETE OR UPDATE OF plan_id, agency, status, body ON review_items
    FOR EACH ROW EXECUTE FUNCTION zf_rollup_review_items();
-- a plan's publication date moves its scored files to another month
CREATE FUNCTION zf_rollup_review_plan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.body::jsonb ->> 'published_on') IS DISTINCT FROM (NEW.body::jsonb ->> 'published_on') THEN
        PERFORM zf_rollup_review(-1, i.agency, OLD.body, i.body) FROM review_items i
          WHERE i.plan_id = NEW.id AND i.status = 'done';
        PERFORM zf_rollup_review(1, i.agency, NEW.body, i.body) FROM review_items i
          WHERE i.plan_id = NEW.id AND i.status = 'done';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER rollup_reviews_on_plan AFTER UPDATE OF body ON review_plans
    FOR EACH ROW EXECUTE FUNCTION zf_rollup_review_plan();
-- the rows already there (none while their writers were not ported; a rebuild costs nothing then)
SELECT zf_rollup_order(1, o) FROM orders o;
SELECT zf_rollup_review(1, i.agency, p.body, i.body) FROM review_items i JOIN review_plans p ON p.id = i.plan_id
    WHERE i.status = 'done';
