-- Online case handling (mode 3, issue 6): the workflow row of each case handled in zhifa, its
-- append-only timeline, and the gap-free 文号 counters. The case itself stays an exchange-v1
-- record (records table), so the rule engine and the ledger see every act.
CREATE TABLE case_workflow (
    case_no    TEXT PRIMARY KEY,
    agency     TEXT NOT NULL,
    case_type  TEXT NOT NULL CHECK (case_type IN ('penalty_ordinary', 'penalty_simple')),
    stage      TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT '{}',  -- CaseState fields not in the record (JSON)
    assignees  TEXT NOT NULL DEFAULT '[]',  -- officer cert numbers (JSON array)
    doc_no     TEXT,                        -- 文号, allocated with the decision
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
-- GET /workflow/cases: an agency's cases, newest first; ?mine=1 by creator.
CREATE INDEX case_workflow_by_agency_updated ON case_workflow(agency, updated_at);
CREATE INDEX case_workflow_by_creator ON case_workflow(created_by, updated_at);

CREATE TABLE case_timeline (
    id         INTEGER PRIMARY KEY,
    case_no    TEXT NOT NULL,
    time       TEXT NOT NULL,
    user       TEXT NOT NULL,
    action     TEXT NOT NULL,
    from_stage TEXT,
    to_stage   TEXT,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_timeline_by_case ON case_timeline(case_no, id);
CREATE TRIGGER case_timeline_no_update BEFORE UPDATE ON case_timeline
BEGIN SELECT RAISE(ABORT, 'case_timeline is append-only'); END;
CREATE TRIGGER case_timeline_no_delete BEFORE DELETE ON case_timeline
BEGIN SELECT RAISE(ABORT, 'case_timeline is append-only'); END;

-- Next sequence number per agency and year; year 0 numbers the provisional 线索 case numbers.
CREATE TABLE doc_numbers (
    agency   TEXT NOT NULL,
    year     INTEGER NOT NULL,
    next_seq INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (agency, year)
) WITHOUT ROWID;

INSERT INTO settings(name, value, description) VALUES
 ('doc_number_pattern', '{abbr}处罚〔{year}〕{seq}号', '行政处罚决定书文号格式：{abbr} 机关简称，{year} 年度，{seq} 序号');

INSERT INTO permissions(name, description) VALUES
 ('cases.handle', '在线办理本机关的行政处罚案件：登记线索、立案、调查、告知、审核、决定、送达、结案');

INSERT INTO role_permissions(role, perm) VALUES
 ('officer', 'cases.handle'), ('agency_head', 'cases.handle'), ('legal_reviewer', 'cases.handle');
