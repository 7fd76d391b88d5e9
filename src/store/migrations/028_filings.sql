-- 重大行政执法决定备案 (issue 14): a decision that is major under the setting `major_filing_policy`
-- (a case the approval policy handles as major, a fine at or above the threshold, a measure that is
-- always major) is filed with the supervising 司法局 automatically, as soon as the decision is
-- stored (online step, import, post-hoc entry); the supervisor reviews it (无异议 / 提出意见 → an
-- order). One row per case: filing is idempotent.
CREATE TABLE filings (
    id          INTEGER PRIMARY KEY,
    case_no     TEXT NOT NULL UNIQUE,
    agency      TEXT NOT NULL,
    region      TEXT NOT NULL DEFAULT '',      -- the agency's GB/T 2260 region when filed (scope)
    reasons     TEXT NOT NULL,                 -- why it is major, in Chinese, "；"-separated
    decided_on  TEXT NOT NULL,
    served_on   TEXT,                          -- when known at filing
    filed_on    TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    late        INTEGER NOT NULL CHECK (late IN (0, 1)),
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'reviewed')),
    result      TEXT CHECK (result IS NULL OR result IN ('no_objection', 'opinion')),
    reviewer    TEXT,
    reviewed_at TEXT,
    note        TEXT NOT NULL DEFAULT '',
    order_id    INTEGER,
    created_at  TEXT NOT NULL
);
-- The list: a region's filings (scope prefix on region), newest first, by status / late.
CREATE INDEX filings_by_region_filed ON filings(region, filed_on);
CREATE INDEX filings_by_agency_filed ON filings(agency, filed_on);
CREATE INDEX filings_by_status_late ON filings(status, late);

-- The filing run reads only the cases changed since its last run (updated_at, migration 009),
-- not every body each time; the mark is reset when the policy it was taken under changes.
CREATE INDEX cases_by_updated_at ON cases(updated_at);
CREATE TABLE filing_scan (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    mark    TEXT,                              -- newest cases.updated_at seen; NULL = scan everything
    policy  TEXT NOT NULL DEFAULT ''           -- the policy text and the approval policy it ran under
);
INSERT INTO filing_scan(id, mark, policy) VALUES (1, NULL, '');

-- Law as data. 行政执法监督条例 (国务院令第825号) leaves the list and the period to local rules; the
-- typical local value (e.g. provincial 重大行政执法决定备案 rules): filed within 15 days of service,
-- major = a fine ≥ 10,000 yuan for a person or ≥ 100,000 yuan for an organisation, 责令停产停业,
-- 吊销许可证件, 责令关闭, or a case handled as major (行政处罚法 第五十七条第二款、第五十八条). 15 days
-- are natural days: 行政处罚法 第八十五条 makes only its 2/3/5/7-day periods working days; counted
-- from the next day, a last day on a holiday moves to the next working day (民法典 第二百零一、二百零三条).
INSERT INTO settings(name, value, description, kind, basis) VALUES
 ('major_filing_policy',
  '{"period_days":15,"day_kind":"calendar","person_fine_min":10000,"org_fine_min":100000,"measures":["suspend_business","revoke_license","close"],"approval_major":true,"basis":"《行政执法监督条例》（国务院令第825号）；本地重大行政执法决定备案规定：作出重大行政处罚决定之日起（已送达的自送达之日起）15日内报同级司法行政部门备案；对个人处一万元以上、对单位处十万元以上罚款，责令停产停业、吊销许可证件、责令关闭，及按重大案件审批的决定"}',
  '重大行政执法决定备案：备案期限（日数、自然日或工作日）、罚款数额标准（个人、单位，元）、一律备案的处罚种类、按审批规则认定为重大案件的是否备案',
  'major_filing_policy',
  '《行政执法监督条例》（国务院令第825号）第六条；地方重大行政执法决定备案规定（期限与标准以本地规定为准）；期间计算：《行政处罚法》第八十五条、《民法典》第二百零一条、第二百零三条');

INSERT INTO permissions(name, description) VALUES
 ('filings.read',   '查看重大行政执法决定备案');
-- agency heads see their own agency's filings (the scope of their role); supervisors review them
-- with orders.write (migration 027): an opinion is a supervision order.
INSERT INTO role_permissions(role, perm) VALUES
 ('supervisor', 'filings.read'), ('leader', 'filings.read'), ('agency_head', 'filings.read');
