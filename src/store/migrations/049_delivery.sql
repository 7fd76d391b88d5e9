-- 电子送达 (行政处罚法 第六十一条, issue 17, docs/documents.md): the party's 确认书 agreeing to
-- electronic delivery, and each delivery of a case's document — by link and one-time code, or on
-- paper with the signed 送达回证 scanned. The columns are what lookups and scope read; `body` holds
-- the rest (JSON). Both tables are logged as delivery_consent.put / delivery.put events
-- (app/logged_row.c): who consented to what, and when a party confirmed, must be tamper-evident.
CREATE TABLE delivery_consents (
    id          INTEGER PRIMARY KEY,
    case_no     TEXT NOT NULL,
    agency      TEXT NOT NULL,
    body        TEXT NOT NULL  -- phone, email, signed_on, attachment_id, recorded_by, recorded_at
);
CREATE INDEX delivery_consents_by_case ON delivery_consents(case_no, id);

CREATE TABLE deliveries (
    id          INTEGER PRIMARY KEY,
    case_no     TEXT NOT NULL,
    agency      TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('electronic', 'paper')),
    status      TEXT NOT NULL CHECK (status IN ('sent', 'opened', 'confirmed', 'locked', 'served_on_paper')),
    -- SHA-256 of the link's 256-bit random token: the link itself is never stored
    token_hash  TEXT UNIQUE,
    body        TEXT NOT NULL  -- kind, version, code_hash, expires_at, expiry_basis, attempts, opened_at,
                               -- confirmed_at, confirm_ip, sent_by, sent_at, given_by, consent_id …
);
CREATE INDEX deliveries_by_case ON deliveries(case_no, id);

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('delivery_link_hours', '168', '电子送达：送达链接和验证码的有效期（小时）', 'integer', 1, 720,
  '《行政处罚法》第六十一条：当事人不在场的，行政机关应当在七日内送达；经当事人同意并签订确认书，可以采用电子方式送达。有效期默认七日（168 小时），由本机关规定'),
 ('delivery_code_attempts', '5', '电子送达：验证码连续输错多少次后链接锁定（需重新发送）', 'integer', 1, 20, '本地规定');
