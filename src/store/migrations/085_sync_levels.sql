-- 多级汇聚 (issue 22, docs/sync.md "Heartbeat"): a lower node with nothing to send still has its
-- ledger head countersigned by the upper level, at most this often.
INSERT OR IGNORE INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('sync_heartbeat_every_s', '3600', '多级汇聚：无待报送记录时，向上级发送树头心跳以取得见证的最长间隔（秒，0 为每次报送都发送）',
  'integer', 0, 604800, '本地规定：上级平台定期见证下级平台的账本树头，确保下级历史记录未被改写');

-- Orders across levels (docs/sync.md "Orders across levels"): a lower level's copy of an order its
-- upper level issued about one of its agencies, and how far its answer has gone back up.
CREATE TABLE sync_order_links (
    local_id      INTEGER PRIMARY KEY REFERENCES orders(id),
    upper_id      INTEGER NOT NULL UNIQUE,  -- the order's id on the upper level
    sent_received INTEGER NOT NULL DEFAULT 0, -- the agency's signature went up
    sent_round    INTEGER NOT NULL DEFAULT 0  -- the last answer round that went up
);
