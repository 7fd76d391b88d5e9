-- 行政复议 文书 (issue 24, docs/reconsideration.md "文书"): each notice and decision the organ issues
-- takes a 文号 of its own from a gap-free sequence per organ region and year, taken inside the
-- transaction of the step that calls for it (a rolled back step leaves no gap).
CREATE TABLE reconsideration_doc_seq (
    region TEXT NOT NULL,
    year   INTEGER NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (region, year)
) WITHOUT ROWID;

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('recon_doc_number_pattern', '{abbr}政复字〔{year}〕{seq}号',
  '行政复议文书文号格式：由复议机关所在行政区划简称、年度和序号组成（同一区划同一年度连续编号，受理、补正、不予受理、答复、延期、中止、恢复通知书与决定书、调解书、意见书共用）',
  'doc_number_pattern', NULL, NULL,
  '《行政复议法》第七十五条：行政复议机关作出行政复议决定，应当制作行政复议决定书，并加盖行政复议机关印章；文号按本地规定');
