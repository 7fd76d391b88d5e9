-- 双随机、一公开 (issue 20, docs/inspections.md): each agency's 检查对象名录库 (entities it may be
-- drawn to inspect, with their 信用风险分类 level and a risk tag) and the 回避 list of each of its
-- officers (执法检查人员名录库 = the agency's certified officers of the elements, plus this list).
-- Each row keeps its whole state in `body` (JSON); the columns beside it are what lists and scope read.
CREATE TABLE insp_entities (
    id          INTEGER PRIMARY KEY,
    agency      TEXT NOT NULL,
    credit_code TEXT NOT NULL,          -- 统一社会信用代码 or 公民身份号码: the entity's key in a draw
    status      TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    body        TEXT NOT NULL,          -- {name, kind, region, sector, address, credit_level, risk_tag, updated_at}
    UNIQUE (agency, credit_code)
);

CREATE TABLE insp_recusals (
    id          INTEGER PRIMARY KEY,
    agency      TEXT NOT NULL,          -- the officer's agency when the list was written
    cert_no     TEXT NOT NULL UNIQUE,
    body        TEXT NOT NULL           -- {entities:[credit_code…], reason, updated_at, updated_by}
);

INSERT INTO permissions(name, description, owner) VALUES
 ('inspections.read',      '查看检查对象名录、检查人员名录、双随机抽查计划与结果（本数据范围内）', 'business'),
 ('inspections.directory', '维护本单位检查对象名录与检查人员回避名单，登记抽查结果', 'business'),
 ('inspections.plan',      '制定本单位双随机抽查计划、抽取检查对象与检查人员、公开抽查结果', 'business');

INSERT INTO role_permissions(role, perm) VALUES
 ('officer', 'inspections.read'), ('officer', 'inspections.directory'),
 ('agency_head', 'inspections.read'), ('agency_head', 'inspections.directory'), ('agency_head', 'inspections.plan'),
 ('legal_reviewer', 'inspections.read'),
 ('supervisor', 'inspections.read'), ('leader', 'inspections.read');

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('inspection_ratio_a', '3', '双随机抽查：信用风险分类 A 类（低风险）检查对象的抽查比例（百分比）', 'integer', 1, 100,
  '《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）：对信用较好、风险较低的市场主体，可合理降低抽查比例和频次'),
 ('inspection_ratio_b', '5', '双随机抽查：信用风险分类 B 类（一般风险）检查对象的抽查比例（百分比）', 'integer', 1, 100,
  '国发〔2019〕5号：根据企业信用风险分类结果合理确定、动态调整抽查比例和频次'),
 ('inspection_ratio_c', '10', '双随机抽查：信用风险分类 C 类（较高风险）检查对象的抽查比例（百分比）', 'integer', 1, 100,
  '国发〔2019〕5号：根据企业信用风险分类结果合理确定、动态调整抽查比例和频次'),
 ('inspection_ratio_d', '20', '双随机抽查：信用风险分类 D 类（高风险）检查对象的抽查比例（百分比）', 'integer', 1, 100,
  '国发〔2019〕5号：对违法失信、风险较高的市场主体，适当提高抽查比例和频次'),
 ('inspection_inspectors_per_entity', '2', '双随机抽查：每个检查对象随机匹配的执法检查人员人数', 'integer', 2, 5,
  '《行政处罚法》第四十二条、《国务院办公厅关于推广随机抽查规范事中事后监管的通知》（国办发〔2015〕58号）：执法人员不得少于两人');
