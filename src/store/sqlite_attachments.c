/* SQLite side of store/attachments.h. Every query parameterized; only INSERT and SELECT. */
#include "store/attachments.h"
#include "store/sqlite_internal.h"

#define COLS "id, case_no, stage, kind, name, mime, size, sha256, sm3, ledger_seq, uploaded_by, uploaded_at"

static json_t *row_json(sqlite3_stmt *q)
{
    return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:o, s:o, s:I, s:o, s:o}", "id",
                     (json_int_t)sqlite3_column_int64(q, 0), "case_no", sqlite_json_text(q, 1), "stage",
                     sqlite_json_text(q, 2), "kind", sqlite_json_text(q, 3), "name", sqlite_json_text(q, 4),
                     "mime", sqlite_json_text(q, 5), "size", (json_int_t)sqlite3_column_int64(q, 6), "sha256",
                     sqlite_json_text(q, 7), "sm3", sqlite_json_text(q, 8), "ledger_seq",
                     (json_int_t)sqlite3_column_int64(q, 9), "uploaded_by", sqlite_json_text(q, 10),
                     "uploaded_at", sqlite_json_text(q, 11));
}

int sqlite_store_attachment_add(Store *st, const AttachmentRow *a, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO case_attachments(case_no, stage, kind, name, mime, size, sha256, sm3,"
                           " ledger_seq, uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                           " strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) RETURNING " COLS,
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "case_attachments");
    const char *text[] = {a->case_no, a->stage, a->kind, a->name, a->mime};
    for (int i = 0; i < 5; i++) sqlite3_bind_text(q, i + 1, text[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 6, a->size);
    sqlite3_bind_text(q, 7, a->sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 8, a->sm3, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 9, (sqlite3_int64)a->ledger_seq);
    sqlite3_bind_text(q, 10, a->uploaded_by, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *out = row_json(q);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "case_attachments");
}

int sqlite_store_attachment_list(Store *st, const char *case_no, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT " COLS " FROM case_attachments WHERE case_no = ?1 ORDER BY id", -1, &q,
                           NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "case_attachments");
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) json_array_append_new(a, row_json(q));
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return sqlite_fail(st, err, "case_attachments");
    }
    *items = a;
    return ZF_OK;
}

int sqlite_store_attachment_get(Store *st, const char *case_no, long long id, json_t **row, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT " COLS " FROM case_attachments WHERE case_no = ?1 AND id = ?2", -1, &q,
                           NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "case_attachments");
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = row_json(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return ZF_OK;
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "附件不存在");
    return sqlite_fail(st, err, "case_attachments");
}
