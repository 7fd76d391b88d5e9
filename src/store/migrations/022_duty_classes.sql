-- 三员分立 as data. GB/T 22239-2019 (等保 2.0) 8.1.4.2 c) 应授予管理用户所需的最小权限，实现管理用户
-- 的权限分离; 8.1.5 安全管理中心: 系统管理、审计管理、安全管理分由系统管理员、审计管理员、安全管理员
-- 承担 (GB/T 20269-2006 likewise). Every role belongs to one duty class — one of the three
-- administrators, or the business roles — and every permission has exactly one owner class. A
-- role may hold only the permissions its class owns; a few reads another class needs to do its
-- own duty are shared explicitly below, each with its reason. No role edit moves a permission
-- across classes (api/roles.c). `core` marks the permission that is its owner's duty: the
-- owner's role cannot be stripped of it.
ALTER TABLE roles ADD COLUMN duty TEXT NOT NULL DEFAULT 'business'
    CHECK (duty IN ('business', 'sysadmin', 'secadmin', 'auditor'));
UPDATE roles SET duty = id WHERE id IN ('sysadmin', 'secadmin', 'auditor');

ALTER TABLE permissions ADD COLUMN owner TEXT NOT NULL DEFAULT 'business'
    CHECK (owner IN ('business', 'sysadmin', 'secadmin', 'auditor'));
ALTER TABLE permissions ADD COLUMN core INTEGER NOT NULL DEFAULT 0 CHECK (core IN (0, 1));
-- system administration: accounts and the installation's settings
UPDATE permissions SET owner = 'sysadmin' WHERE name IN ('users.read', 'users.write', 'settings.read', 'settings.write');
-- security administration: roles and their permissions
UPDATE permissions SET owner = 'secadmin' WHERE name IN ('roles.read', 'roles.write');
-- audit administration: the audit log
UPDATE permissions SET owner = 'auditor' WHERE name = 'audit.read';
UPDATE permissions SET core = 1 WHERE name IN ('users.write', 'roles.write', 'audit.read');

CREATE TABLE permission_shares (
    perm   TEXT NOT NULL REFERENCES permissions(name),
    duty   TEXT NOT NULL CHECK (duty IN ('business', 'sysadmin', 'secadmin', 'auditor')),
    reason TEXT NOT NULL,
    PRIMARY KEY (perm, duty)
) WITHOUT ROWID;
INSERT INTO permission_shares(perm, duty, reason) VALUES
 ('agencies.read', 'sysadmin', '系统管理员为用户指定所属执法主体'),
 ('roles.read',    'sysadmin', '系统管理员为用户指定角色'),
 ('settings.read', 'business', '监督人员和领导查看报送截止日、审批分级等参数（只读）');

-- Grants the old check let through across classes (e.g. settings.write for an officer) are
-- withdrawn, each with a line in the audit log.
INSERT INTO audit_log(time, username, role, ip, action, target, result, detail)
 SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), NULL, NULL, '', 'role_permission_withdrawn', rp.role || ' ' || rp.perm,
        'ok', '三员分立：权限不属于该角色的职责类别（迁移 022）'
   FROM role_permissions rp JOIN roles r ON r.id = rp.role JOIN permissions p ON p.name = rp.perm
  WHERE p.owner <> r.duty AND NOT EXISTS (SELECT 1 FROM permission_shares s WHERE s.perm = p.name AND s.duty = r.duty);
DELETE FROM role_permissions
 WHERE EXISTS (SELECT 1 FROM roles r JOIN permissions p ON p.name = role_permissions.perm
                WHERE r.id = role_permissions.role AND p.owner <> r.duty
                  AND NOT EXISTS (SELECT 1 FROM permission_shares s WHERE s.perm = p.name AND s.duty = r.duty));
