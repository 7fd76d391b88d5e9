-- Settings an administrator edits on the 系统参数 page. Each row declares how a new value is
-- checked (kind and bounds: an integer range, or a 文号 pattern) and the basis it rests on;
-- kind NULL = shown, changed only by an upgrade. Who changed it last and when is kept here, the
-- change itself in the audit log.
ALTER TABLE settings ADD COLUMN kind TEXT CHECK (kind IS NULL OR kind IN ('integer', 'doc_number_pattern'));
ALTER TABLE settings ADD COLUMN min_value INTEGER;
ALTER TABLE settings ADD COLUMN max_value INTEGER;
ALTER TABLE settings ADD COLUMN basis TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN updated_at TEXT;
ALTER TABLE settings ADD COLUMN updated_by TEXT;

-- Day 29–31 do not exist in every month: a deadline on one would silently move.
UPDATE settings SET kind = 'integer', min_value = 1, max_value = 28,
    basis = '按月报送制度：未上线办案系统的执法主体于次月规定日前报送上月执法数据（本级司法行政部门确定）'
 WHERE name = 'report_due_day';
UPDATE settings SET kind = 'doc_number_pattern',
    basis = '《行政处罚法》第五十九条：行政处罚决定书应当载明作出决定的行政机关名称和作出决定的日期；文号格式由各机关公文编号规则确定'
 WHERE name = 'doc_number_pattern';

INSERT INTO permissions(name, description) VALUES
 ('settings.read',  '查看系统参数（报送截止日、文号格式等）'),
 ('settings.write', '修改系统参数');

INSERT INTO role_permissions(role, perm) VALUES
 ('sysadmin', 'settings.read'), ('sysadmin', 'settings.write'),
 ('supervisor', 'settings.read'), ('supervisor', 'settings.write'),
 ('leader', 'settings.read');
