-- 执法文书 beyond cases and the supervision loop: the 行政复议 platform's 通知书/决定书/意见书
-- (subject 'reconsideration'), the 备案审查 platform's notices (subject 'normative_doc') and the
-- 法治督察考核 report (subject 'assessment_plan') are documents too. SQLite cannot widen a CHECK in
-- place: the table is rebuilt with the same rows, in the migration's transaction.
CREATE TABLE documents_new (
    id            INTEGER PRIMARY KEY,
    subject       TEXT NOT NULL CHECK (subject IN ('case', 'order', 'review_plan', 'reconsideration',
                                                   'normative_doc', 'assessment_plan')),
    subject_id    TEXT NOT NULL,              -- case_no, or the subject's id as text
    kind          TEXT NOT NULL,              -- data/templates/<kind>.json
    version       INTEGER NOT NULL CHECK (version >= 1),
    doc_no        TEXT NOT NULL DEFAULT '',
    sm3           TEXT NOT NULL,              -- the sealed PDF in <db>.files/<sm3>
    bytes         INTEGER NOT NULL,
    pages         INTEGER NOT NULL,
    reason        TEXT CHECK (reason IS NULL OR length(reason) <= 500),
    issued_by     TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    sealed_agency TEXT NOT NULL DEFAULT '',
    cert_serial   TEXT NOT NULL DEFAULT '',
    ledger_seq    INTEGER NOT NULL,
    UNIQUE (subject, subject_id, kind, version),
    CHECK (version = 1 OR reason IS NOT NULL)
);
INSERT INTO documents_new SELECT id, subject, subject_id, kind, version, doc_no, sm3, bytes, pages, reason,
       issued_by, issued_at, sealed_agency, cert_serial, ledger_seq FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
