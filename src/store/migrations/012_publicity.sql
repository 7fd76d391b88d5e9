-- 公示 of penalty decisions handled online (issue 6): when a decision was published to the portal,
-- and when and why it was withdrawn (行政处罚法 第四十八条第二款). exchange-v1 carries
-- published_on but has no field for the withdrawal, so it lives here (and in the workflow row).
CREATE TABLE case_publicity (
    case_no         TEXT PRIMARY KEY,
    agency          TEXT NOT NULL,
    published_on    TEXT NOT NULL,
    published_by    TEXT NOT NULL,
    withdrawn_on    TEXT,
    withdrawn_by    TEXT,
    withdraw_reason TEXT,
    updated_at      TEXT NOT NULL,
    CHECK ((withdrawn_on IS NULL) = (withdraw_reason IS NULL))
) WITHOUT ROWID;
-- The portal leaves out withdrawn decisions: NOT EXISTS (… WHERE case_no = ? AND withdrawn_on IS NOT NULL).
CREATE INDEX case_publicity_withdrawn ON case_publicity(case_no) WHERE withdrawn_on IS NOT NULL;
