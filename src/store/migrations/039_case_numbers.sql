-- A case's numbers (docs/case-record.md "Numbers"): the 案件编号 given at 立案 beside the key and the
-- decision's 文号, each found by an index, so a case opens and is searched by any of its numbers.
-- The put of a case record (store/sqlite.c, REC_CASE) fills filing_no from the body in the same
-- statement as the other columns; `zhifa verify` holds it to the body (column_changed).
ALTER TABLE cases ADD COLUMN filing_no TEXT;       -- the body's filing_no (案件编号 / 立案号)

UPDATE cases SET filing_no = json_extract(body, '$.filing_no') WHERE json_valid(body);

CREATE INDEX cases_by_filing_no ON cases(filing_no) WHERE filing_no IS NOT NULL;
CREATE INDEX cases_by_doc_no ON cases(doc_no) WHERE doc_no IS NOT NULL;

-- The 案件编号 sequence per agency and year of 立案, apart from the decisions' (doc_numbers): the
-- two numbers count different acts.
CREATE TABLE filing_numbers (
    agency   TEXT NOT NULL,
    year     INTEGER NOT NULL,
    next_seq INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (agency, year)
) WITHOUT ROWID;

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('case_number_pattern', '{abbr}立〔{year}〕{seq}号',
  '案件编号（立案号）格式：由机关简称、立案年度、序号组成（同一机关同一年度连续编号，与决定书文号分开）',
  'doc_number_pattern', NULL, NULL,
  '《行政处罚法》第五十四条第二款：符合立案标准的，行政机关应当及时立案；案件编号由各机关按本机关案件编号规则确定，年度为立案之年');
