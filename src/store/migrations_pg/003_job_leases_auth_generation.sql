-- The twins of SQLite migrations 079 (job leases) and 080 (auth generation), docs/scale.md.

-- Background jobs elected through the database: only the process holding a job's lease runs it;
-- another takes it over once expires_at (unix seconds) has passed.
CREATE TABLE job_leases (
    job         TEXT PRIMARY KEY CHECK (length(job) <= 40),
    holder      TEXT NOT NULL CHECK (length(holder) <= 120),
    acquired_at BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);

-- A counter every change that can end or narrow a login moves: a session deleted, a user changed,
-- a role or its permissions changed, an agency's name or region changed. Row triggers as in SQLite,
-- so the bump is in the very transaction of the change (it commits or rolls back with it) and no
-- writer can forget it.
CREATE TABLE auth_generation (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO auth_generation(id, n) VALUES (1, 0);

CREATE FUNCTION zf_auth_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE auth_generation SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END $$;

CREATE TRIGGER auth_gen_session_delete AFTER DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION zf_auth_generation_bump();
CREATE TRIGGER auth_gen_user_update AFTER UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION zf_auth_generation_bump();
CREATE TRIGGER auth_gen_user_delete AFTER DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION zf_auth_generation_bump();
CREATE TRIGGER auth_gen_role_perm_insert AFTER INSERT ON role_permissions
    FOR EACH ROW EXECUTE FUNCTION zf_auth_generation_bump();
CREATE TRIGGER auth_gen_role_perm_delete AFTER DELETE ON role_permissions
    FOR EACH ROW EXECUTE FUNCTION zf_auth_generation_bump();
CREATE TRIGGER auth_gen_role_update AFTER UPDATE ON roles
    FOR EACH ROW EXECUTE FUNCTION zf_auth_generation_bump();
CREATE TRIGGER auth_gen_agency_update AFTER UPDATE OF name, region ON agencies
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.region IS DISTINCT FROM NEW.region)
    EXECUTE FUNCTION zf_auth_generation_bump();
