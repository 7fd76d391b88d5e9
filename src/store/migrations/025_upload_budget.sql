-- A crafted workbook (hundreds of thousands of rows pointing at one long shared string) can cost
-- seconds of CPU to read. The upload reads it before any transaction, within this budget of the
-- worker thread's CPU time; past it the file is refused whole and nothing is stored.
INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('upload_cpu_ms', '20000', '上传 Excel 文件的读取处理时间上限（毫秒，按 CPU 时间计）', 'integer', 100, 600000,
  '防止构造的文件长时间占用服务器；超出时整份文件不导入，请拆分后上传');
