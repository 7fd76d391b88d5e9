-- 行政检查、行政强制、行政许可 handled online (issue 20): the workflow row takes the new case
-- types (SQLite cannot widen a CHECK, so the table is rebuilt with its rows and indexes), and the
-- periods those kinds run on are settings, each with the article it rests on.
CREATE TABLE case_workflow_kinds (
    case_no    TEXT PRIMARY KEY,
    agency     TEXT NOT NULL,
    case_type  TEXT NOT NULL CHECK (case_type IN ('penalty_ordinary', 'penalty_simple', 'inspection',
                                                  'coercion', 'enforcement', 'license')),
    stage      TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT '{}',  -- CaseState fields not in the record (JSON)
    assignees  TEXT NOT NULL DEFAULT '[]',  -- officer cert numbers (JSON array)
    doc_no     TEXT,                        -- 文号, allocated with the decision
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO case_workflow_kinds(case_no, agency, case_type, stage, state, assignees, doc_no, created_by, created_at,
                                updated_at)
    SELECT case_no, agency, case_type, stage, state, assignees, doc_no, created_by, created_at, updated_at
    FROM case_workflow;
DROP TABLE case_workflow;
ALTER TABLE case_workflow_kinds RENAME TO case_workflow;
CREATE INDEX case_workflow_by_agency_updated ON case_workflow(agency, updated_at);
CREATE INDEX case_workflow_by_creator ON case_workflow(created_by, updated_at);
-- 检查任务 / 强制措施 / 许可办理: an agency's cases of one type, newest first.
CREATE INDEX case_workflow_by_agency_type ON case_workflow(agency, case_type, updated_at);

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('inspection_publicity_wd', '20', '行政检查结果公示期限（检查结果作出后，工作日）', 'integer', 1, 60,
  '《企业信息公示暂行条例》第六条、第七条：检查结果自产生之日起 20 个工作日内通过企业信用信息公示系统公示；国办发〔2015〕58号：抽查结果及时向社会公开'),
 ('coercion_seal_days', '30', '查封、扣押期限（日）', 'integer', 1, 30,
  '《行政强制法》第二十五条第一款：查封、扣押的期限不得超过三十日'),
 ('coercion_extension_days', '30', '查封、扣押经批准延长的最长期限（日，只能延长一次）', 'integer', 1, 30,
  '《行政强制法》第二十五条第一款：情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日'),
 ('coercion_urgent_report_days', '1', '情况紧急当场实施强制措施后补办批准的期限（日）', 'integer', 1, 1,
  '《行政强制法》第十九条：情况紧急，需要当场实施行政强制措施的，应当在二十四小时内向行政机关负责人报告，并补办批准手续'),
 ('enforce_demand_wd', '10', '催告书载明的履行期限（送达后，工作日）', 'integer', 10, 60,
  '《行政强制法》第三十五条、第三十七条（催告、逾期不履行方可决定强制执行），第六十九条（十日以内期限为工作日）'),
 ('license_correction_wd', '5', '申请材料不齐全时一次告知补正的期限（收到申请材料后，工作日）', 'integer', 1, 5,
  '《行政许可法》第三十二条第一款第（四）项：当场或者在五日内一次告知申请人需要补正的全部内容；第八十二条：期限以工作日计算'),
 ('license_decision_wd', '20', '作出行政许可决定的期限（受理后，工作日）', 'integer', 1, 20,
  '《行政许可法》第四十二条第一款：自受理行政许可申请之日起二十日内作出行政许可决定；第八十二条'),
 ('license_extension_wd', '10', '经本机关负责人批准可延长的审查期限（工作日，一次）', 'integer', 1, 10,
  '《行政许可法》第四十二条第一款：二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日，并应当将延长期限的理由告知申请人'),
 ('license_service_wd', '10', '颁发、送达行政许可证件的期限（作出准予许可决定后，工作日）', 'integer', 1, 10,
  '《行政许可法》第四十四条：自作出决定之日起十日内向申请人颁发、送达行政许可证件；第八十二条'),
 ('license_publicity_wd', '7', '行政许可决定公示期限（作出决定后，工作日）', 'integer', 1, 20,
  '《行政许可法》第四十条：准予行政许可的决定应当予以公开；“双公示”：行政许可决定自作出之日起 7 个工作日内公示');
