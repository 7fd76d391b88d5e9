-- Approvals (issue 6): an approval step is a task with one or more required sign-offs (会签),
-- approvers may be added (加签), and a task left unsigned escalates to the next level. The tiers
-- of approval authority are data (settings `approval_policy`); each user may carry an approver
-- level (NULL = the policy's unassigned_head_level for agency heads).
CREATE TABLE approval_tasks (
    id           INTEGER PRIMARY KEY,
    case_no      TEXT NOT NULL,
    agency       TEXT NOT NULL,
    action       TEXT NOT NULL,             -- approve_filing | approve_decision | close
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'cancelled')),
    task         TEXT NOT NULL,             -- slots, requested_on, due_on, escalations (JSON)
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
-- At most one open task per case; the case view and the signing step look it up by case.
CREATE UNIQUE INDEX approval_tasks_pending_by_case ON approval_tasks(case_no) WHERE status = 'pending';
-- GET /workflow/approvals and the escalation run: the open tasks of an agency / of all agencies.
CREATE INDEX approval_tasks_by_status_agency ON approval_tasks(status, agency);

ALTER TABLE users ADD COLUMN approval_level INTEGER;

INSERT INTO settings(name, value, description) VALUES
 ('approval_policy', '{"levels":[{"level":1,"code":"deputy","name":"分管负责人"},{"level":2,"code":"principal","name":"主要负责人"}],"default_level":1,"unassigned_head_level":1,"escalate_after_workdays":3,"rules":[{"actions":["approve_decision","close"],"fine_min":50000,"measures":["suspend_business","revoke_license","close"],"level":2,"basis":"《行政处罚法》第五十七条；本地规定：较大数额罚款（五万元以上）、责令停产停业、吊销许可证件、责令关闭由主要负责人审批"},{"actions":["approve_decision"],"major":true,"level":2,"legal":true,"basis":"《行政处罚法》第五十七条第二款、第五十八条：重大、复杂案件由主要负责人审批，法制审核机构会签"}]}',
  '审批分级（《行政处罚法》第五十七条及地方规定）：审批层级、按罚款数额与处罚种类所需的审批层级、法制审核会签、超过若干工作日未审批即上报上一级');
