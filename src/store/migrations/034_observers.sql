-- 特邀监督员 and 派驻律师 (issue 15, docs/observers.md): invited social supervisors and lawyers.
-- Each is assigned a region (users.region: that region and below) or one agency (users.agency);
-- he sees the public fields of the cases in it, submits observations — leads of source
-- social_supervisor / lawyer — and follows his own. Business duty class; no cases.read, no
-- findings, orders or other people's leads.
INSERT INTO roles(id, name, description, data_scope, duty) VALUES
 ('social_supervisor', '特邀监督员', '查看范围内案件的公开信息，提交监督意见并跟踪办理结果（指定行政区划或一个执法主体）', 'region', 'business'),
 ('lawyer',            '派驻律师',   '查看范围内案件的公开信息，提交监督意见并跟踪办理结果（指定行政区划或一个执法主体）', 'region', 'business');

INSERT INTO permissions(name, description, owner) VALUES
 ('observations.write', '提交监督意见（特邀监督员、派驻律师）', 'business'),
 ('observations.read',  '查看本人提交的监督意见及其办理结果，查看范围内案件的公开信息', 'business');

INSERT INTO role_permissions(role, perm) VALUES
 ('social_supervisor', 'observations.write'), ('social_supervisor', 'observations.read'),
 ('lawyer', 'observations.write'), ('lawyer', 'observations.read');
