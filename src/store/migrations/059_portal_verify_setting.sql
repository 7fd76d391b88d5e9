-- 文书核验 on the portal (docs/documents.md): how many uploads one address may check per hour, a
-- setting people can see and change (the code's default was the only place it lived).
INSERT OR IGNORE INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('portal_verifies_per_hour', '60', '文书核验：同一地址每小时可核验的次数', 'integer', 1, 9999,
  '本地规定：公开核验页面防止滥用，超过次数请一小时后再试');
