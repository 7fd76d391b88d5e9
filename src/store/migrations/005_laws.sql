-- The law library: statutes loaded by `zhifa init` from data/laws/*.md, one row per file, keyed by
-- file name and reloaded only when the file's SHA-256 changes; articles in file order.
CREATE TABLE laws (
    id            INTEGER PRIMARY KEY,
    file          TEXT NOT NULL UNIQUE,   -- "行政处罚法(2021-01-22).md"
    hash          TEXT NOT NULL,          -- SHA-256 hex of the file's bytes
    title         TEXT NOT NULL,
    short_title   TEXT NOT NULL,          -- without 中华人民共和国
    kind          TEXT NOT NULL,          -- 法律 / 行政法规 / 规章
    promulgated   TEXT,                   -- YYYY-MM-DD of this version
    info          TEXT NOT NULL,          -- promulgation and amendment lines, "\n"-separated
    article_count INTEGER NOT NULL,
    loaded_at     TEXT NOT NULL
);

CREATE TABLE law_articles (
    id       INTEGER PRIMARY KEY,         -- also the rowid of law_search
    law_id   INTEGER NOT NULL REFERENCES laws(id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,            -- position in the law, from 1
    number   INTEGER NOT NULL,            -- 第六十四条 → 64
    sub      INTEGER NOT NULL DEFAULT 0,  -- 第十条之一 → 1
    label    TEXT NOT NULL,               -- 第六十四条
    part     TEXT,                        -- 编
    chapter  TEXT,                        -- 章
    section  TEXT,                        -- 节
    text     TEXT NOT NULL,
    UNIQUE (law_id, seq),
    UNIQUE (law_id, number, sub)
);

-- Search index: text pre-split in C into overlapping bigrams (bi) and single characters (uni),
-- so 1- and 2-character Chinese terms match (the trigram tokenizer cannot). Contentless: the
-- text lives in law_articles; rebuilt as a whole whenever a law file changes.
CREATE VIRTUAL TABLE law_search USING fts5(bi, uni, content='', tokenize='ascii');
