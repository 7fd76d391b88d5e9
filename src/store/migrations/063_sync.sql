-- 多级汇聚 (issue 22, docs/sync.md): the node registry of an upper level, the link of a lower level
-- to its upper, the outbox of changed records with its cursor, the batches exchanged and their bad
-- lines, the witness signatures an upper level gave on the heads it checked.

-- Upper side: the lower nodes, registered by `zhifa node add` (token shown once, SHA-256 kept).
CREATE TABLE sync_nodes (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    region      TEXT NOT NULL,          -- GB/T 2260: the node pushes records of agencies within it
    token_hash  TEXT NOT NULL UNIQUE,
    public_key  TEXT,                   -- SM2 PEM, set by the enrolment (NULL = not enrolled yet)
    key_id      TEXT,
    status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'refused')),
    refused_reason TEXT,
    cursor      INTEGER NOT NULL DEFAULT 0, -- the node's last acknowledged change seq
    head_size   INTEGER NOT NULL DEFAULT 0, -- the node's ledger head checked last
    head_root   TEXT,
    head_time   INTEGER,
    pending     INTEGER NOT NULL DEFAULT 0, -- lines the node still had after its last batch (lag)
    last_batch_at TEXT,
    children    TEXT,                   -- the node's own lower nodes as its last batch said (JSON array)
    created_at  TEXT NOT NULL,
    enrolled_at TEXT
);

-- Lower side: its one upper link (`zhifa sync enrol`); while it exists the outbox fills.
CREATE TABLE sync_upper (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    url         TEXT NOT NULL,
    token       TEXT NOT NULL,          -- the enrolment token: the node's credential with its key
    upper_key   TEXT NOT NULL,          -- the upper level's SM2 public key PEM
    upper_key_id TEXT NOT NULL,
    node_name   TEXT NOT NULL,
    region      TEXT NOT NULL,
    cursor      INTEGER NOT NULL DEFAULT 0,
    down_cursor INTEGER NOT NULL DEFAULT 0, -- the upper's last published seq applied here
    last_push_at TEXT,
    last_error  TEXT,
    enrolled_at TEXT NOT NULL
);

-- Lower side: each record once, at the seq of its latest change (docs/sync.md "The outbox"); a
-- 权责清单 or 裁量基准 item that came from above (sync_published) is not sent back up.
CREATE TABLE sync_changes (
    seq   INTEGER PRIMARY KEY AUTOINCREMENT,
    type  TEXT NOT NULL,
    key   TEXT NOT NULL,
    key2  TEXT NOT NULL DEFAULT '',
    UNIQUE (type, key, key2)
);

-- Both sides: 'in' = received by this upper level from node_id, 'out' = sent up and acknowledged,
-- 'down' = published items of the upper level applied here (changes: [{kind,key,change}]).
CREATE TABLE sync_batches (
    id          INTEGER PRIMARY KEY,
    direction   TEXT NOT NULL CHECK (direction IN ('in', 'out', 'down')),
    node_id     INTEGER NOT NULL,       -- sync_nodes.id for 'in', 0 for 'out'
    from_seq    INTEGER NOT NULL,
    to_seq      INTEGER NOT NULL,
    lines       INTEGER NOT NULL,
    imported    INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    head_size   INTEGER NOT NULL,
    head_root   TEXT,
    changes     TEXT,
    at          TEXT NOT NULL,
    UNIQUE (direction, node_id, to_seq)
);
CREATE INDEX sync_batches_by_time ON sync_batches(direction, id);

CREATE TABLE sync_batch_errors (
    batch_id  INTEGER NOT NULL REFERENCES sync_batches(id),
    line      INTEGER NOT NULL,
    key       TEXT NOT NULL,
    error     TEXT NOT NULL,
    PRIMARY KEY (batch_id, line)
);

-- Upper side (and a middle level relaying): what this level publishes to the levels below — law
-- texts (kind 'law', key = file name, body = the markdown) and its 权责清单/裁量基准 (kind 'record',
-- key = type:key, body = the exchange-v1 line). Each item once, at the seq of its latest version.
CREATE TABLE sync_published (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL CHECK (kind IN ('law', 'record')),
    key          TEXT NOT NULL,
    body         TEXT NOT NULL,
    hash         TEXT NOT NULL,
    published_at TEXT NOT NULL,
    UNIQUE (kind, key)
);

-- Lower side: the upper level's countersignatures of heads it checked.
CREATE TABLE sync_witnesses (
    id          INTEGER PRIMARY KEY,
    tree_size   INTEGER NOT NULL,
    root        TEXT NOT NULL,
    head_time   INTEGER NOT NULL,
    upper_key_id TEXT NOT NULL,
    signature   TEXT NOT NULL,
    received_at TEXT NOT NULL
);

CREATE TRIGGER sync_queue_agencies_ins AFTER INSERT ON agencies
WHEN EXISTS (SELECT 1 FROM sync_upper)
BEGIN
    DELETE FROM sync_changes WHERE type = 'agency' AND key = NEW.code AND key2 = '';
    INSERT INTO sync_changes(type, key, key2) VALUES ('agency', NEW.code, '');
END;

CREATE TRIGGER sync_queue_agencies_upd AFTER UPDATE OF body ON agencies
WHEN EXISTS (SELECT 1 FROM sync_upper)
BEGIN
    DELETE FROM sync_changes WHERE type = 'agency' AND key = NEW.code AND key2 = '';
    INSERT INTO sync_changes(type, key, key2) VALUES ('agency', NEW.code, '');
END;

CREATE TRIGGER sync_queue_officers_ins AFTER INSERT ON officers
WHEN EXISTS (SELECT 1 FROM sync_upper)
BEGIN
    DELETE FROM sync_changes WHERE type = 'officer' AND key = NEW.cert_no AND key2 = '';
    INSERT INTO sync_changes(type, key, key2) VALUES ('officer', NEW.cert_no, '');
END;

CREATE TRIGGER sync_queue_officers_upd AFTER UPDATE OF body ON officers
WHEN EXISTS (SELECT 1 FROM sync_upper)
BEGIN
    DELETE FROM sync_changes WHERE type = 'officer' AND key = NEW.cert_no AND key2 = '';
    INSERT INTO sync_changes(type, key, key2) VALUES ('officer', NEW.cert_no, '');
END;

CREATE TRIGGER sync_queue_powers_ins AFTER INSERT ON powers
WHEN EXISTS (SELECT 1 FROM sync_upper)
  AND NOT EXISTS (SELECT 1 FROM sync_published WHERE kind = 'record' AND key = 'power:' || NEW.code)
BEGIN
    DELETE FROM sync_changes WHERE type = 'power' AND key = NEW.code AND key2 = '';
    INSERT INTO sync_changes(type, key, key2) VALUES ('power', NEW.code, '');
END;

CREATE TRIGGER sync_queue_powers_upd AFTER UPDATE OF body ON powers
WHEN EXISTS (SELECT 1 FROM sync_upper)
  AND NOT EXISTS (SELECT 1 FROM sync_published WHERE kind = 'record' AND key = 'power:' || NEW.code)
BEGIN
    DELETE FROM sync_changes WHERE type = 'power' AND key = NEW.code AND key2 = '';
    INSERT INTO sync_changes(type, key, key2) VALUES ('power', NEW.code, '');
END;

CREATE TRIGGER sync_queue_benchmarks_ins AFTER INSERT ON benchmarks
WHEN EXISTS (SELECT 1 FROM sync_upper)
  AND NOT EXISTS (SELECT 1 FROM sync_published WHERE kind = 'record' AND key = 'benchmark:' || NEW.power)
BEGIN
    DELETE FROM sync_changes WHERE type = 'benchmark' AND key = NEW.power AND key2 = '';
    INSERT INTO sync_changes(type, key, key2) VALUES ('benchmark', NEW.power, '');
END;

CREATE TRIGGER sync_queue_benchmarks_upd AFTER UPDATE OF body ON benchmarks
WHEN EXISTS (SELECT 1 FROM sync_upper)
  AND NOT EXISTS (SELECT 1 FROM sync_published WHERE kind = 'record' AND key = 'benchmark:' || NEW.power)
BEGIN
    DELETE FROM sync_changes WHERE type = 'benchmark' AND key = NEW.power AND key2 = '';
    INSERT INTO sync_changes(type, key, key2) VALUES ('benchmark', NEW.power, '');
END;

CREATE TRIGGER sync_queue_cases_ins AFTER INSERT ON cases
WHEN EXISTS (SELECT 1 FROM sync_upper)
BEGIN
    DELETE FROM sync_changes WHERE type = 'case' AND key = NEW.case_no AND key2 = '';
    INSERT INTO sync_changes(type, key, key2) VALUES ('case', NEW.case_no, '');
END;

CREATE TRIGGER sync_queue_cases_upd AFTER UPDATE OF body ON cases
WHEN EXISTS (SELECT 1 FROM sync_upper)
BEGIN
    DELETE FROM sync_changes WHERE type = 'case' AND key = NEW.case_no AND key2 = '';
    INSERT INTO sync_changes(type, key, key2) VALUES ('case', NEW.case_no, '');
END;

CREATE TRIGGER sync_queue_monthly_reports_ins AFTER INSERT ON monthly_reports
WHEN EXISTS (SELECT 1 FROM sync_upper)
BEGIN
    DELETE FROM sync_changes WHERE type = 'monthly_report' AND key = NEW.agency AND key2 = NEW.month;
    INSERT INTO sync_changes(type, key, key2) VALUES ('monthly_report', NEW.agency, NEW.month);
END;

CREATE TRIGGER sync_queue_monthly_reports_upd AFTER UPDATE OF body ON monthly_reports
WHEN EXISTS (SELECT 1 FROM sync_upper)
BEGIN
    DELETE FROM sync_changes WHERE type = 'monthly_report' AND key = NEW.agency AND key2 = NEW.month;
    INSERT INTO sync_changes(type, key, key2) VALUES ('monthly_report', NEW.agency, NEW.month);
END;

INSERT INTO permissions(name, description, owner) VALUES
 ('sync.read', '查看多级汇聚（下级节点、交换批次、向上级报送情况）', 'sysadmin');
INSERT INTO role_permissions(role, perm) VALUES ('sysadmin', 'sync.read');

INSERT OR IGNORE INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('sync_push_every_s', '60', '多级汇聚：向上级报送的周期（秒，0 为不自动报送）', 'integer', 0, 86400,
  '本地规定：“1+32+N”数据逐级汇聚，下级数据应及时报送上级平台'),
 ('sync_batch_lines', '1000', '多级汇聚：每个交换批次的最多记录行数', 'integer', 1, 100000,
  '本地规定：分批报送，单批有界，中断后从最后确认的批次续传');
