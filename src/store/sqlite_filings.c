/* SQLite side of store/filings.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/filing.h"
#include "store/filings.h"
#include "store/sqlite_internal.h"
#include "store/sqlite_where.h"

/* Two statements rather than "?1 IS NULL OR updated_at >= ?1", which would not use the index. */
static const char candidates_all[] =
    "SELECT c.case_no, c.agency, c.body, c.updated_at FROM cases c"
    " WHERE c.kind = 'penalty' AND NOT EXISTS (SELECT 1 FROM filings f WHERE f.case_no = c.case_no)";
static const char candidates_since[] =
    "SELECT c.case_no, c.agency, c.body, c.updated_at FROM cases c INDEXED BY cases_by_updated_at"
    " WHERE c.updated_at >= ?1 AND c.kind = 'penalty'"
    " AND NOT EXISTS (SELECT 1 FROM filings f WHERE f.case_no = c.case_no)";

int sqlite_store_filing_candidates(Store *st, const char *since, FilingCandidateFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, since ? candidates_since : candidates_all, &q, err) != ZF_OK) return ZF_ERR;
    if (since) sqlite3_bind_text(q, 1, since, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (fn((const char *)sqlite3_column_text(q, 0), (const char *)sqlite3_column_text(q, 1),
               (const char *)sqlite3_column_text(q, 2), (const char *)sqlite3_column_text(q, 3), ctx) != 0)
            break;
    int failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_finalize(q);
    return failed ? sqlite_fail(st, err, "filing candidates") : ZF_OK;
}

int sqlite_store_filing_scan_get(Store *st, char mark[32], char **policy, ZfError *err)
{
    sqlite3_stmt *q;
    *policy = NULL;
    mark[0] = '\0';
    if (sqlite_prepare(st, "SELECT mark, policy FROM filing_scan WHERE id = 1", &q, err) != ZF_OK) return ZF_ERR;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        sqlite_col_copy(q, 0, mark, 32);
        const char *p = (const char *)sqlite3_column_text(q, 1);
        *policy = strdup(p ? p : "");
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sqlite_fail(st, err, "filing_scan");
    if (!*policy && !(*policy = strdup(""))) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    return ZF_OK;
}

int sqlite_store_filing_scan_set(Store *st, const char *mark, const char *policy, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "INSERT INTO filing_scan(id, mark, policy) VALUES (1, ?1, ?2)"
                           " ON CONFLICT(id) DO UPDATE SET mark = excluded.mark, policy = excluded.policy",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite_bind_opt(q, 1, mark && *mark ? mark : NULL);
    sqlite3_bind_text(q, 2, policy, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "filing_scan");
}

int sqlite_store_filing_insert(Store *st, const FilingRow *r, long long *id, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    *id = 0;
    sqlite_utc_now(now);
    if (sqlite_prepare(st,
                       "INSERT INTO filings(case_no, agency, region, reasons, decided_on, served_on, filed_on, due_on,"
                       " late, created_at) VALUES (?1, ?2, coalesce((SELECT region FROM agencies WHERE code = ?2), ''),"
                       " ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(case_no) DO NOTHING RETURNING id",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    const char *text[7] = {r->case_no, r->agency, r->reasons, r->decided_on, r->served_on, r->filed_on, r->due_on};
    for (int i = 0; i < 7; i++) sqlite_bind_opt(q, i + 1, text[i]);
    sqlite3_bind_int(q, 8, r->late);
    sqlite3_bind_text(q, 9, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "filings");
}

#define FILINGS_FROM "FROM filings f LEFT JOIN agencies a ON a.code = f.agency "
#define FILING_COLUMNS                                                                                 \
    "SELECT f.id, f.case_no, f.agency, a.name, coalesce(a.region, f.region), f.reasons, f.decided_on," \
    " f.served_on, f.filed_on, f.due_on, f.late, f.status, f.result, f.reviewer, f.reviewed_at,"       \
    " f.note, f.order_id, f.created_at "

static json_t *filing_row(sqlite3_stmt *q)
{
    static const char *const text[] = {"case_no", "agency",   "agency_name", "region", "reasons",
                                       "decided_on", "served_on", "filed_on", "due_on"};
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(sqlite3_column_int64(q, 0)));
    for (int c = 0; c < 9; c++) json_object_set_new(o, text[c], sqlite_json_text(q, c + 1));
    json_object_set_new(o, "late", json_boolean(sqlite3_column_int(q, 10)));
    const char *status = (const char *)sqlite3_column_text(q, 11), *result = (const char *)sqlite3_column_text(q, 12);
    const char *status_name = filing_status_name(status), *result_name = filing_result_name(result);
    json_object_set_new(o, "status", sqlite_json_text(q, 11));
    json_object_set_new(o, "status_name", status_name ? json_string(status_name) : json_null());
    json_object_set_new(o, "result", sqlite_json_text(q, 12));
    json_object_set_new(o, "result_name", result_name ? json_string(result_name) : json_null());
    json_object_set_new(o, "reviewer", sqlite_json_text(q, 13));
    json_object_set_new(o, "reviewed_at", sqlite_json_text(q, 14));
    json_object_set_new(o, "note", sqlite_json_text(q, 15));
    json_object_set_new(o, "order_id", sqlite3_column_type(q, 16) == SQLITE_NULL
                                           ? json_null()
                                           : json_integer(sqlite3_column_int64(q, 16)));
    json_object_set_new(o, "created_at", sqlite_json_text(q, 17));
    return o;
}

static void build_where(const FilingFilter *f, SqlWhere *w)
{
    sql_where_init(w);
    sql_where_text(w, "f.status = ?", f->status);
    sql_where_text(w, "f.agency = ?", f->agency);
    if (f->late_only) sql_where_fixed(w, "f.late = 1");
    sql_where_text(w, "instr(f.case_no || ' ' || f.reasons || ' ' || coalesce(a.name, ''), ?) > 0", f->q);
    sql_where_text(w, "f.agency = ?", f->scope_agency);
    sql_where_prefix(w, "coalesce(a.region, f.region)", f->scope_region_prefix);
    if (f->scope_nothing) sql_where_fixed(w, "0");
}

int sqlite_store_filings_list(Store *st, const FilingFilter *f, int page, int size, json_t **out, ZfError *err)
{
    SqlWhere w;
    char sql[4096];
    build_where(f, &w);
    long long total = sql_where_count(st, FILINGS_FROM, &w, err);
    if (total < 0) return ZF_ERR;
    snprintf(sql, sizeof sql, FILING_COLUMNS FILINGS_FROM "%s ORDER BY f.filed_on DESC, f.id DESC LIMIT ? OFFSET ?",
             w.sql);
    return sql_where_page(st, sql, &w, page, size, total, filing_row, "filings", out, err);
}

int sqlite_store_filing_get(Store *st, long long id, json_t **row, ZfError *err)
{
    sqlite3_stmt *q;
    *row = NULL;
    if (sqlite_prepare(st, FILING_COLUMNS FILINGS_FROM "WHERE f.id = ?1", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = filing_row(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return ZF_OK;
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "备案记录不存在");
    return sqlite_fail(st, err, "filings");
}

int sqlite_store_filing_review(Store *st, long long id, const char *result, const char *reviewer, const char *note,
                               long long order_id, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite_prepare(st,
                       "UPDATE filings SET status = 'reviewed', result = ?2, reviewer = ?3, reviewed_at = ?4,"
                       " note = ?5, order_id = ?6 WHERE id = ?1 AND status = 'pending'",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_text(q, 2, result, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, reviewer, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, note ? note : "", -1, SQLITE_STATIC);
    if (order_id > 0) sqlite3_bind_int64(q, 6, order_id);
    else sqlite3_bind_null(q, 6);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "filings");
    if (sqlite3_changes(st->db) == 0) return zf_fail(err, 409, "already_reviewed", NULL, "该备案已审查，不能重复审查");
    return ZF_OK;
}
