-- 规范性文件备案审查 (issue 25, docs/normative-docs.md): the issuing bodies file their normative
-- documents; the 司法局 registers them under one gap-free number, reviews each through the chain of
-- settings within the review limit, publishes the valid ones and cleans them up every two years.
-- Each row keeps its whole state in `body` (JSON); the columns beside it are copies of what lists,
-- scope and the public register read. Documents are logged as normative_doc.put events.
CREATE TABLE normative_docs (
    id        INTEGER PRIMARY KEY,
    issuer    TEXT NOT NULL,                -- the issuing body (an agency or a government, agencies.code)
    region    TEXT NOT NULL,                -- the issuer's region when filed: the reviewers' scope
    status    TEXT NOT NULL CHECK (status IN ('submitted', 'held', 'reviewing', 'concluded')),
    reg_no    TEXT UNIQUE,                  -- 登记编号, once registered
    validity  TEXT CHECK (validity IN ('valid', 'amended', 'repealed')), -- once published (公布)
    body      TEXT NOT NULL
);
CREATE INDEX normative_docs_by_region ON normative_docs(region, id);
CREATE INDEX normative_docs_by_issuer ON normative_docs(issuer, id);

-- The 登记编号 sequence per year: taken inside the registering write transaction, so a rollback
-- gives the number back and the sequence has no gap.
CREATE TABLE normative_reg_numbers (
    year     INTEGER PRIMARY KEY,
    next_seq INTEGER NOT NULL
);

-- 附带审查 requests (行政复议法 第十三条) and citizens' review suggestions from the portal: review
-- tasks on one registered document.
CREATE TABLE normative_tasks (
    id       INTEGER PRIMARY KEY,
    doc_id   INTEGER NOT NULL REFERENCES normative_docs(id),
    source   TEXT NOT NULL CHECK (source IN ('reconsideration', 'suggestion')),
    status   TEXT NOT NULL CHECK (status IN ('open', 'answered')),
    body     TEXT NOT NULL
);
CREATE INDEX normative_tasks_by_doc ON normative_tasks(doc_id, id);

-- The public register's search: the title and full text split in C into bigrams and unigrams by
-- the law library's own code (domain/law_terms.c), so 1- and 2-character terms match.
CREATE VIRTUAL TABLE normative_search USING fts5(bi, uni, tokenize='ascii');

INSERT INTO roles(id, name, description, data_scope, duty) VALUES
 ('norm_clerk',    '备案审查承办人',   '规范性文件备案审查：登记、初审', 'region', 'business'),
 ('norm_chief',    '备案审查处长',     '规范性文件备案审查：复审', 'region', 'business'),
 ('norm_deputy',   '分管副主任',       '规范性文件备案审查：复核', 'region', 'business'),
 ('norm_director', '主任',             '规范性文件备案审查：终审、作出审查结论', 'region', 'business');

INSERT INTO permissions(name, description, owner) VALUES
 ('normative.file',   '报送本单位的规范性文件备案、答复清理', 'business'),
 ('normative.review', '规范性文件登记、审查、公布、清理', 'business'),
 ('normative.read',   '查看规范性文件备案审查记录与统计', 'business');

INSERT INTO role_permissions(role, perm) VALUES
 ('agency_head', 'normative.file'), ('agency_head', 'normative.read'),
 ('legal_reviewer', 'normative.file'), ('legal_reviewer', 'normative.read'),
 ('norm_clerk', 'normative.review'), ('norm_clerk', 'normative.read'),
 ('norm_chief', 'normative.review'), ('norm_chief', 'normative.read'),
 ('norm_deputy', 'normative.review'), ('norm_deputy', 'normative.read'),
 ('norm_director', 'normative.review'), ('norm_director', 'normative.read'),
 ('supervisor', 'normative.read'), ('leader', 'normative.read');

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('normative_filing_days', '30', '规范性文件备案：公布之日起报送备案的期限（日，常见 15 或 30 日）', 'integer', 1, 90,
  '《法规规章备案审查条例》第四条：公布之日起30日内报送备案；《规章制定程序条例》第三十四条；本地规范性文件备案规定可定为15日'),
 ('normative_review_days', '60', '规范性文件审查期限：登记之日起的自然日数，末日为节假日的顺延至其后第一个工作日', 'integer', 1, 180,
  '本地规定：严格执行60天的审查期限；期间计算依《民法典》第二百零一条、第二百零三条'),
 ('normative_hold_days', '15', '暂缓登记：制定机关补充材料的期限（日）', 'integer', 1, 90,
  '本地规定：材料不全的暂缓登记并限期补正'),
 ('normative_correct_days', '30', '审查结论为纠正时：制定机关自收到通知之日起处理并报告的期限（日）', 'integer', 1, 180,
  '《法规规章备案审查条例》第二十一条：自接到通知之日起30日内将处理情况报告'),
 ('normative_cleanup_years', '2', '规范性文件定期清理：每隔几年清理一次', 'integer', 1, 10,
  '本地规定：两年一次的规范性文件清理'),
 ('normative_catalog_month', '1', '备案目录：每季度第几个月公布上一季度登记的文件目录（1–3）', 'integer', 1, 3,
  '《法规规章备案审查条例》第十条：经备案登记的按月公布目录；本地按季度公布'),
 ('normative_reg_pattern', '{region_short}规备〔{year}〕{seq}号', '规范性文件登记编号格式：由本地简称、年份和当年顺序号组成，顺序号逐年连续不断号', 'normative_reg_pattern', NULL, NULL,
  '本地规定：统一登记、统一编号、统一公布'),
 ('normative_region_short', '青', '规范性文件登记编号中的本地简称', 'short_text', NULL, NULL, '本地规定'),
 ('normative_review_chain',
  '[{"step":"initial","name":"承办人初审","roles":["norm_clerk"]},{"step":"second","name":"处长复审","roles":["norm_chief"]},{"step":"recheck","name":"分管副主任复核","roles":["norm_deputy"]},{"step":"final","name":"主任终审","roles":["norm_director"]}]',
  '规范性文件审查流程：步骤依次进行，每步可办理的角色', 'normative_review_chain', NULL, NULL,
  '本地规定：承办人初审、处长复审、分管副主任复核、主任终审');
