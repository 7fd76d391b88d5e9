-- 案件查询 at a million cases (docs/case-query.md): the fields its filters, sort and rows read, as
-- columns beside the body instead of json_extract over every body per request. The put of a case
-- record (store/sqlite.c, REC_CASE) fills them from the body in the same statement; `region` is the
-- case's agency's region, kept by the two triggers below when the agency comes or moves. `zhifa
-- verify` holds each to its source (column_changed, docs/ledger.md). A case's status is read from
-- decided_on and closed_on, not stored apart from them.
ALTER TABLE cases ADD COLUMN region TEXT;
ALTER TABLE cases ADD COLUMN procedure TEXT;
ALTER TABLE cases ADD COLUMN filed_on TEXT;
ALTER TABLE cases ADD COLUMN decided_on TEXT;
ALTER TABLE cases ADD COLUMN closed_on TEXT;
ALTER TABLE cases ADD COLUMN fine_fen INTEGER;      -- decision.fine in fen; NULL when no fine
ALTER TABLE cases ADD COLUMN party_name TEXT;
ALTER TABLE cases ADD COLUMN doc_no TEXT;           -- decision.doc_no

-- A body that is not JSON (only by a hand edit) keeps NULLs here rather than fail the upgrade;
-- verify names it anyway.
UPDATE cases SET
    region = (SELECT a.region FROM agencies a WHERE a.code = cases.agency),
    procedure = json_extract(body, '$.procedure'),
    filed_on = json_extract(body, '$.filed_on'),
    decided_on = json_extract(body, '$.decided_on'),
    closed_on = json_extract(body, '$.closed_on'),
    fine_fen = CAST(round(json_extract(body, '$.decision.fine') * 100) AS INTEGER),
    party_name = json_extract(body, '$.party.name'),
    doc_no = json_extract(body, '$.decision.doc_no')
WHERE json_valid(body);

-- An agency's cases are in its region: when it is written or moves, they move with it (data scope
-- reads cases.region).
CREATE TRIGGER agencies_region_to_cases_on_insert AFTER INSERT ON agencies BEGIN
    UPDATE cases SET region = NEW.region WHERE agency = NEW.code AND region IS NOT NEW.region;
END;
CREATE TRIGGER agencies_region_to_cases_on_update AFTER UPDATE OF region ON agencies
WHEN NEW.region IS NOT OLD.region BEGIN
    UPDATE cases SET region = NEW.region WHERE agency = NEW.code;
END;

-- Each index is the default sort (filed_on DESC, then case_no) under the equality filter that comes
-- first, with the columns the status filter and the scope test read appended: a page reads only its
-- own rows, and `total` is counted in the index alone. Chosen with EXPLAIN QUERY PLAN on 1M cases
-- (docs/case-query.md). cases_by_filed serves a scope or region prefix (a range) with the sort.
CREATE INDEX cases_by_agency_filed ON cases(agency, filed_on DESC, case_no, decided_on, closed_on, region);
CREATE INDEX cases_by_region_filed ON cases(region, filed_on DESC, case_no, decided_on, closed_on);
CREATE INDEX cases_by_filed ON cases(filed_on DESC, case_no, region, decided_on, closed_on);
-- The open findings of a subject: the per-row count and worst severity of a page, and the subjects
-- has_findings / severity select, read in the index alone (resolved_at in it too, so SQLite 3.40
-- takes it as covering). subject before severity: with severity second, the planner took it for
-- the per-row lookups and read every open finding per row.
CREATE INDEX findings_open_subjects ON findings(subject_type, subject, severity, resolved_at) WHERE resolved_at IS NULL;
