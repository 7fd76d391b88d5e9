-- 规范性文件备案审查, the rest of issue 25 (docs/normative-docs.md): 不予登记 ends a filing (a new
-- status 'declined'), the full text arrives as a file (its size a setting), and the quarterly 备案目录
-- is kept as published. SQLite cannot widen a CHECK in place: normative_docs is rebuilt with the same
-- rows in the migration's transaction; normative_tasks, which references it, is rebuilt around it so
-- no foreign key ever points at a dropped table.
CREATE TABLE normative_tasks_keep AS SELECT id, doc_id, source, status, body FROM normative_tasks;
DROP TABLE normative_tasks;

CREATE TABLE normative_docs_new (
    id        INTEGER PRIMARY KEY,
    issuer    TEXT NOT NULL,
    region    TEXT NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('submitted', 'held', 'reviewing', 'concluded', 'declined')),
    reg_no    TEXT UNIQUE,
    validity  TEXT CHECK (validity IN ('valid', 'amended', 'repealed')),
    body      TEXT NOT NULL
);
INSERT INTO normative_docs_new SELECT id, issuer, region, status, reg_no, validity, body FROM normative_docs;
DROP TABLE normative_docs;
ALTER TABLE normative_docs_new RENAME TO normative_docs;
CREATE INDEX normative_docs_by_region ON normative_docs(region, id);
CREATE INDEX normative_docs_by_issuer ON normative_docs(issuer, id);

CREATE TABLE normative_tasks (
    id       INTEGER PRIMARY KEY,
    doc_id   INTEGER NOT NULL REFERENCES normative_docs(id),
    source   TEXT NOT NULL CHECK (source IN ('reconsideration', 'suggestion')),
    status   TEXT NOT NULL CHECK (status IN ('open', 'answered')),
    body     TEXT NOT NULL
);
INSERT INTO normative_tasks SELECT id, doc_id, source, status, body FROM normative_tasks_keep;
DROP TABLE normative_tasks_keep;
CREATE INDEX normative_tasks_by_doc ON normative_tasks(doc_id, id);

-- The quarterly 备案目录 as published: one row per quarter, the PDF and the workbook in the file
-- store (<db>.files/<sm3>); produced again on demand, the row is replaced.
CREATE TABLE normative_catalogs (
    id        INTEGER PRIMARY KEY,
    quarter   TEXT NOT NULL UNIQUE CHECK (length(quarter) = 6),  -- "2026Q3"
    body      TEXT NOT NULL                                      -- {rows, pdf_sm3, xlsx_sm3, produced_on, by}
);

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('normative_file_max_mib', '20', '规范性文件备案：报送的文件全文（Word、PDF 或纯文本文件）大小上限（MiB）', 'integer', 1, 100,
  '本地规定：规范性文件全文以电子文本报送；上限防止超大文件占用服务器');
