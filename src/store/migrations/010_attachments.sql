-- Case attachments (全过程记录, 《行政处罚法》第四十七条: the launch, investigation, review,
-- decision, service and enforcement of a penalty are recorded in writing, audio and video and
-- archived). One row per upload against a stage of an online case; the content lives once per
-- digest in <db>.files/<sm3> (the ledger's attachment store, verified by `zhifa verify`), and
-- each row is logged as an attachment.add event carrying both digests. Append-only: a wrong
-- upload is superseded by a note, as a paper file is.
CREATE TABLE case_attachments (
    id          INTEGER PRIMARY KEY,
    case_no     TEXT NOT NULL,
    stage       TEXT NOT NULL,     -- the workflow stage code it belongs to
    kind        TEXT NOT NULL CHECK (kind IN ('photo', 'audio', 'video', 'document')),
    name        TEXT NOT NULL,     -- the uploaded file name, for people; never a path
    mime        TEXT NOT NULL,     -- sniffed from the content, never the client's word
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,     -- lowercase hex
    sm3         TEXT NOT NULL,     -- lowercase hex; the file's name in <db>.files/
    ledger_seq  INTEGER NOT NULL,  -- its attachment.add event
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL      -- UTC, YYYY-MM-DDTHH:MM:SSZ
);
-- GET /workflow/cases/{case_no}/attachments: a case's files in upload order.
CREATE INDEX case_attachments_by_case ON case_attachments(case_no, id);
CREATE TRIGGER case_attachments_no_update BEFORE UPDATE ON case_attachments
BEGIN SELECT RAISE(ABORT, 'case_attachments is append-only'); END;
CREATE TRIGGER case_attachments_no_delete BEFORE DELETE ON case_attachments
BEGIN SELECT RAISE(ABORT, 'case_attachments is append-only'); END;

-- What each kind accepts (MIME types sniffed from the content, separated by spaces) and its
-- size limit in MiB (at most 1024; uploads are held in memory while they are checked).
INSERT INTO settings(name, value, description) VALUES
 ('attachment_photo_max_mib', '20', '案件附件·照片大小上限（MiB）'),
 ('attachment_photo_types', 'image/jpeg image/png image/heic image/heif', '案件附件·照片接受的格式（按文件内容识别）'),
 ('attachment_audio_max_mib', '50', '案件附件·录音大小上限（MiB）'),
 ('attachment_audio_types', 'audio/mpeg audio/mp4 audio/aac audio/wav audio/amr audio/amr-wb', '案件附件·录音接受的格式（按文件内容识别）'),
 ('attachment_video_max_mib', '200', '案件附件·录像大小上限（MiB）'),
 ('attachment_video_types', 'video/mp4 video/quicktime', '案件附件·录像接受的格式（按文件内容识别）'),
 ('attachment_document_max_mib', '50', '案件附件·文书大小上限（MiB）'),
 ('attachment_document_types', 'application/pdf', '案件附件·文书接受的格式（按文件内容识别）');
