-- 行政复议 on the portal (issue 24): the applicant's own files with his application and with his
-- 补正 (第二十二条: 申请人…提交行政复议申请书及有关材料; 第三十一条: 补正材料), under the portal's
-- abuse limits. Local rules, not the law's: the law sets no size or number.
INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('recon_portal_file_max_mib', '10', '网上行政复议申请：每个材料文件的大小上限（MiB）', 'integer', 1, 100,
  '本地规定：网上申请材料上传限制（《行政复议法》第二十二条）'),
 ('recon_portal_files_max', '20', '网上行政复议申请：每件申请可上传的材料个数上限（含补正材料）', 'integer', 1, 100,
  '本地规定：网上申请材料上传限制（《行政复议法》第二十二条、第三十一条）'),
 ('recon_portal_uploads_per_hour', '30', '网上行政复议申请：同一地址每小时可上传材料的次数', 'integer', 1, 1000,
  '本地规定：门户防滥用');
