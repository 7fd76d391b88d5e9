-- When each exchange record last changed (UTC), for `zhifa export --since DATE` and upstream sync.
-- NULL for rows stored before this migration: they count as old.
ALTER TABLE agencies ADD COLUMN updated_at TEXT;
ALTER TABLE officers ADD COLUMN updated_at TEXT;
ALTER TABLE powers ADD COLUMN updated_at TEXT;
ALTER TABLE benchmarks ADD COLUMN updated_at TEXT;
ALTER TABLE cases ADD COLUMN updated_at TEXT;
ALTER TABLE monthly_reports ADD COLUMN updated_at TEXT;
