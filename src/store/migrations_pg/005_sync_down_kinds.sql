-- SQLite 086: sync_published also carries the rule configuration ('rule_config') and the 行政区划
-- code table ('code_table'). PostgreSQL widens the CHECK in place.
ALTER TABLE sync_published DROP CONSTRAINT sync_published_kind_check;
ALTER TABLE sync_published ADD CONSTRAINT sync_published_kind_check
    CHECK (kind IN ('law', 'record', 'rule_config', 'code_table'));

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('sync_publish_rule_config', '0', '多级汇聚：保存规则配置后自动下发下级节点（1 为自动，0 为由系统管理员在命令行手动下发）',
  'integer', 0, 1, '本地规定：上级监督平台下发规则配置，下级执法平台据以运行监督规则（1+N 多级汇聚）')
ON CONFLICT (name) DO NOTHING;

CREATE TABLE region_codes (
    code       TEXT PRIMARY KEY CHECK (length(code) = 6),
    name       TEXT NOT NULL,
    from_upper INTEGER NOT NULL DEFAULT 0 CHECK (from_upper IN (0, 1)),
    dropped    INTEGER NOT NULL DEFAULT 0 CHECK (dropped IN (0, 1)),
    updated_at TEXT NOT NULL
);
