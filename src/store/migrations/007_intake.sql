-- Data intake (issue 5): upload of exchange-v1 files, post-hoc case entry, monthly reporting.
-- The reporting deadline is data, not code: settings holds named values an administrator may
-- change later; report_due_day = the Nth day of the month after the reported month.
CREATE TABLE settings (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

INSERT INTO settings(name, value, description) VALUES
 ('report_due_day', '10', '按月报送截止日：次月第 N 日（含当日）');

INSERT INTO permissions(name, description) VALUES
 ('intake.write',    '导入数据、事后录入案件、按月报送'),
 ('reports.read',    '查看按月报送情况与逾期未报名单'),
 ('exchange.export', '导出本数据范围内的 exchange-v1 数据');

INSERT INTO role_permissions(role, perm) VALUES
 ('officer', 'intake.write'), ('agency_head', 'intake.write'), ('legal_reviewer', 'intake.write'),
 ('supervisor', 'intake.write'),
 ('supervisor', 'reports.read'), ('leader', 'reports.read'), ('agency_head', 'reports.read'),
 ('supervisor', 'exchange.export');
