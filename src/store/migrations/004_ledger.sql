-- The tamper-evident record (docs/ledger.md): an append-only SM3 Merkle log of case events,
-- SM2-signed tree heads, and attachments by SM3 digest. Rows here are never updated or deleted
-- by zhifa; `zhifa verify` recomputes everything from them and the signatures.

-- One row per event, seq = leaf index (0-based, contiguous). `body` is the event's canonical
-- bytes (sorted-key compact JSON, UTF-8) exactly as hashed; `leaf` = SM3(0x00 || body).
CREATE TABLE ledger_events (
    seq      INTEGER PRIMARY KEY,
    time     TEXT NOT NULL,   -- UTC, YYYY-MM-DDTHH:MM:SSZ (also inside body)
    type     TEXT NOT NULL,   -- e.g. case.import, attachment.add
    subject  TEXT NOT NULL,   -- e.g. the case_no
    body     TEXT NOT NULL,
    leaf     BLOB NOT NULL
);
CREATE INDEX ledger_events_by_subject ON ledger_events(subject, seq);

-- Cached hashes of complete subtrees of 2^level leaves (level >= 6), leaves [idx*2^level,
-- (idx+1)*2^level): proofs read O(log n) of them plus at most 64 leaves. A cache only: verify
-- recomputes and compares it, proofs are checked against signed roots.
CREATE TABLE ledger_nodes (
    level    INTEGER NOT NULL,
    idx      INTEGER NOT NULL,
    hash     BLOB NOT NULL,
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

-- Signing keys by SM3 fingerprint of the DER SubjectPublicKeyInfo. origin '' = this instance;
-- an upper-level instance stores the keys of the instances below it under their origin.
CREATE TABLE ledger_keys (
    key_id     TEXT PRIMARY KEY,
    origin     TEXT NOT NULL DEFAULT '',
    public_key TEXT NOT NULL,   -- PEM
    created_at TEXT NOT NULL
);

-- Signed tree heads: the exact signed bytes are
-- "zhifa-sth-v1\n<tree_size>\n<root hex>\n<time>\n". origin '' = heads this instance signed;
-- heads received from a lower level keep that instance's origin and key.
CREATE TABLE ledger_heads (
    id          INTEGER PRIMARY KEY,
    origin      TEXT NOT NULL DEFAULT '',
    tree_size   INTEGER NOT NULL,
    root        TEXT NOT NULL,     -- lowercase hex
    time        INTEGER NOT NULL,  -- unix seconds
    signature   BLOB NOT NULL,     -- DER SM2 signature
    key_id      TEXT NOT NULL,
    received_at TEXT               -- when stored from another origin
);
CREATE INDEX ledger_heads_latest ON ledger_heads(origin, tree_size, time);

-- Attachments by SM3 digest; content in <db>.files/<sm3 hex>. An attachment.add event carries
-- the same digest, so a changed file or row is found by verify.
CREATE TABLE ledger_attachments (
    sm3        TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
