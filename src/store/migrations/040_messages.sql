-- 消息中心 (issue 19, docs/messages.md): a message tells one user that work reached him — an approval
-- to sign, an order to answer, a deadline near. Rows are written by app/messages.c in the transaction
-- of the event that causes them; a user reads and marks only his own.
CREATE TABLE messages (
    id         INTEGER PRIMARY KEY,
    username   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL CHECK (length(title) <= 200),
    link       TEXT NOT NULL DEFAULT '' CHECK (length(link) <= 300),
    created_at TEXT NOT NULL,
    read_at    TEXT,
    -- the day a daily job's message is about (deadline_near, cert_expiring); NULL for an event's
    job_day    TEXT
);
-- the bell and the list: a user's unread, newest first
CREATE INDEX messages_unread_by_user ON messages(username, read_at, id DESC);
-- the daily jobs write at most one message per subject (its link) per user per day
CREATE UNIQUE INDEX messages_once_a_day ON messages(username, kind, link, job_day) WHERE job_day IS NOT NULL;

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('message_deadline_wd', '3', '消息提醒：在线案件的下一个办案期限在多少个工作日内届满时提醒承办人', 'integer', 1, 30,
  '《行政处罚法》第六十条、第六十一条等规定的办案期限；本地规定提前提醒的天数'),
 ('message_cert_days', '30', '消息提醒：执法证件在多少日内到期时提醒持证人', 'integer', 1, 365,
  '本地规定：执法证件有效期届满前及时办理换证，持证人不得持过期证件执法（《行政处罚法》第四十二条）');
