-- 法治督察考核 (issue 26, docs/assessment.md): yearly plans with weighted parts and an indicator tree,
-- the units' fillings with their evidence, reviewers' scores, the evidence files and the tasks
-- decomposed to units. Each row keeps its state in `body` (JSON) beside the columns lists and scope
-- read. Plans, fillings and scores are written with their ledger events (assessment_plan.put,
-- assessment_filling.put, assessment_score.put) through app/logged_row.c: nothing is swapped afterwards.
CREATE TABLE assessment_plans (
    id         INTEGER PRIMARY KEY,
    region     TEXT NOT NULL,           -- the owner's region: the plan's scope
    year       TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('draft', 'published', 'closed', 'superseded')),
    created_by TEXT NOT NULL,
    body       TEXT NOT NULL
);
CREATE INDEX assessment_plans_by_region ON assessment_plans(region, year, id);

CREATE TABLE assessment_fillings (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES assessment_plans(id),
    unit       TEXT NOT NULL,           -- agency code
    indicator  TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'returned', 'contested')),
    body       TEXT NOT NULL,
    UNIQUE (plan_id, unit, indicator)
);

CREATE TABLE assessment_scores (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES assessment_plans(id),
    unit       TEXT NOT NULL,
    indicator  TEXT NOT NULL,
    body       TEXT NOT NULL,
    UNIQUE (plan_id, unit, indicator)
);

CREATE TABLE assessment_files (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES assessment_plans(id),
    unit       TEXT NOT NULL,
    body       TEXT NOT NULL            -- {name, media_type, size, sm3, ledger_seq, uploaded_by, uploaded_at}
);
CREATE INDEX assessment_files_by_plan ON assessment_files(plan_id, unit, id);

CREATE TABLE assessment_tasks (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES assessment_plans(id),
    unit       TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('open', 'done')),
    body       TEXT NOT NULL
);
CREATE INDEX assessment_tasks_by_plan ON assessment_tasks(plan_id, unit, id);

-- 民意调查: one anonymous answer per solved portal challenge (the challenge is single use; the
-- UNIQUE makes a replay a refusal here too).
CREATE TABLE assessment_survey_answers (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES assessment_plans(id),
    unit       TEXT NOT NULL,
    challenge  TEXT NOT NULL UNIQUE,
    body       TEXT NOT NULL            -- {answers:[1..5 per question], at}
);
CREATE INDEX assessment_survey_by_plan ON assessment_survey_answers(plan_id, unit);

INSERT INTO permissions(name, description, owner) VALUES
 ('assessment.manage', '制定、复制、发布、关闭法治督察考核方案，分解任务，将低分指标或逾期任务转为督办', 'business'),
 ('assessment.score',  '审核考核指标填报并赋分（扣分须说明理由）', 'business'),
 ('assessment.fill',   '填报本单位的考核指标、上传佐证材料、对系统计算的指标提出异议、报告任务进展', 'business'),
 ('assessment.read',   '查看法治督察考核方案与排名（被考核单位只看本单位的得分与名次）', 'business');

INSERT INTO role_permissions(role, perm) VALUES
 ('supervisor', 'assessment.manage'), ('supervisor', 'assessment.score'), ('supervisor', 'assessment.read'),
 ('leader', 'assessment.read'),
 ('agency_head', 'assessment.fill'), ('agency_head', 'assessment.read'),
 ('officer', 'assessment.fill'), ('officer', 'assessment.read'),
 ('legal_reviewer', 'assessment.fill'), ('legal_reviewer', 'assessment.read');

-- The metrics a computed indicator may name: formula and thresholds as data. share = the part of
-- the indicator's points given when the value reaches `min` (better = higher) or stays within
-- `max` (better = lower); the first threshold met counts.
INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('assessment_metrics',
  '[{"key":"publicity_on_time","name":"行政处罚决定按时公开率","unit":"%","formula":"100 × (本年作出的普通程序决定数 − 本年新发现的未按时公开预警数 P10) / 本年作出的普通程序决定数","better":"higher","thresholds":[{"min":95,"share":1},{"min":85,"share":0.8},{"min":70,"share":0.5},{"min":0,"share":0}],"basis":"《行政处罚法》第四十八条；《法治政府建设实施纲要（2021-2025年）》"},
    {"key":"review_avg","name":"案卷评查平均分","unit":"分","formula":"本年已发布评查方案中本单位案卷最终得分的平均值","better":"higher","thresholds":[{"min":90,"share":1},{"min":80,"share":0.8},{"min":60,"share":0.5},{"min":0,"share":0}],"basis":"《行政执法监督条例》：案卷评查"},
    {"key":"orders_on_time","name":"督办问诊按期反馈率","unit":"%","formula":"100 × 本年下发的督办问诊中首次期限内反馈数 / 下发数","better":"higher","thresholds":[{"min":100,"share":1},{"min":90,"share":0.8},{"min":70,"share":0.5},{"min":0,"share":0}],"basis":"《行政执法监督条例》：责令限期改正并书面报告"},
    {"key":"reconsideration_correction","name":"行政复议纠错率","unit":"%","formula":"100 × 本年被行政复议撤销、变更或确认违法的决定数 / 本年作出的决定数","better":"lower","thresholds":[{"max":1,"share":1},{"max":3,"share":0.8},{"max":5,"share":0.5},{"max":100,"share":0}],"basis":"《行政复议法》；《法治政府建设与责任落实督察工作规定》"},
    {"key":"monthly_reports_on_time","name":"按月报送及时率","unit":"%","formula":"100 × 本年按时报送的月数 / 已到期的月数","better":"higher","thresholds":[{"min":100,"share":1},{"min":90,"share":0.8},{"min":75,"share":0.5},{"min":0,"share":0}],"basis":"本地规定：次月报送截止日前按月报送"},
    {"key":"alerts_per_100","name":"每百件案件预警数","unit":"件","formula":"本年新发现的监督预警数 × 100 / 本年立案数","better":"lower","thresholds":[{"max":5,"share":1},{"max":10,"share":0.8},{"max":20,"share":0.5},{"max":1000000,"share":0}],"basis":"《行政执法监督条例》：行政执法监督机构对执法活动进行监督"}]',
  '法治督察考核：系统自动计算的指标（公式与分档阈值）', NULL, NULL, NULL,
  '《法治政府建设与责任落实督察工作规定》第二十六条：运用大数据等信息技术手段，探索推进“互联网+督察”'),
 ('assessment_low_share', '60', '法治督察考核：指标得分低于其分值的该百分比时为低分指标，可一键转为重点督察事项督办', 'integer', 1, 100,
  '淄博“一网通”：得分较低的指标作为重点督察事项限期督办整改'),
 ('portal_surveys_per_hour', '5', '门户网站：同一网络地址每小时最多提交的民意调查问卷份数（与投诉举报同样的防刷限制）', 'integer', 1, 1000,
  '防止刷票：与投诉举报相同的频率限制、工作量证明校验和一次校验只能提交一次'),
 ('assessment_task_warn_days', '7', '法治督察考核任务分解：距时间节点不足该天数时黄色预警，超过节点未完成红色预警', 'integer', 1, 60,
  '河南、湖北：依托督察平台进行任务分解，根据时间节点督促落实');
