-- 重点督查对象 (issue 15): each year the agencies with the most problems across leads, reconsideration,
-- litigation, supervision orders and rule findings, by weights that are settings, shown to the region's
-- supervisors and leaders as the list a review plan or an inspection starts from.
INSERT INTO permissions(name, description) VALUES ('focus.read', '查看重点督查对象');
INSERT INTO role_permissions(role, perm) VALUES ('supervisor', 'focus.read'), ('leader', 'focus.read');

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('focus_weight_lead', '1', '重点督查对象：每件经受理的投诉、举报、信访等线索计分', 'integer', 1, 100, '本地规定：问题线索反映执法问题的多少'),
 ('focus_weight_reconsideration', '3', '重点督查对象：每件行政复议中被撤销、变更或确认违法的决定计分', 'integer', 1, 100,
  '《行政复议法》第七十六条：复议中发现的违法或者不当行政行为'),
 ('focus_weight_litigation', '3', '重点督查对象：每件行政诉讼中被撤销、变更或确认违法的决定计分', 'integer', 1, 100, '本地规定'),
 ('focus_weight_order', '2', '重点督查对象：每份下发的监督文书（督办、问诊、意见书）计分', 'integer', 1, 100, '本地规定'),
 ('focus_weight_overdue_order', '3', '重点督查对象：每份逾期未整改的监督文书另计分', 'integer', 1, 100, '本地规定'),
 ('focus_weight_violation', '1', '重点督查对象：每条当年发现的违法类预警计分', 'integer', 1, 100, 'spec/rules.md 违法类预警'),
 ('focus_list_size', '10', '重点督查对象：每年列入名单的执法主体数量', 'integer', 1, 200, '本地规定');
