-- 行政复议 platform (issue 24, docs/reconsideration.md): applications to the 行政复议机构, their steps
-- and periods under 《行政复议法》(2023). The columns are what lists, scope and statistics read;
-- `body` holds the application (applicant, act, request, facts) and the record of each step
-- (corrections, suspensions, extensions, hearings, the answer, the decision). Every row is logged
-- as a reconsideration.put event and every timeline row as reconsideration.timeline (ledger.md).
CREATE TABLE reconsiderations (
    id             INTEGER PRIMARY KEY,
    case_no        TEXT NOT NULL,          -- 复议案号, taken at registration
    region         TEXT NOT NULL,          -- the organ's region: the respondent agency's as stored
    respondent     TEXT NOT NULL,          -- the respondent agency (被申请人)
    status         TEXT NOT NULL CHECK (status IN ('received', 'correcting', 'accepted', 'copy_sent', 'answered',
                                                   'suspended', 'mediated', 'decided', 'rejected', 'closed')),
    procedure      TEXT NOT NULL CHECK (procedure IN ('ordinary', 'simple')),
    channel        TEXT NOT NULL,          -- counter | letter | post | portal
    received_on    TEXT NOT NULL,
    accepted_on    TEXT,
    decided_on     TEXT,
    outcome        TEXT,                   -- maintain | revoke | change | confirm_illegal | order_perform | dismiss
    reject_reason  TEXT,
    linked_case_no TEXT,                   -- the zhifa case the contested act is, when it is one
    body           TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX reconsiderations_by_case_no ON reconsiderations(case_no);
CREATE INDEX reconsiderations_by_respondent ON reconsiderations(respondent, status);
CREATE INDEX reconsiderations_by_region ON reconsiderations(region, received_on);

-- Every act, append-only; `on` is the act's date.
CREATE TABLE reconsideration_timeline (
    id                 INTEGER PRIMARY KEY,
    reconsideration_id INTEGER NOT NULL REFERENCES reconsiderations(id),
    time               TEXT NOT NULL,
    on_date            TEXT NOT NULL,
    user               TEXT NOT NULL,
    action             TEXT NOT NULL,
    from_status        TEXT,
    to_status          TEXT,
    note               TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reconsideration_timeline_by_owner ON reconsideration_timeline(reconsideration_id, id);
CREATE TRIGGER reconsideration_timeline_no_update BEFORE UPDATE ON reconsideration_timeline
BEGIN SELECT RAISE(ABORT, 'reconsideration_timeline is append-only'); END;
CREATE TRIGGER reconsideration_timeline_no_delete BEFORE DELETE ON reconsideration_timeline
BEGIN SELECT RAISE(ABORT, 'reconsideration_timeline is append-only'); END;

-- Gap-free 复议案号 per organ region and year, taken inside the registering transaction.
CREATE TABLE reconsideration_seq (
    region TEXT NOT NULL,
    year   INTEGER NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (region, year)
) WITHOUT ROWID;

INSERT INTO roles(id, name, description, data_scope, duty) VALUES
 ('reconsideration_officer', '行政复议承办人', '登记、审查、受理行政复议申请，审理并拟定复议决定（本行政区划）', 'region', 'business'),
 ('reconsideration_head',    '行政复议机构负责人', '行政复议承办人的职责，并批准延长审理期限（第六十二条）', 'region', 'business');

INSERT INTO permissions(name, description, owner) VALUES
 ('reconsideration.read',    '查看行政复议案件（复议机构：本行政区划；被申请人：本单位被申请的案件）', 'business'),
 ('reconsideration.handle',  '登记、审查、受理、审理行政复议案件，作出复议决定', 'business'),
 ('reconsideration.approve', '批准延长行政复议审理期限', 'business'),
 ('reconsideration.answer',  '作为被申请人提出书面答复并提交证据', 'business');

INSERT INTO role_permissions(role, perm) VALUES
 ('reconsideration_officer', 'reconsideration.read'), ('reconsideration_officer', 'reconsideration.handle'),
 ('reconsideration_head', 'reconsideration.read'), ('reconsideration_head', 'reconsideration.handle'),
 ('reconsideration_head', 'reconsideration.approve'),
 -- the respondent is picked from the agencies of the region (GET /agencies)
 ('reconsideration_officer', 'agencies.read'), ('reconsideration_head', 'agencies.read'),
 ('supervisor', 'reconsideration.read'), ('leader', 'reconsideration.read'),
 ('agency_head', 'reconsideration.read'), ('agency_head', 'reconsideration.answer'),
 ('officer', 'reconsideration.read'), ('officer', 'reconsideration.answer');

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('recon_case_number_pattern', '{abbr}政复〔{year}〕{seq}号',
  '行政复议案号格式：由复议机关所在行政区划简称、年度和序号组成（同一区划同一年度连续编号）', 'doc_number_pattern', NULL, NULL,
  '《行政复议法》第三十条：行政复议机关收到申请后审查、受理；案号按本地规定'),
 ('recon_apply_days', '60', '行政复议申请期限：自知道或者应当知道行政行为之日起（自然日，末日顺延）', 'integer', 60, 60,
  '《行政复议法》第二十条第一款'),
 ('recon_review_wd', '5', '收到申请（或补正材料）后审查期限（工作日）', 'integer', 5, 5,
  '《行政复议法》第三十条、第三十一条、第八十八条第二款'),
 ('recon_copy_wd', '7', '受理后向被申请人发送申请书副本的期限（工作日，普通程序）', 'integer', 7, 7,
  '《行政复议法》第四十八条、第八十八条第二款'),
 ('recon_copy_wd_simple', '3', '受理后发送申请书副本的期限（工作日，简易程序）', 'integer', 3, 3,
  '《行政复议法》第五十四条、第八十八条第二款'),
 ('recon_answer_wd', '10', '被申请人收到副本后书面答复的期限（工作日，普通程序）', 'integer', 10, 10,
  '《行政复议法》第四十八条、第八十八条第二款'),
 ('recon_answer_wd_simple', '5', '被申请人收到副本后书面答复的期限（工作日，简易程序）', 'integer', 5, 5,
  '《行政复议法》第五十四条、第八十八条第二款'),
 ('recon_decision_days', '60', '受理后作出行政复议决定的期限（自然日，普通程序）', 'integer', 1, 60,
  '《行政复议法》第六十二条第一款：六十日，法律规定的期限少于六十日的除外'),
 ('recon_decision_days_simple', '30', '受理后作出行政复议决定的期限（自然日，简易程序）', 'integer', 30, 30,
  '《行政复议法》第六十二条第二款'),
 ('recon_extension_max_days', '30', '经负责人批准延长审理期限的最长天数（合计）', 'integer', 1, 30,
  '《行政复议法》第六十二条第一款：延长期限最多不得超过三十日'),
 ('recon_opinion_days', '60', '行政复议意见书：有关机关报送纠正情况的期限（自然日）', 'integer', 60, 60,
  '《行政复议法》第七十六条'),
 ('recon_warn_wd', '3', '行政复议期限到期前多少个工作日标黄提醒', 'integer', 0, 30, '本地规定：临期预警');
