-- Enforcement elements (三库, issue 5): who may read and edit agencies, officers, powers lists and
-- discretion benchmarks through the console, and the index behind the 即将到期 (expiring) view.
INSERT INTO permissions(name, description) VALUES
 ('elements.read',  '查看执法主体、执法人员、权责清单与裁量基准'),
 ('elements.write', '新增、修改执法主体、执法人员、权责清单与裁量基准');

INSERT INTO role_permissions(role, perm) VALUES
 ('officer', 'elements.read'), ('agency_head', 'elements.read'), ('legal_reviewer', 'elements.read'),
 ('supervisor', 'elements.read'), ('leader', 'elements.read'),
 ('supervisor', 'elements.write'), ('agency_head', 'elements.write');

-- GET /officers?expiring_within_days=N: active certificates whose validity ends soon.
CREATE INDEX officers_by_status_valid_to ON officers(status, cert_valid_to);
