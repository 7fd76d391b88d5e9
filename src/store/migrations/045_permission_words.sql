-- Permission descriptions are what people read as the permission's name (我的信息, 角色权限,
-- GET /api/v1/dicts "permissions"): no format codes in them (issue 19).
UPDATE permissions SET description = '导出本数据范围内的数据交换文件' WHERE name = 'exchange.export';
