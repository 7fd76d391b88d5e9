-- The statistics rollups, completed (SQLite 050).
-- 1. zf_rollup_finding of 001 names its parameters as rollup_findings' columns, so its ON CONFLICT
--    target was ambiguous and every write of a finding failed; the conflict target is now the
--    primary key by name (the parameter names cannot change in a CREATE OR REPLACE).
CREATE OR REPLACE FUNCTION zf_rollup_finding(sign INT, agency TEXT, rule TEXT, severity TEXT, month TEXT, is_open BOOLEAN)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO rollup_findings AS r (agency, rule, severity, month, new, open)
    VALUES (zf_rollup_finding.agency, zf_rollup_finding.rule, zf_rollup_finding.severity, zf_rollup_finding.month,
            sign, sign * is_open::int)
    ON CONFLICT ON CONSTRAINT rollup_findings_pkey DO UPDATE SET new = r.new + excluded.new, open = r.open + excluded.open;
    DELETE FROM rollup_findings f WHERE sign < 0 AND f.agency = zf_rollup_finding.agency AND f.rule = zf_rollup_finding.rule
      AND f.severity = zf_rollup_finding.severity AND f.month = zf_rollup_finding.month AND f.new = 0;
    IF is_open THEN
        INSERT INTO rollup_findings_open AS r (agency, rule, severity, open)
        VALUES (zf_rollup_finding.agency, zf_rollup_finding.rule, zf_rollup_finding.severity, sign)
        ON CONFLICT ON CONSTRAINT rollup_findings_open_pkey DO UPDATE SET open = r.open + excluded.open;
        DELETE FROM rollup_findings_open f WHERE sign < 0 AND f.agency = zf_rollup_finding.agency
          AND f.rule = zf_rollup_finding.rule AND f.severity = zf_rollup_finding.severity AND f.open = 0;
    END IF;
END $$;

-- 2. 按月报送 per agency × month (SQLite 050's rollup_report_delta): on time when submitted_on is on
--    or before the report_due_day-th day of the next month (the month's last day if shorter); a
--    report imported without submitted_on counts as on time. A change of report_due_day applies to
--    later reports; `zhifa rollup rebuild` re-judges the past ones.
CREATE FUNCTION zf_rollup_report(sign INT, ag TEXT, m TEXT, submitted_on TEXT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    d INT := coalesce((SELECT value::int FROM settings WHERE name = 'report_due_day'), 10);
    late INT := 0;
BEGIN
    BEGIN
        late := (submitted_on IS NOT NULL AND submitted_on > to_char(least(
                    (m || '-01')::date + interval '1 month' + (d - 1) * interval '1 day',
                    (m || '-01')::date + interval '2 months' - interval '1 day'), 'YYYY-MM-DD'))::int;
    EXCEPTION WHEN others THEN late := 0; -- a month that is no date: nothing says it was late
    END;
    INSERT INTO rollup_reports AS r (agency, month, on_time, late) VALUES (ag, m, sign * (1 - late), sign * late)
    ON CONFLICT ON CONSTRAINT rollup_reports_pkey DO UPDATE SET on_time = r.on_time + excluded.on_time,
        late = r.late + excluded.late;
    IF sign < 0 THEN
        DELETE FROM rollup_reports r WHERE r.agency = ag AND r.month = m AND r.on_time = 0 AND r.late = 0;
    END IF;
END $$;
CREATE FUNCTION zf_rollup_reports() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM zf_rollup_report(-1, OLD.agency, OLD.month, OLD.body::jsonb ->> 'submitted_on');
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM zf_rollup_report(1, NEW.agency, NEW.month, NEW.body::jsonb ->> 'submitted_on');
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER rollup_reports_on_change AFTER INSERT OR DELETE OR UPDATE OF agency, month, body ON monthly_reports
    FOR EACH ROW EXECUTE FUNCTION zf_rollup_reports();
-- the reports already there
SELECT zf_rollup_report(1, agency, month, body::jsonb ->> 'submitted_on') FROM monthly_reports;
