-- Approvals as people do them (issue 19): each sign-off carries its 审批意见 and a refusal (不同意，
-- 退回) its reason, kept in the task's JSON; the case's signature history reads every task of a
-- case, whatever its status. The opinion given when the approver writes none is a setting.
CREATE INDEX approval_tasks_by_case ON approval_tasks(case_no, id);

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('approval_default_opinion', '同意。', '审批意见：审批人同意且未填写意见时记录的默认意见（不同意时须填写理由）', 'short_text', NULL, NULL,
  '《行政处罚法》第五十七条：调查终结，行政机关负责人应当对调查结果进行审查；审批意见随签署记入案卷');
