/* SQLite side of store/documents.h. */
#include "store/documents.h"
#include "store/sqlite_internal.h"

#define COLUMNS                                                                                                     \
    "json_object('id', id, 'subject', subject, 'subject_id', subject_id, 'kind', kind, 'version', version,"      \
    " 'doc_no', doc_no, 'sm3', sm3, 'bytes', bytes, 'pages', pages, 'reason', reason, 'issued_by', issued_by,"    \
    " 'issued_at', issued_at, 'sealed_agency', sealed_agency, 'cert_serial', cert_serial, 'ledger_seq', ledger_seq)"

const char *sqlite_store_db_path(Store *st)
{
    const char *p = sqlite3_db_filename(st->db, "main");
    return p && *p ? p : NULL;
}

int sqlite_store_document_next(Store *st, const char *subject, const char *subject_id, const char *kind,
                               long long *id, int *version, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT (SELECT coalesce(max(id), 0) + 1 FROM documents),"
                       " (SELECT coalesce(max(version), 0) + 1 FROM documents"
                       "  WHERE subject = ?1 AND subject_id = ?2 AND kind = ?3)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite_bind_opt(q, 1, subject);
    sqlite_bind_opt(q, 2, subject_id);
    sqlite_bind_opt(q, 3, kind);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(q, 0);
        *version = sqlite3_column_int(q, 1);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "documents");
}

int sqlite_store_document_insert(Store *st, const DocumentRow *r, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "INSERT INTO documents(id, subject, subject_id, kind, version, doc_no, sm3, bytes, pages, reason,"
                       " issued_by, issued_at, sealed_agency, cert_serial, ledger_seq)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, r->id);
    sqlite_bind_opt(q, 2, r->subject);
    sqlite_bind_opt(q, 3, r->subject_id);
    sqlite_bind_opt(q, 4, r->kind);
    sqlite3_bind_int(q, 5, r->version);
    sqlite3_bind_text(q, 6, r->doc_no ? r->doc_no : "", -1, SQLITE_TRANSIENT);
    sqlite_bind_opt(q, 7, r->sm3);
    sqlite3_bind_int64(q, 8, r->bytes);
    sqlite3_bind_int(q, 9, r->pages);
    sqlite_bind_opt(q, 10, r->reason);
    sqlite_bind_opt(q, 11, r->issued_by);
    sqlite_bind_opt(q, 12, r->issued_at);
    sqlite3_bind_text(q, 13, r->sealed_agency ? r->sealed_agency : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 14, r->cert_serial ? r->cert_serial : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 15, r->ledger_seq);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return zf_fail(err, 409, "document_conflict", NULL, "该文书刚由他人出具，请刷新后重试");
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "documents");
}

int sqlite_store_documents_of(Store *st, const char *subject, const char *subject_id, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " COLUMNS " FROM documents WHERE subject = ?1 AND subject_id = ?2 ORDER BY id", &q,
                       err) != ZF_OK)
        return ZF_ERR;
    sqlite_bind_opt(q, 1, subject);
    sqlite_bind_opt(q, 2, subject_id);
    return sqlite_json_rows(st, q, "documents", items, err);
}

int sqlite_store_document_get(Store *st, long long id, json_t **row, ZfError *err)
{
    sqlite3_stmt *q;
    json_t *items;
    if (sqlite_prepare(st, "SELECT " COLUMNS " FROM documents WHERE id = ?1", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    if (sqlite_json_rows(st, q, "documents", &items, err) != ZF_OK) return ZF_ERR;
    *row = json_incref(json_array_get(items, 0));
    json_decref(items);
    return *row ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "文书不存在");
}

int sqlite_store_documents_foreach(Store *st, DocumentRowFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    /* the columns the document.issue event carries (app/documents.c), as it writes them */
    if (sqlite_prepare(st,
                       "SELECT json_object('id', id, 'subject', subject, 'subject_id', subject_id, 'kind', kind,"
                       " 'version', version, 'doc_no', doc_no, 'sm3', sm3, 'bytes', bytes, 'pages', pages,"
                       " 'issued_by', issued_by, 'issued_at', issued_at, 'reason', reason) FROM documents ORDER BY id",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    return sqlite_json_foreach(st, q, "documents", fn, ctx, err);
}
