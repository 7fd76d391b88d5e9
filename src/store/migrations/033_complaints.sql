-- 群众投诉 on the anonymous portal (issue 15, docs/leads.md "The public's complaints"): the
-- proof-of-work challenges a complaint must solve (single use: taken by deleting the row) and the
-- per-address counters of the portal's rate limits (complaints filed, tracking codes missed,
-- challenges fetched), one row per address, kind and hour. Both are in the store, not in memory:
-- every worker thread and a restart see the same counts, and no global mutable state is needed.
CREATE TABLE portal_challenges (
    id         TEXT PRIMARY KEY,     -- 32 hex characters from the CSPRNG
    prefix     TEXT NOT NULL,        -- what the nonce is appended to before hashing
    bits       INTEGER NOT NULL,     -- leading zero bits SHA-256(prefix || nonce) must have
    expires_at INTEGER NOT NULL      -- unix seconds
);
CREATE INDEX portal_challenges_by_expiry ON portal_challenges(expires_at);

CREATE TABLE portal_counts (
    addr  TEXT NOT NULL,             -- the client address (docs/leads.md: behind a local proxy, its X-Forwarded-For)
    kind  TEXT NOT NULL,             -- complaint | track_miss | challenge
    hour  INTEGER NOT NULL,          -- unix seconds / 3600
    n     INTEGER NOT NULL,
    PRIMARY KEY (addr, kind, hour)
) WITHOUT ROWID;
CREATE INDEX portal_counts_by_hour ON portal_counts(hour);

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('portal_pow_bits', '14', '群众投诉：防机器提交的计算量（SHA-256 前导零位数，每增 1 位浏览器耗时加倍）', 'integer', 1, 20, '本地规定'),
 ('portal_challenge_minutes', '10', '群众投诉：校验题有效期（分钟）', 'integer', 1, 60, '本地规定'),
 ('portal_complaints_per_hour', '5', '群众投诉：同一地址每小时可提交的投诉数', 'integer', 1, 999, '本地规定'),
 ('portal_track_misses_per_hour', '20', '投诉查询：同一地址每小时查询不存在的查询码次数上限', 'integer', 1, 999, '本地规定'),
 ('portal_challenges_per_hour', '120', '群众投诉：同一地址每小时可领取的校验题数', 'integer', 1, 999, '本地规定'),
 ('portal_default_region', '', '群众投诉：未选择执法机关时线索归属的行政区划（6 位代码；空 = 不接受未选机关的投诉）', 'region_code', NULL, NULL, '本地规定');
