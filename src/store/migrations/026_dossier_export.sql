-- The 电子卷宗 carries the case's events byte for byte (the proofs cover every byte), so the party's
-- full ID number goes with it and cannot be masked. Exporting it is a permission of its own, held by
-- the roles that see personal data unmasked; the read-only leader, who sees it masked on the case
-- page, does not hold it (个人信息保护法 第六条 最小必要).
INSERT INTO permissions(name, description) VALUES
 ('dossier.export', '导出电子卷宗（含当事人完整身份信息）');
INSERT INTO role_permissions(role, perm) VALUES
 ('officer', 'dossier.export'), ('agency_head', 'dossier.export'), ('legal_reviewer', 'dossier.export'),
 ('supervisor', 'dossier.export');
