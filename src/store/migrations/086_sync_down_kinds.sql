-- Downward sync, the rest of issue 22 (docs/sync.md "Downward"): an upper level also publishes its
-- rule configuration (kind 'rule_config') and its 行政区划 code table (kind 'code_table').
-- SQLite cannot widen a CHECK in place: sync_published is rebuilt with the same rows. The outbox
-- triggers of 063 on powers and benchmarks read sync_published; they are dropped first and made
-- again, the same, after the rebuild, so no trigger ever names a missing table.
DROP TRIGGER sync_queue_powers_ins;
DROP TRIGGER sync_queue_powers_upd;
DROP TRIGGER sync_queue_benchmarks_ins;
DROP TRIGGER sync_queue_benchmarks_upd;

CREATE TABLE sync_published_new (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL CHECK (kind IN ('law', 'record', 'rule_config', 'code_table')),
    key          TEXT NOT NULL,
    body         TEXT NOT NULL,
    hash         TEXT NOT NULL,
    published_at TEXT NOT NULL,
    UNIQUE (kind, key)
);
INSERT INTO sync_published_new(seq, kind, key, body, hash, published_at)
    SELECT seq, kind, key, body, hash, published_at FROM sync_published;
DROP TABLE sync_published;
ALTER TABLE sync_published_new RENAME TO sync_published;

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

-- Whether saving a rule configuration (PUT /api/v1/rule-config) publishes it for the levels below
-- at once, as `zhifa sync publish --rule-config` does by hand. Off by default: an upper level
-- decides when its thresholds bind the levels below.
INSERT OR IGNORE INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('sync_publish_rule_config', '0', '多级汇聚：保存规则配置后自动下发下级节点（1 为自动，0 为由系统管理员在命令行手动下发）',
  'integer', 0, 1, '本地规定：上级监督平台下发规则配置，下级执法平台据以运行监督规则（1+N 多级汇聚）');

-- The 行政区划 table's additions and renames over data/regions.tsv (docs/sync.md "Code tables"):
-- made here (from_upper 0) or received from above (1); a row the upper no longer sends stays,
-- dropped = 1, since records may still name the code.
CREATE TABLE region_codes (
    code       TEXT PRIMARY KEY CHECK (length(code) = 6),
    name       TEXT NOT NULL,
    from_upper INTEGER NOT NULL DEFAULT 0 CHECK (from_upper IN (0, 1)),
    dropped    INTEGER NOT NULL DEFAULT 0 CHECK (dropped IN (0, 1)),
    updated_at TEXT NOT NULL
);
