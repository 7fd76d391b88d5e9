-- Identity (issue 4): roles and their permissions as data, users, sessions, login throttling and
-- the append-only audit log. 三员分立: sysadmin manages users, secadmin manages roles and
-- permissions, auditor reads the audit log; the invariants that keep them apart are enforced in
-- code (src/domain/authz.c) as well as by the permissions below.
CREATE TABLE roles (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    data_scope  TEXT NOT NULL CHECK (data_scope IN ('agency', 'region', 'none'))
); -- a rowid table: rowid keeps the order roles are listed in

CREATE TABLE permissions (
    name        TEXT PRIMARY KEY,
    description TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE role_permissions (
    role TEXT NOT NULL REFERENCES roles(id),
    perm TEXT NOT NULL REFERENCES permissions(name),
    PRIMARY KEY (role, perm)
) WITHOUT ROWID;

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL DEFAULT '',
    password_hash        TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 1,
    role                 TEXT NOT NULL REFERENCES roles(id),
    agency               TEXT,          -- agency code (officers, heads, reviewers)
    region               TEXT,          -- GB/T 2260 code: supervisors' and leaders' scope
    disabled             INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    password_changed_at  TEXT NOT NULL
);

-- Tokens are stored as SHA-256 digests: a copy of the database does not yield live sessions.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    csrf_token  TEXT NOT NULL,
    created_at  INTEGER NOT NULL, -- unix seconds
    last_seen   INTEGER NOT NULL,
    ip          TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user_id);

-- Keyed by the name typed, existing or not, so throttling says nothing about which names exist.
CREATE TABLE login_failures (
    username     TEXT PRIMARY KEY,
    failures     INTEGER NOT NULL,
    locked_until INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id       INTEGER PRIMARY KEY,
    time     TEXT NOT NULL,
    username TEXT,
    role     TEXT,
    ip       TEXT NOT NULL,
    action   TEXT NOT NULL,   -- e.g. login, logout, login_failed, "PUT /api/v1/rule-config", read_personal
    target   TEXT NOT NULL DEFAULT '',
    result   TEXT NOT NULL,   -- ok | denied | failed | HTTP status
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_time ON audit_log(time);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

INSERT INTO roles(id, name, description, data_scope) VALUES
 ('officer',        '执法人员',         '办理案件：立案、调查取证、文书、期限', 'agency'),
 ('agency_head',    '执法机构负责人',   '审批案件，组织集体讨论', 'agency'),
 ('legal_reviewer', '法制审核人员',     '重大执法决定法制审核', 'agency'),
 ('supervisor',     '执法监督人员',     '预警监督、督办问诊、案卷评查、规则配置', 'region'),
 ('leader',         '司法局领导',       '只读：看板、通报、排名', 'region'),
 ('sysadmin',       '系统管理员',       '管理用户与机构；不能查看审计日志', 'none'),
 ('secadmin',       '安全保密管理员',   '管理角色与权限', 'none'),
 ('auditor',        '安全审计员',       '只能查看和导出审计日志', 'none');

INSERT INTO permissions(name, description) VALUES
 ('findings.read',     '查看监督预警'),
 ('findings.sweep',    '立即重新检查全部记录'),
 ('rules.read',        '查看监督规则目录'),
 ('rule_config.read',  '查看规则阈值配置'),
 ('rule_config.write', '修改规则阈值配置'),
 ('cases.read',        '查看案件'),
 ('ledger.read',       '查看存证树头与证明'),
 ('agencies.read',     '查看执法主体'),
 ('users.read',        '查看用户'),
 ('users.write',       '新增、修改、停用用户，重置密码'),
 ('roles.read',        '查看角色与权限'),
 ('roles.write',       '修改角色的权限'),
 ('audit.read',        '查询和导出审计日志');

INSERT INTO role_permissions(role, perm) VALUES
 ('officer', 'findings.read'), ('officer', 'rules.read'), ('officer', 'cases.read'),
 ('officer', 'ledger.read'), ('officer', 'agencies.read'),
 ('agency_head', 'findings.read'), ('agency_head', 'rules.read'), ('agency_head', 'cases.read'),
 ('agency_head', 'ledger.read'), ('agency_head', 'agencies.read'),
 ('legal_reviewer', 'findings.read'), ('legal_reviewer', 'rules.read'), ('legal_reviewer', 'cases.read'),
 ('legal_reviewer', 'ledger.read'), ('legal_reviewer', 'agencies.read'),
 ('supervisor', 'findings.read'), ('supervisor', 'findings.sweep'), ('supervisor', 'rules.read'),
 ('supervisor', 'rule_config.read'), ('supervisor', 'rule_config.write'), ('supervisor', 'cases.read'),
 ('supervisor', 'ledger.read'), ('supervisor', 'agencies.read'),
 ('leader', 'findings.read'), ('leader', 'rules.read'), ('leader', 'rule_config.read'),
 ('leader', 'cases.read'), ('leader', 'ledger.read'), ('leader', 'agencies.read'),
 ('sysadmin', 'users.read'), ('sysadmin', 'users.write'), ('sysadmin', 'agencies.read'),
 ('sysadmin', 'roles.read'),
 ('secadmin', 'roles.read'), ('secadmin', 'roles.write'),
 ('auditor', 'audit.read');
