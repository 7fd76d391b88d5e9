/* PostgreSQL side of store/attachments.h: only INSERT and SELECT (a trigger refuses the rest). */
#include "store/attachments.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define COLS "id, case_no, stage, kind, name, mime, size, sha256, sm3, ledger_seq, uploaded_by, uploaded_at"

static json_t *row_json(const PGresult *r, int i)
{
    return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:o, s:o, s:I, s:o, s:o}", "id", (json_int_t)pg_ll(r, i, 0),
                     "case_no", pg_json_text(r, i, 1), "stage", pg_json_text(r, i, 2), "kind", pg_json_text(r, i, 3),
                     "name", pg_json_text(r, i, 4), "mime", pg_json_text(r, i, 5), "size", (json_int_t)pg_ll(r, i, 6),
                     "sha256", pg_json_text(r, i, 7), "sm3", pg_json_text(r, i, 8), "ledger_seq",
                     (json_int_t)pg_ll(r, i, 9), "uploaded_by", pg_json_text(r, i, 10), "uploaded_at",
                     pg_json_text(r, i, 11));
}

int pg_store_attachment_add(Store *st, const AttachmentRow *a, json_t **out, ZfError *err)
{
    char size[24], seq[24];
    PGresult *r = pg_query(st,
                           "INSERT INTO case_attachments(case_no, stage, kind, name, mime, size, sha256, sm3,"
                           " ledger_seq, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
                           " to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) RETURNING " COLS,
                           PG_ARGS(a->case_no, a->stage, a->kind, a->name, a->mime, pg_int(size, a->size), a->sha256,
                                   a->sm3, pg_int(seq, (long long)a->ledger_seq), a->uploaded_by),
                           "case_attachments", err);
    if (!r) return ZF_ERR;
    *out = row_json(r, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_attachment_list(Store *st, const char *case_no, json_t **items, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT " COLS " FROM case_attachments WHERE case_no = $1 ORDER BY id", PG_ARGS(case_no),
                           "case_attachments", err);
    if (!r) return ZF_ERR;
    json_t *a = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(a, row_json(r, i));
    PQclear(r);
    *items = a;
    return ZF_OK;
}

int pg_store_attachment_get(Store *st, const char *case_no, long long id, json_t **row, ZfError *err)
{
    char idt[24];
    PGresult *r = pg_query(st, "SELECT " COLS " FROM case_attachments WHERE case_no = $1 AND id = $2::bigint",
                           PG_ARGS(case_no, pg_int(idt, id)), "case_attachments", err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    if (found) *row = row_json(r, 0);
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "附件不存在");
}
