-- 统计分析 rollups (issue 18, docs/analytics.md): the sums the dashboards, rankings and the monthly
-- 通报 read, kept by triggers in the same transaction as the write of the row they count, whoever
-- writes it (import, form entry, workflow step, sweep, orders, reviews, monthly reports, a hand
-- edit). Each base table's triggers turn the old row into a -1 delta and the new row into a +1
-- delta, inserted into a view whose INSTEAD OF trigger holds the one copy of the upsert. A rollup
-- row whose counts all fall to zero is deleted, so `zhifa rollup rebuild` (which recomputes every
-- table from its base) gives the same rows. Triggers call only built-in SQL functions: a hand edit
-- through the sqlite3 shell keeps the rollups too.

-- Cases per agency × month × case kind. A case counts in up to four months: filed (filed_on: filed,
-- simple, ordinary), decided (decided_on: decided, penalties, fines, confiscations, heard, published,
-- ordinary_decided, decided_in_limit), closed (closed_on) and the month its decision was overturned
-- (revocation.on, else decided_on: reconsidered, litigated, overturned).
CREATE TABLE rollup_cases (
    agency           TEXT NOT NULL,
    month            TEXT NOT NULL,          -- YYYY-MM
    kind             TEXT NOT NULL,          -- penalty | coercion | license | inspection
    filed            INTEGER NOT NULL DEFAULT 0,
    simple           INTEGER NOT NULL DEFAULT 0,
    ordinary         INTEGER NOT NULL DEFAULT 0,
    decided          INTEGER NOT NULL DEFAULT 0,
    penalties        INTEGER NOT NULL DEFAULT 0, -- decision.outcome = penalty (E02 counts these)
    fines_fen        INTEGER NOT NULL DEFAULT 0,
    confiscated_fen  INTEGER NOT NULL DEFAULT 0,
    heard            INTEGER NOT NULL DEFAULT 0, -- hearing_held_on present
    published        INTEGER NOT NULL DEFAULT 0, -- published_on present
    ordinary_decided INTEGER NOT NULL DEFAULT 0,
    decided_in_limit INTEGER NOT NULL DEFAULT 0, -- ordinary, decided_on ≤ filed_on + 90 + extension + suspended days (处罚法 60, P08)
    closed           INTEGER NOT NULL DEFAULT 0,
    reconsidered     INTEGER NOT NULL DEFAULT 0, -- revocation.by = review (行政复议 revoked/changed/found illegal)
    litigated        INTEGER NOT NULL DEFAULT 0, -- revocation.by = litigation
    overturned       INTEGER NOT NULL DEFAULT 0, -- either of the two
    PRIMARY KEY (month, agency, kind)       -- month first: a range is one stretch of the table
) WITHOUT ROWID;
-- An agency's penalty decisions by month (零执法, its last decision).
CREATE INDEX rollup_cases_by_agency ON rollup_cases(agency, kind, month, penalties);

-- One case's contribution, computed once by the cases triggers.
CREATE VIEW rollup_case_delta AS SELECT
    0 AS sign, '' AS agency, '' AS kind, '' AS filed_month, '' AS decided_month, '' AS closed_month,
    '' AS procedure, 0 AS penalty, 0 AS fine_fen, 0 AS confiscated_fen, 0 AS heard, 0 AS published,
    0 AS in_limit, '' AS rev_month, '' AS rev_by WHERE 0;

CREATE TRIGGER rollup_case_delta_apply INSTEAD OF INSERT ON rollup_case_delta BEGIN
    INSERT INTO rollup_cases(agency, month, kind, filed, simple, ordinary)
    SELECT NEW.agency, NEW.filed_month, NEW.kind, NEW.sign, NEW.sign * (NEW.procedure IS 'simple'),
           NEW.sign * (NEW.procedure IS 'ordinary')
    WHERE NEW.filed_month IS NOT NULL
    ON CONFLICT(month, agency, kind) DO UPDATE SET filed = filed + excluded.filed,
        simple = simple + excluded.simple, ordinary = ordinary + excluded.ordinary;
    INSERT INTO rollup_cases(agency, month, kind, decided, penalties, fines_fen, confiscated_fen, heard, published,
                             ordinary_decided, decided_in_limit)
    SELECT NEW.agency, NEW.decided_month, NEW.kind, NEW.sign, NEW.sign * NEW.penalty, NEW.sign * NEW.fine_fen,
           NEW.sign * NEW.confiscated_fen, NEW.sign * NEW.heard, NEW.sign * NEW.published,
           NEW.sign * (NEW.procedure IS 'ordinary'), NEW.sign * coalesce(NEW.in_limit, 0) -- NULL when a hand edit left a date unreadable
    WHERE NEW.decided_month IS NOT NULL
    ON CONFLICT(month, agency, kind) DO UPDATE SET decided = decided + excluded.decided,
        penalties = penalties + excluded.penalties, fines_fen = fines_fen + excluded.fines_fen,
        confiscated_fen = confiscated_fen + excluded.confiscated_fen, heard = heard + excluded.heard,
        published = published + excluded.published, ordinary_decided = ordinary_decided + excluded.ordinary_decided,
        decided_in_limit = decided_in_limit + excluded.decided_in_limit;
    INSERT INTO rollup_cases(agency, month, kind, closed)
    SELECT NEW.agency, NEW.closed_month, NEW.kind, NEW.sign WHERE NEW.closed_month IS NOT NULL
    ON CONFLICT(month, agency, kind) DO UPDATE SET closed = closed + excluded.closed;
    INSERT INTO rollup_cases(agency, month, kind, reconsidered, litigated, overturned)
    SELECT NEW.agency, NEW.rev_month, NEW.kind, NEW.sign * (NEW.rev_by IS 'review'),
           NEW.sign * (NEW.rev_by IS 'litigation'), NEW.sign
    WHERE NEW.rev_month IS NOT NULL AND NEW.rev_by IN ('review', 'litigation')
    ON CONFLICT(month, agency, kind) DO UPDATE SET reconsidered = reconsidered + excluded.reconsidered,
        litigated = litigated + excluded.litigated, overturned = overturned + excluded.overturned;
    DELETE FROM rollup_cases
    WHERE NEW.sign < 0 AND agency = NEW.agency AND kind = NEW.kind
      AND month IN (NEW.filed_month, NEW.decided_month, NEW.closed_month, NEW.rev_month)
      AND filed = 0 AND decided = 0 AND closed = 0 AND overturned = 0;
END;

-- The body is parsed once per row (json_extract with several paths answers an array: SQLite 3.40
-- has no parse cache); the columns of migration 029 give the rest.
CREATE TRIGGER rollup_cases_on_insert AFTER INSERT ON cases BEGIN
    INSERT INTO rollup_case_delta
    SELECT 1, NEW.agency, NEW.kind, substr(NEW.filed_on, 1, 7), substr(NEW.decided_on, 1, 7),
           substr(NEW.closed_on, 1, 7), NEW.procedure,
           NEW.kind = 'penalty' AND json_extract(j, '$[0]') IS 'penalty', coalesce(NEW.fine_fen, 0),
           coalesce(CAST(round(json_extract(j, '$[1]') * 100) AS INTEGER), 0),
           json_extract(j, '$[2]') IS NOT NULL, json_extract(j, '$[3]') IS NOT NULL,
           NEW.procedure IS 'ordinary' AND NEW.filed_on IS NOT NULL AND NEW.decided_on IS NOT NULL
             AND julianday(NEW.decided_on) - julianday(NEW.filed_on)
                 <= 90 + coalesce(json_extract(j, '$[4]'), 0) + coalesce(json_extract(j, '$[5]'), 0),
           substr(coalesce(json_extract(j, '$[6]'), NEW.decided_on), 1, 7), json_extract(j, '$[7]')
    FROM (SELECT json_extract(NEW.body, '$.decision.outcome', '$.decision.confiscated', '$.hearing_held_on',
                              '$.published_on', '$.extension_days', '$.suspended_days', '$.revocation.on',
                              '$.revocation.by') AS j);
END;

CREATE TRIGGER rollup_cases_on_delete AFTER DELETE ON cases BEGIN
    INSERT INTO rollup_case_delta
    SELECT -1, OLD.agency, OLD.kind, substr(OLD.filed_on, 1, 7), substr(OLD.decided_on, 1, 7),
           substr(OLD.closed_on, 1, 7), OLD.procedure,
           OLD.kind = 'penalty' AND json_extract(j, '$[0]') IS 'penalty', coalesce(OLD.fine_fen, 0),
           coalesce(CAST(round(json_extract(j, '$[1]') * 100) AS INTEGER), 0),
           json_extract(j, '$[2]') IS NOT NULL, json_extract(j, '$[3]') IS NOT NULL,
           OLD.procedure IS 'ordinary' AND OLD.filed_on IS NOT NULL AND OLD.decided_on IS NOT NULL
             AND julianday(OLD.decided_on) - julianday(OLD.filed_on)
                 <= 90 + coalesce(json_extract(j, '$[4]'), 0) + coalesce(json_extract(j, '$[5]'), 0),
           substr(coalesce(json_extract(j, '$[6]'), OLD.decided_on), 1, 7), json_extract(j, '$[7]')
    FROM (SELECT json_extract(OLD.body, '$.decision.outcome', '$.decision.confiscated', '$.hearing_held_on',
                              '$.published_on', '$.extension_days', '$.suspended_days', '$.revocation.on',
                              '$.revocation.by') AS j);
END;

-- Only the columns a rollup reads: the sweep's and verify's touches of updated_at or region do not fire it.
CREATE TRIGGER rollup_cases_on_update
AFTER UPDATE OF agency, kind, procedure, filed_on, decided_on, closed_on, fine_fen, body ON cases BEGIN
    INSERT INTO rollup_case_delta
    SELECT -1, OLD.agency, OLD.kind, substr(OLD.filed_on, 1, 7), substr(OLD.decided_on, 1, 7),
           substr(OLD.closed_on, 1, 7), OLD.procedure,
           OLD.kind = 'penalty' AND json_extract(j, '$[0]') IS 'penalty', coalesce(OLD.fine_fen, 0),
           coalesce(CAST(round(json_extract(j, '$[1]') * 100) AS INTEGER), 0),
           json_extract(j, '$[2]') IS NOT NULL, json_extract(j, '$[3]') IS NOT NULL,
           OLD.procedure IS 'ordinary' AND OLD.filed_on IS NOT NULL AND OLD.decided_on IS NOT NULL
             AND julianday(OLD.decided_on) - julianday(OLD.filed_on)
                 <= 90 + coalesce(json_extract(j, '$[4]'), 0) + coalesce(json_extract(j, '$[5]'), 0),
           substr(coalesce(json_extract(j, '$[6]'), OLD.decided_on), 1, 7), json_extract(j, '$[7]')
    FROM (SELECT json_extract(OLD.body, '$.decision.outcome', '$.decision.confiscated', '$.hearing_held_on',
                              '$.published_on', '$.extension_days', '$.suspended_days', '$.revocation.on',
                              '$.revocation.by') AS j);
    INSERT INTO rollup_case_delta
    SELECT 1, NEW.agency, NEW.kind, substr(NEW.filed_on, 1, 7), substr(NEW.decided_on, 1, 7),
           substr(NEW.closed_on, 1, 7), NEW.procedure,
           NEW.kind = 'penalty' AND json_extract(j, '$[0]') IS 'penalty', coalesce(NEW.fine_fen, 0),
           coalesce(CAST(round(json_extract(j, '$[1]') * 100) AS INTEGER), 0),
           json_extract(j, '$[2]') IS NOT NULL, json_extract(j, '$[3]') IS NOT NULL,
           NEW.procedure IS 'ordinary' AND NEW.filed_on IS NOT NULL AND NEW.decided_on IS NOT NULL
             AND julianday(NEW.decided_on) - julianday(NEW.filed_on)
                 <= 90 + coalesce(json_extract(j, '$[4]'), 0) + coalesce(json_extract(j, '$[5]'), 0),
           substr(coalesce(json_extract(j, '$[6]'), NEW.decided_on), 1, 7), json_extract(j, '$[7]')
    FROM (SELECT json_extract(NEW.body, '$.decision.outcome', '$.decision.confiscated', '$.hearing_held_on',
                              '$.published_on', '$.extension_days', '$.suspended_days', '$.revocation.on',
                              '$.revocation.by') AS j);
END;

-- Findings per agency × rule × severity × month first seen: `new` counts every finding first seen in
-- the month, `open` those of them still open (the open total is the sum over months).
CREATE TABLE rollup_findings (
    agency   TEXT NOT NULL,
    rule     TEXT NOT NULL,
    severity TEXT NOT NULL,
    month    TEXT NOT NULL,
    new      INTEGER NOT NULL DEFAULT 0,
    open     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency, rule, severity, month)
) WITHOUT ROWID;
-- A range's new findings read only the range's rows.
CREATE INDEX rollup_findings_by_month ON rollup_findings(month, agency, rule, severity, new);
-- The open findings now, without the month: what every board shows, summed over a few rows per agency.
CREATE TABLE rollup_findings_open (
    agency   TEXT NOT NULL,
    rule     TEXT NOT NULL,
    severity TEXT NOT NULL,
    open     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency, rule, severity)
) WITHOUT ROWID;

CREATE VIEW rollup_finding_delta AS SELECT 0 AS sign, '' AS agency, '' AS rule, '' AS severity, '' AS month,
    0 AS open WHERE 0;
CREATE TRIGGER rollup_finding_delta_apply INSTEAD OF INSERT ON rollup_finding_delta BEGIN
    INSERT INTO rollup_findings(agency, rule, severity, month, new, open)
    VALUES (NEW.agency, NEW.rule, NEW.severity, NEW.month, NEW.sign, NEW.sign * NEW.open)
    ON CONFLICT(agency, rule, severity, month) DO UPDATE SET new = new + excluded.new, open = open + excluded.open;
    DELETE FROM rollup_findings WHERE NEW.sign < 0 AND agency = NEW.agency AND rule = NEW.rule
      AND severity = NEW.severity AND month = NEW.month AND new = 0;
    INSERT INTO rollup_findings_open(agency, rule, severity, open)
    SELECT NEW.agency, NEW.rule, NEW.severity, NEW.sign WHERE NEW.open
    ON CONFLICT(agency, rule, severity) DO UPDATE SET open = open + excluded.open;
    DELETE FROM rollup_findings_open WHERE NEW.sign < 0 AND NEW.open AND agency = NEW.agency AND rule = NEW.rule
      AND severity = NEW.severity AND open = 0;
END;
CREATE TRIGGER rollup_findings_on_insert AFTER INSERT ON findings BEGIN
    INSERT INTO rollup_finding_delta
    VALUES (1, NEW.agency, NEW.rule, NEW.severity, substr(NEW.first_seen, 1, 7), NEW.resolved_at IS NULL);
END;
CREATE TRIGGER rollup_findings_on_delete AFTER DELETE ON findings BEGIN
    INSERT INTO rollup_finding_delta
    VALUES (-1, OLD.agency, OLD.rule, OLD.severity, substr(OLD.first_seen, 1, 7), OLD.resolved_at IS NULL);
END;
-- The sweep's refresh of last_seen and sweep_id on every open finding does not fire it.
CREATE TRIGGER rollup_findings_on_update
AFTER UPDATE OF agency, rule, severity, first_seen, resolved_at ON findings BEGIN
    INSERT INTO rollup_finding_delta
    VALUES (-1, OLD.agency, OLD.rule, OLD.severity, substr(OLD.first_seen, 1, 7), OLD.resolved_at IS NULL);
    INSERT INTO rollup_finding_delta
    VALUES (1, NEW.agency, NEW.rule, NEW.severity, substr(NEW.first_seen, 1, 7), NEW.resolved_at IS NULL);
END;

-- Supervision orders per target agency × month of issue: issued, answered (first round), answered on
-- or before the first round's due date, ever overdue (`late`, set by the reminder run). Orders
-- overdue today depend on today: the API counts them from orders (orders_by_status_due).
CREATE TABLE rollup_orders (
    agency           TEXT NOT NULL,
    month            TEXT NOT NULL,
    issued           INTEGER NOT NULL DEFAULT 0,
    answered         INTEGER NOT NULL DEFAULT 0,
    answered_on_time INTEGER NOT NULL DEFAULT 0,
    late             INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency, month)
) WITHOUT ROWID;
CREATE VIEW rollup_order_delta AS SELECT 0 AS sign, '' AS agency, '' AS month, 0 AS answered,
    0 AS on_time, 0 AS late WHERE 0;
CREATE TRIGGER rollup_order_delta_apply INSTEAD OF INSERT ON rollup_order_delta WHEN NEW.month IS NOT NULL BEGIN
    INSERT INTO rollup_orders(agency, month, issued, answered, answered_on_time, late)
    VALUES (NEW.agency, NEW.month, NEW.sign, NEW.sign * NEW.answered, NEW.sign * NEW.on_time, NEW.sign * NEW.late)
    ON CONFLICT(agency, month) DO UPDATE SET issued = issued + excluded.issued, answered = answered + excluded.answered,
        answered_on_time = answered_on_time + excluded.answered_on_time, late = late + excluded.late;
    DELETE FROM rollup_orders WHERE NEW.sign < 0 AND agency = NEW.agency AND month = NEW.month AND issued = 0;
END;
CREATE TRIGGER rollup_orders_on_insert AFTER INSERT ON orders BEGIN
    INSERT INTO rollup_order_delta VALUES (1, NEW.agency, substr(NEW.issued_on, 1, 7), NEW.first_answered_on IS NOT NULL,
        NEW.first_answered_on IS NOT NULL AND NEW.first_answered_on <= coalesce(NEW.first_due_on, NEW.first_answered_on),
        NEW.late <> 0);
END;
CREATE TRIGGER rollup_orders_on_delete AFTER DELETE ON orders BEGIN
    INSERT INTO rollup_order_delta VALUES (-1, OLD.agency, substr(OLD.issued_on, 1, 7), OLD.first_answered_on IS NOT NULL,
        OLD.first_answered_on IS NOT NULL AND OLD.first_answered_on <= coalesce(OLD.first_due_on, OLD.first_answered_on),
        OLD.late <> 0);
END;
CREATE TRIGGER rollup_orders_on_update
AFTER UPDATE OF agency, issued_on, first_due_on, first_answered_on, late ON orders BEGIN
    INSERT INTO rollup_order_delta VALUES (-1, OLD.agency, substr(OLD.issued_on, 1, 7), OLD.first_answered_on IS NOT NULL,
        OLD.first_answered_on IS NOT NULL AND OLD.first_answered_on <= coalesce(OLD.first_due_on, OLD.first_answered_on),
        OLD.late <> 0);
    INSERT INTO rollup_order_delta VALUES (1, NEW.agency, substr(NEW.issued_on, 1, 7), NEW.first_answered_on IS NOT NULL,
        NEW.first_answered_on IS NOT NULL AND NEW.first_answered_on <= coalesce(NEW.first_due_on, NEW.first_answered_on),
        NEW.late <> 0);
END;

-- 案卷评查 scores per agency × month the plan was published (results reach agencies at publication):
-- files scored (items done) and the sum of their final scores in hundredths of a point.
CREATE TABLE rollup_reviews (
    agency   TEXT NOT NULL,
    month    TEXT NOT NULL,
    files    INTEGER NOT NULL DEFAULT 0,
    score_cp INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency, month)
) WITHOUT ROWID;
CREATE VIEW rollup_review_delta AS SELECT 0 AS sign, '' AS agency, '' AS month, 0 AS score_cp WHERE 0;
CREATE TRIGGER rollup_review_delta_apply INSTEAD OF INSERT ON rollup_review_delta WHEN NEW.month IS NOT NULL BEGIN
    INSERT INTO rollup_reviews(agency, month, files, score_cp) VALUES (NEW.agency, NEW.month, NEW.sign, NEW.sign * NEW.score_cp)
    ON CONFLICT(agency, month) DO UPDATE SET files = files + excluded.files, score_cp = score_cp + excluded.score_cp;
    DELETE FROM rollup_reviews WHERE NEW.sign < 0 AND agency = NEW.agency AND month = NEW.month AND files = 0;
END;
CREATE TRIGGER rollup_reviews_item_insert AFTER INSERT ON review_items WHEN NEW.status = 'done' BEGIN
    INSERT INTO rollup_review_delta SELECT 1, NEW.agency, substr(json_extract(p.body, '$.published_on'), 1, 7),
        coalesce(json_extract(NEW.body, '$.total_cp'), 0) FROM review_plans p WHERE p.id = NEW.plan_id;
END;
CREATE TRIGGER rollup_reviews_item_delete AFTER DELETE ON review_items WHEN OLD.status = 'done' BEGIN
    INSERT INTO rollup_review_delta SELECT -1, OLD.agency, substr(json_extract(p.body, '$.published_on'), 1, 7),
        coalesce(json_extract(OLD.body, '$.total_cp'), 0) FROM review_plans p WHERE p.id = OLD.plan_id;
END;
CREATE TRIGGER rollup_reviews_item_update AFTER UPDATE OF plan_id, agency, status, body ON review_items BEGIN
    INSERT INTO rollup_review_delta SELECT -1, OLD.agency, substr(json_extract(p.body, '$.published_on'), 1, 7),
        coalesce(json_extract(OLD.body, '$.total_cp'), 0) FROM review_plans p WHERE p.id = OLD.plan_id AND OLD.status = 'done';
    INSERT INTO rollup_review_delta SELECT 1, NEW.agency, substr(json_extract(p.body, '$.published_on'), 1, 7),
        coalesce(json_extract(NEW.body, '$.total_cp'), 0) FROM review_plans p WHERE p.id = NEW.plan_id AND NEW.status = 'done';
END;
CREATE TRIGGER rollup_reviews_plan_update AFTER UPDATE OF body ON review_plans
WHEN json_extract(OLD.body, '$.published_on') IS NOT json_extract(NEW.body, '$.published_on') BEGIN
    INSERT INTO rollup_review_delta SELECT -1, i.agency, substr(json_extract(OLD.body, '$.published_on'), 1, 7),
        coalesce(json_extract(i.body, '$.total_cp'), 0) FROM review_items i WHERE i.plan_id = NEW.id AND i.status = 'done';
    INSERT INTO rollup_review_delta SELECT 1, i.agency, substr(json_extract(NEW.body, '$.published_on'), 1, 7),
        coalesce(json_extract(i.body, '$.total_cp'), 0) FROM review_items i WHERE i.plan_id = NEW.id AND i.status = 'done';
END;

-- 按月报送 per agency × month: on time when submitted_on (set by the reporting form) is on or before
-- the report_due_day-th day of the next month; a report imported without submitted_on counts as on
-- time (nothing says it was late). Missing reports depend on today: the API counts them. A change of
-- report_due_day applies to later reports; `zhifa rollup rebuild` re-judges the past ones.
CREATE TABLE rollup_reports (
    agency  TEXT NOT NULL,
    month   TEXT NOT NULL,
    on_time INTEGER NOT NULL DEFAULT 0,
    late    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency, month)
) WITHOUT ROWID;
CREATE VIEW rollup_report_delta AS SELECT 0 AS sign, '' AS agency, '' AS month, '' AS submitted_on WHERE 0;
CREATE TRIGGER rollup_report_delta_apply INSTEAD OF INSERT ON rollup_report_delta BEGIN
    INSERT INTO rollup_reports(agency, month, on_time, late)
    SELECT NEW.agency, NEW.month, NEW.sign * (1 - late), NEW.sign * late
    FROM (SELECT NEW.submitted_on IS NOT NULL AND NEW.submitted_on > min(
              date(NEW.month || '-01', '+1 month', '+' || (d - 1) || ' days'),
              date(NEW.month || '-01', '+2 months', '-1 day')) AS late
          FROM (SELECT coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE name = 'report_due_day'), 10) AS d))
    WHERE true
    ON CONFLICT(agency, month) DO UPDATE SET on_time = on_time + excluded.on_time, late = late + excluded.late;
    DELETE FROM rollup_reports WHERE NEW.sign < 0 AND agency = NEW.agency AND month = NEW.month
      AND on_time = 0 AND late = 0;
END;
CREATE TRIGGER rollup_reports_on_insert AFTER INSERT ON monthly_reports BEGIN
    INSERT INTO rollup_report_delta VALUES (1, NEW.agency, NEW.month, json_extract(NEW.body, '$.submitted_on'));
END;
CREATE TRIGGER rollup_reports_on_delete AFTER DELETE ON monthly_reports BEGIN
    INSERT INTO rollup_report_delta VALUES (-1, OLD.agency, OLD.month, json_extract(OLD.body, '$.submitted_on'));
END;
CREATE TRIGGER rollup_reports_on_update AFTER UPDATE OF agency, month, body ON monthly_reports BEGIN
    INSERT INTO rollup_report_delta VALUES (-1, OLD.agency, OLD.month, json_extract(OLD.body, '$.submitted_on'));
    INSERT INTO rollup_report_delta VALUES (1, NEW.agency, NEW.month, json_extract(NEW.body, '$.submitted_on'));
END;

-- The rows already there when the migration runs.
INSERT INTO rollup_case_delta
SELECT 1, agency, kind, substr(filed_on, 1, 7), substr(decided_on, 1, 7), substr(closed_on, 1, 7), procedure,
       kind = 'penalty' AND json_extract(j, '$[0]') IS 'penalty', coalesce(fine_fen, 0),
       coalesce(CAST(round(json_extract(j, '$[1]') * 100) AS INTEGER), 0),
       json_extract(j, '$[2]') IS NOT NULL, json_extract(j, '$[3]') IS NOT NULL,
       procedure IS 'ordinary' AND filed_on IS NOT NULL AND decided_on IS NOT NULL
         AND julianday(decided_on) - julianday(filed_on)
             <= 90 + coalesce(json_extract(j, '$[4]'), 0) + coalesce(json_extract(j, '$[5]'), 0),
       substr(coalesce(json_extract(j, '$[6]'), decided_on), 1, 7), json_extract(j, '$[7]')
FROM (SELECT *, CASE WHEN json_valid(body) THEN json_extract(body, '$.decision.outcome', '$.decision.confiscated',
                     '$.hearing_held_on', '$.published_on', '$.extension_days', '$.suspended_days', '$.revocation.on',
                     '$.revocation.by') ELSE '[]' END AS j FROM cases);
INSERT INTO rollup_finding_delta
SELECT 1, agency, rule, severity, substr(first_seen, 1, 7), resolved_at IS NULL FROM findings;
INSERT INTO rollup_order_delta
SELECT 1, agency, substr(issued_on, 1, 7), first_answered_on IS NOT NULL,
       first_answered_on IS NOT NULL AND first_answered_on <= coalesce(first_due_on, first_answered_on), late <> 0
FROM orders;
INSERT INTO rollup_review_delta
SELECT 1, i.agency, substr(json_extract(p.body, '$.published_on'), 1, 7), coalesce(json_extract(i.body, '$.total_cp'), 0)
FROM review_items i JOIN review_plans p ON p.id = i.plan_id WHERE i.status = 'done';
INSERT INTO rollup_report_delta
SELECT 1, agency, month, json_extract(body, '$.submitted_on') FROM monthly_reports;

INSERT INTO permissions(name, description, owner) VALUES
 ('stats.read', '查看统计分析：数据看板、大屏、排名、零执法、按月报送情况（数据范围内）', 'business');
INSERT INTO role_permissions(role, perm) VALUES
 ('supervisor', 'stats.read'), ('leader', 'stats.read'), ('agency_head', 'stats.read');

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('ranking_weights',
  '[{"indicator":"alerts_per_100","name":"每百件案件预警数","weight":30,"better":"lower","basis":"《行政执法监督条例》：行政执法监督机构对行政执法行为开展日常监督，预警数反映执法规范程度"},{"indicator":"decided_in_limit","name":"按期作出决定比例","weight":25,"better":"higher","basis":"《行政处罚法》第六十条：行政机关应当自立案之日起九十日内作出行政处罚决定"},{"indicator":"orders_on_time","name":"监督文书按期反馈比例","weight":20,"better":"higher","basis":"《行政执法监督条例》：行政执法机关应当按期整改并书面报告"},{"indicator":"review_avg","name":"案卷评查平均分","weight":15,"better":"higher","basis":"《行政执法监督条例》：行政执法监督机构通过案卷评查等方式开展监督"},{"indicator":"publicity_on_time","name":"处罚决定按期公示比例","weight":10,"better":"higher","basis":"《行政处罚法》第四十八条：具有一定社会影响的行政处罚决定应当依法公开"}]',
  '排名指标与权重：每项指标的名称、权重（合计 100）、越高越好或越低越好、依据', 'ranking_weights', NULL, NULL,
  '本地规定：行政执法监督考核指标与权重由行政执法监督机构确定');
