-- Photos of a lead (issue 15, docs/leads.md "Photos"): up to 3, sent by the complainant within minutes
-- of filing (POST /public/complaints/{code}/photos) or by the observer who filed it. Stored like an
-- order's files: the bytes in the ledger's file store under their SM3, one attachment.add event each.
CREATE TABLE lead_photos (
    id          INTEGER PRIMARY KEY,
    lead_id     INTEGER NOT NULL REFERENCES leads(id),
    name        TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sm3         TEXT NOT NULL,
    ledger_seq  INTEGER NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX lead_photos_by_lead ON lead_photos(lead_id, id);
CREATE TRIGGER lead_photos_no_update BEFORE UPDATE ON lead_photos
BEGIN SELECT RAISE(ABORT, 'lead_photos is append-only'); END;
CREATE TRIGGER lead_photos_no_delete BEFORE DELETE ON lead_photos
BEGIN SELECT RAISE(ABORT, 'lead_photos is append-only'); END;

INSERT INTO settings(name, value, description, kind, min_value, max_value, basis) VALUES
 ('lead_photo_max_mib', '10', '线索照片：每张照片大小上限（MiB）', 'integer', 1, 50, '本地规定'),
 ('lead_photo_minutes', '30', '群众投诉：提交后可补传照片的时限（分钟）', 'integer', 1, 1440, '本地规定'),
 ('portal_photos_per_hour', '20', '群众投诉：同一地址每小时可上传的照片数', 'integer', 1, 999, '本地规定');
