-- 执法文书 (issue 17, docs/documents.md): every issued document of a case (or a supervision order, a
-- review plan), one row per version. A correction is a new version with its reason; no row is ever
-- updated. The PDF lives in the file store under its SM3 digest; each row is logged as a
-- document.issue ledger event in the transaction that writes it.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    subject       TEXT NOT NULL CHECK (subject IN ('case', 'order', 'review_plan')),
    subject_id    TEXT NOT NULL,              -- case_no, or the order's / plan's id as text
    kind          TEXT NOT NULL,              -- data/templates/<kind>.json
    version       INTEGER NOT NULL CHECK (version >= 1),
    doc_no        TEXT NOT NULL DEFAULT '',
    sm3           TEXT NOT NULL,              -- the sealed PDF in <db>.files/<sm3>
    bytes         INTEGER NOT NULL,
    pages         INTEGER NOT NULL,
    reason        TEXT CHECK (reason IS NULL OR length(reason) <= 500),
    issued_by     TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    sealed_agency TEXT NOT NULL DEFAULT '',
    cert_serial   TEXT NOT NULL DEFAULT '',
    ledger_seq    INTEGER NOT NULL,
    UNIQUE (subject, subject_id, kind, version),
    CHECK (version = 1 OR reason IS NOT NULL)
);

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('portal_base_url', 'http://127.0.0.1:8080', '执法文书：二维码中核验地址的网址前缀（公众访问本系统门户的地址）', 'short_text', NULL, NULL,
  '《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》：推行电子文书，便于当事人查验'),
 ('document_review_organ', '{区划}人民政府', '执法文书：决定书告知的行政复议机关名称；{区划} 代表作出决定的机关所在的行政区划名称', 'short_text', NULL, NULL,
  '《行政复议法》第二十四条：县级以上地方各级人民政府管辖对本级人民政府工作部门作出的行政行为不服的行政复议案件'),
 ('document_court', '{区划}人民法院', '执法文书：决定书告知的管辖人民法院名称；{区划} 代表作出决定的机关所在的行政区划名称', 'short_text', NULL, NULL,
  '《行政诉讼法》第十八条：行政案件由最初作出行政行为的行政机关所在地人民法院管辖'),
 ('document_payment_days', '15', '执法文书：决定书载明的罚款缴纳期限（自收到决定书之日起的日数）', 'integer', 1, 60,
  '《行政处罚法》第六十七条第三款：当事人应当自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚款');
