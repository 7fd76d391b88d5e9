-- Permission descriptions are what people read as the permission's name (我的信息, 角色权限,
-- GET /api/v1/dicts "permissions"): no format codes in them (issue 19).
UPDATE permissions SET description = '导出本数据范围内的数据交换文件' WHERE name = 'exchange.export';

-- Settings are read by their description (系统参数): placeholders and method names in words.
UPDATE settings SET description = '行政处罚决定书文号格式：由机关简称、年度、序号组成'
    WHERE name = 'doc_number_pattern';
UPDATE settings SET description = '监督文书文号格式：由下发机关所在行政区划简称、年度、序号组成（同一区划同一年度连续编号）'
    WHERE name = 'order_doc_number_pattern';
UPDATE settings SET description = '线索查重：同一执法主体 30 日内反映内容相似度（按相邻两字的重合比例，百分比）达到此值即提示可能重复'
    WHERE name = 'lead_duplicate_similarity_pct';
UPDATE settings SET basis = '监督规则目录：违法类预警' WHERE name = 'focus_weight_violation';
