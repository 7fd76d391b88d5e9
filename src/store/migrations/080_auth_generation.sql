-- A counter every change that can end or narrow a login moves (docs/scale.md, session cache): a
-- session deleted (logout, password change, expiry), a user changed (disabled, role, agency,
-- password), a role's permissions or an agency's name or region changed. A web process may keep
-- sessions in memory as long as this number is the one it read with them; one indexed read of a
-- one-row table per request tells every process, at once, that it must look again. Triggers move it,
-- so no writer (the API, `zhifa user`, another process) can forget to.
CREATE TABLE auth_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO auth_generation(id, n) VALUES (1, 0);

CREATE TRIGGER auth_gen_session_delete AFTER DELETE ON sessions
BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_user_update AFTER UPDATE ON users
BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_user_delete AFTER DELETE ON users
BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_role_perm_insert AFTER INSERT ON role_permissions
BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_role_perm_delete AFTER DELETE ON role_permissions
BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_role_update AFTER UPDATE ON roles
BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER auth_gen_agency_update AFTER UPDATE OF name, region ON agencies
WHEN OLD.name IS NOT NEW.name OR OLD.region IS NOT NEW.region
BEGIN UPDATE auth_generation SET n = n + 1 WHERE id = 1; END;
