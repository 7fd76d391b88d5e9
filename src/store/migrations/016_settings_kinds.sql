-- More settings become editable on the 系统参数 page: the attachment limits and formats (010)
-- and the approval tiers (011). 014's CHECK listed the kinds of its day and SQLite cannot change
-- a CHECK, so the table is rebuilt without it: the kinds are checked where values are checked
-- (domain/setting_check.c), which refuses a kind it does not know.
CREATE TABLE settings_v2 (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind        TEXT,
    min_value   INTEGER,
    max_value   INTEGER,
    basis       TEXT NOT NULL DEFAULT '',
    updated_at  TEXT,
    updated_by  TEXT
) WITHOUT ROWID;
INSERT INTO settings_v2(name, value, description, kind, min_value, max_value, basis, updated_at, updated_by)
 SELECT name, value, description, kind, min_value, max_value, basis, updated_at, updated_by FROM settings;
DROP TABLE settings;
ALTER TABLE settings_v2 RENAME TO settings;

-- 1024 MiB: the ceiling the upload route is built for (domain/attachment.h ATTACHMENT_CEILING_MIB).
UPDATE settings SET kind = 'integer', min_value = 1, max_value = 1024,
    basis = '全过程记录：执法过程的文字、音像记录应当归档保存（《行政处罚法》第四十七条）；上限防止单个上传占满存储'
 WHERE name IN ('attachment_photo_max_mib', 'attachment_audio_max_mib', 'attachment_video_max_mib',
                'attachment_document_max_mib');
UPDATE settings SET kind = 'media_types',
    basis = '按文件内容识别格式，只接受可长期保存、可核验的证据格式（《行政处罚法》第四十七条）'
 WHERE name IN ('attachment_photo_types', 'attachment_audio_types', 'attachment_video_types',
                'attachment_document_types');
UPDATE settings SET kind = 'approval_policy',
    basis = '《行政处罚法》第五十七条、第五十八条；本地规定的审批分级'
 WHERE name = 'approval_policy';
