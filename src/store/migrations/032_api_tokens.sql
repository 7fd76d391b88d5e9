-- API tokens (issue 15, docs/hotline.md): how another system — the 12345 hotline platform — calls
-- zhifa without a person's session. Created by the system administrator, shown once, stored as the
-- SHA-256 of the token only (tokens are 32 random bytes, not passwords: no salt or slow hash
-- needed), scoped to one region, revocable; every use is an audit line.
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    region      TEXT NOT NULL,         -- the region whose agencies the token may address
    token_hash  TEXT NOT NULL UNIQUE,  -- hex SHA-256 of the token
    created_by  TEXT NOT NULL,         -- a username, or "cli"
    created_at  TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at  TEXT
);

INSERT INTO permissions(name, description, owner) VALUES
 ('tokens.write', '管理接口令牌（12345 热线等系统对接：新增、查看、吊销）', 'sysadmin');
INSERT INTO role_permissions(role, perm) VALUES ('sysadmin', 'tokens.write');
