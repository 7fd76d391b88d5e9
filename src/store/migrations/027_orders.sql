-- Supervision orders (issue 14, docs/orders.md): 督办通知书 / 执法监督问诊单 / 执法监督意见书 sent by a
-- region's supervisors to an agency of that region, signed for, answered, returned or accepted,
-- escalated when overdue. The columns are what lists, scope and reminders read; `body` holds the
-- document's text (problem, basis, measures, cases, findings, the latest answer, the referral).
-- Every row is logged as an order.put event and every timeline row as order.timeline (ledger.md).
CREATE TABLE orders (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT NOT NULL,
    doc_no             TEXT,                 -- NULL while a draft: numbers are taken at issue, gap-free
    agency             TEXT NOT NULL,        -- the target agency
    region             TEXT NOT NULL,        -- the issuing supervisor's region (行政执法监督机构)
    status             TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'received', 'responded', 'accepted', 'returned')),
    deadline_wd        INTEGER NOT NULL DEFAULT 0,
    issued_on          TEXT,
    due_on             TEXT,
    last_act_on        TEXT NOT NULL,
    escalation         INTEGER NOT NULL DEFAULT 0 CHECK (escalation BETWEEN 0 AND 2),
    rounds             INTEGER NOT NULL DEFAULT 0,
    reminded           TEXT NOT NULL DEFAULT '', -- the colour of the round already reminded: '' | yellow | red
    first_due_on       TEXT,                 -- the first round's due date (statistics: answered on time)
    first_answered_on  TEXT,
    accepted_on        TEXT,
    late               INTEGER NOT NULL DEFAULT 0, -- ever overdue
    body               TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
-- GET /orders: an agency's orders by status; a region's by status; the reminder run's running orders.
CREATE INDEX orders_by_agency_status ON orders(agency, status);
CREATE INDEX orders_by_status_due ON orders(status, due_on);
CREATE INDEX orders_by_created ON orders(created_at);
-- One 文号 once within the issuing region (two regions may share a 简称, as 鼓楼区 does).
CREATE UNIQUE INDEX orders_doc_no_by_region ON orders(region, doc_no) WHERE doc_no IS NOT NULL;

-- Which cases and findings an order concerns: the case page's orders, the alert board's badges.
CREATE TABLE order_cases (
    order_id INTEGER NOT NULL REFERENCES orders(id),
    case_no  TEXT NOT NULL,
    PRIMARY KEY (order_id, case_no)
) WITHOUT ROWID;
CREATE INDEX order_cases_by_case ON order_cases(case_no);
CREATE TABLE order_findings (
    order_id   INTEGER NOT NULL REFERENCES orders(id),
    finding_id INTEGER NOT NULL,
    PRIMARY KEY (order_id, finding_id)
) WITHOUT ROWID;
CREATE INDEX order_findings_by_finding ON order_findings(finding_id);

-- Every act, append-only; `on` is the act's date (may be earlier than `time`, never later).
CREATE TABLE order_timeline (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    time        TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    user        TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX order_timeline_by_order ON order_timeline(order_id, id);
CREATE TRIGGER order_timeline_no_update BEFORE UPDATE ON order_timeline
BEGIN SELECT RAISE(ABORT, 'order_timeline is append-only'); END;
CREATE TRIGGER order_timeline_no_delete BEFORE DELETE ON order_timeline
BEGIN SELECT RAISE(ABORT, 'order_timeline is append-only'); END;

-- Evidence files of an order (the supervisor's, the agency's answer), stored like case attachments.
CREATE TABLE order_attachments (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders(id),
    purpose     TEXT NOT NULL CHECK (purpose IN ('evidence', 'response')),
    name        TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sm3         TEXT NOT NULL,
    ledger_seq  INTEGER NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX order_attachments_by_order ON order_attachments(order_id, id);
CREATE TRIGGER order_attachments_no_update BEFORE UPDATE ON order_attachments
BEGIN SELECT RAISE(ABORT, 'order_attachments is append-only'); END;
CREATE TRIGGER order_attachments_no_delete BEFORE DELETE ON order_attachments
BEGIN SELECT RAISE(ABORT, 'order_attachments is append-only'); END;

-- Gap-free 文号 per issuing region and year, taken inside the issuing transaction.
CREATE TABLE order_doc_seq (
    region TEXT NOT NULL,
    year   INTEGER NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (region, year)
) WITHOUT ROWID;

INSERT INTO permissions(name, description) VALUES
 ('orders.read',    '查看监督文书（督办、问诊、意见书）'),
 ('orders.write',   '起草、下发、确认、退回、升级监督文书'),
 ('orders.respond', '签收监督文书并反馈整改情况');
INSERT INTO role_permissions(role, perm) VALUES
 ('supervisor', 'orders.read'), ('supervisor', 'orders.write'),
 ('leader', 'orders.read'),
 ('agency_head', 'orders.read'), ('agency_head', 'orders.respond'),
 ('officer', 'orders.read'), ('officer', 'orders.respond');

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('order_doc_number_pattern', '{abbr}司督〔{year}〕{seq}号',
  '监督文书文号格式：{abbr} 下发机关所在行政区划简称，{year} 年度，{seq} 序号（同一区划同一年度连续编号）',
  'doc_number_pattern', NULL, NULL, '《党政机关公文处理工作条例》第九条：发文字号由发文机关代字、年份、发文顺序号组成'),
 ('order_supervise_wd', '15', '督办通知书的默认整改期限（工作日）', 'integer', 1, 120,
  '《行政执法监督条例》：行政执法监督机构责令限期改正，行政执法机关应当按期整改并书面报告；期限按本地规定'),
 ('order_consult_wd', '10', '执法监督问诊单的默认答复期限（工作日）', 'integer', 1, 120,
  '《行政执法监督条例》：行政执法机关应当配合监督、如实说明情况；期限按本地规定'),
 ('order_opinion_wd', '15', '执法监督意见书的默认反馈期限（工作日）', 'integer', 1, 120,
  '《行政执法监督条例》：行政执法监督机构提出意见，行政执法机关应当书面反馈；期限按本地规定'),
 ('order_warn_wd', '3', '监督文书到期前多少个工作日标黄提醒', 'integer', 0, 30,
  '本地规定：临期预警'),
 ('order_escalate_first_wd', '5', '监督文书逾期多少个工作日后通报上级行政执法监督机构', 'integer', 1, 60,
  '《行政执法监督条例》：行政执法机关拒不整改的，由上级行政执法监督机构督促；期限按本地规定'),
 ('order_escalate_second_wd', '10', '通报上级后再逾期多少个工作日提请同级人民政府处理', 'integer', 1, 60,
  '《行政执法监督条例》：对拒不纠正的，提请本级人民政府依法处理；期限按本地规定');
