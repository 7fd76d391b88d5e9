/* PostgreSQL side of store/filings.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/filing.h"
#include "store/filings.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/pg_where.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define CANDIDATE_PAGE 500

/* Keyset pages by case number: the caller reads in one snapshot (store_begin_read), and no page
 * holds more than CANDIDATE_PAGE bodies in memory however many cases wait. The order is not part
 * of the contract (the caller keeps the newest updated_at). */
int pg_store_filing_candidates(Store *st, const char *since, FilingCandidateFn fn, void *ctx, ZfError *err)
{
    char after[256] = "", lim[24];
    bool more = true, stop = false;
    while (more && !stop) {
        PGresult *r = pg_query(st,
                               "SELECT c.case_no, c.agency, c.body, c.updated_at FROM cases c"
                               " WHERE c.kind = 'penalty' AND ($1::text IS NULL OR c.updated_at >= $1::text)"
                               " AND ($2::text = '' OR c.case_no > $2::text)"
                               " AND NOT EXISTS (SELECT 1 FROM filings f WHERE f.case_no = c.case_no)"
                               " ORDER BY c.case_no LIMIT $3::bigint",
                               PG_ARGS(since, after, pg_int(lim, CANDIDATE_PAGE)), "filing candidates", err);
        if (!r) return ZF_ERR;
        int n = PQntuples(r);
        for (int i = 0; i < n && !stop; i++)
            stop = fn(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), PQgetvalue(r, i, 2),
                      PQgetisnull(r, i, 3) ? NULL : PQgetvalue(r, i, 3), ctx) != 0;
        more = n == CANDIDATE_PAGE && strlen(PQgetvalue(r, n - 1, 0)) < sizeof after;
        if (more) snprintf(after, sizeof after, "%s", PQgetvalue(r, n - 1, 0));
        PQclear(r);
    }
    return ZF_OK;
}

int pg_store_filing_scan_get(Store *st, char mark[32], char **policy, ZfError *err)
{
    *policy = NULL;
    mark[0] = '\0';
    PGresult *r = pg_query(st, "SELECT mark, policy FROM filing_scan WHERE id = 1", PG_NOARGS, "filing_scan", err);
    if (!r) return ZF_ERR;
    if (PQntuples(r)) {
        pg_copy(r, 0, 0, mark, 32);
        *policy = strdup(pg_text(r, 0, 1));
    } else {
        *policy = strdup("");
    }
    PQclear(r);
    return *policy ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
}

int pg_store_filing_scan_set(Store *st, const char *mark, const char *policy, ZfError *err)
{
    return pg_exec(st,
                   "INSERT INTO filing_scan(id, mark, policy) VALUES (1, $1, $2)"
                   " ON CONFLICT (id) DO UPDATE SET mark = excluded.mark, policy = excluded.policy",
                   PG_ARGS(mark && *mark ? mark : NULL, policy), "filing_scan", NULL, err);
}

int pg_store_filing_insert(Store *st, const FilingRow *f, long long *id, ZfError *err)
{
    *id = 0;
    PGresult *r = pg_query(st,
                           "INSERT INTO filings(case_no, agency, region, reasons, decided_on, served_on, filed_on, due_on,"
                           " late, created_at) VALUES ($1, $2::text, coalesce((SELECT region FROM agencies WHERE code = $2::text), ''),"
                           " $3, $4, $5, $6, $7, $8, " PG_NOW ") ON CONFLICT (case_no) DO NOTHING RETURNING id",
                           PG_ARGS(f->case_no, f->agency, f->reasons, f->decided_on, f->served_on, f->filed_on,
                                   f->due_on, f->late ? "1" : "0"),
                           "filings", err);
    if (!r) return ZF_ERR;
    if (PQntuples(r)) *id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

#define FILINGS_FROM "FROM filings f LEFT JOIN agencies a ON a.code = f.agency "
#define FILING_COLUMNS                                                                                 \
    "SELECT f.id, f.case_no, f.agency, a.name, coalesce(a.region, f.region), f.reasons, f.decided_on," \
    " f.served_on, f.filed_on, f.due_on, f.late, f.status, f.result, f.reviewer, f.reviewed_at,"       \
    " f.note, f.order_id, f.created_at "

static json_t *filing_row(const PGresult *r, int i)
{
    static const char *const text[] = {"case_no", "agency",   "agency_name", "region", "reasons",
                                       "decided_on", "served_on", "filed_on", "due_on"};
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(pg_ll(r, i, 0)));
    for (int c = 0; c < 9; c++) json_object_set_new(o, text[c], pg_json_text(r, i, c + 1));
    json_object_set_new(o, "late", json_boolean(pg_ll(r, i, 10)));
    const char *status = PQgetisnull(r, i, 11) ? NULL : PQgetvalue(r, i, 11);
    const char *result = PQgetisnull(r, i, 12) ? NULL : PQgetvalue(r, i, 12);
    const char *status_name = filing_status_name(status), *result_name = filing_result_name(result);
    json_object_set_new(o, "status", pg_json_text(r, i, 11));
    json_object_set_new(o, "status_name", status_name ? json_string(status_name) : json_null());
    json_object_set_new(o, "result", pg_json_text(r, i, 12));
    json_object_set_new(o, "result_name", result_name ? json_string(result_name) : json_null());
    json_object_set_new(o, "reviewer", pg_json_text(r, i, 13));
    json_object_set_new(o, "reviewed_at", pg_json_text(r, i, 14));
    json_object_set_new(o, "note", pg_json_text(r, i, 15));
    json_object_set_new(o, "order_id", pg_json_int_or_null(r, i, 16));
    json_object_set_new(o, "created_at", pg_json_text(r, i, 17));
    return o;
}

static void build_where(const FilingFilter *f, PgWhere *w)
{
    pg_where_init(w);
    pg_where_text(w, "f.status = ?", f->status);
    pg_where_text(w, "f.agency = ?", f->agency);
    if (f->late_only) pg_where_fixed(w, "f.late = 1");
    pg_where_text(w, "strpos(f.case_no || ' ' || f.reasons || ' ' || coalesce(a.name, ''), ?) > 0", f->q);
    pg_where_text(w, "f.agency = ?", f->scope_agency);
    pg_where_prefix(w, "coalesce(a.region, f.region)", f->scope_region_prefix);
    if (f->scope_nothing) pg_where_fixed(w, "false");
}

int pg_store_filings_list(Store *st, const FilingFilter *f, int page, int size, json_t **out, ZfError *err)
{
    PgWhere w;
    build_where(f, &w);
    long long total = pg_where_count(st, FILINGS_FROM, &w, "filings", err);
    if (total < 0) return ZF_ERR;
    return pg_where_page(st, FILING_COLUMNS FILINGS_FROM, &w, "ORDER BY f.filed_on DESC, f.id DESC", page, size, total,
                         filing_row, "filings", out, err);
}

int pg_store_filing_get(Store *st, long long id, json_t **row, ZfError *err)
{
    char idt[24];
    *row = NULL;
    PGresult *r = pg_query(st, FILING_COLUMNS FILINGS_FROM "WHERE f.id = $1::bigint", PG_ARGS(pg_int(idt, id)),
                           "filings", err);
    if (!r) return ZF_ERR;
    if (PQntuples(r)) *row = filing_row(r, 0);
    PQclear(r);
    return *row ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "备案记录不存在");
}

int pg_store_filing_review(Store *st, long long id, const char *result, const char *reviewer, const char *note,
                           long long order_id, ZfError *err)
{
    char idt[24], oid[24];
    PGresult *r = pg_query(st,
                           "UPDATE filings SET status = 'reviewed', result = $2, reviewer = $3, reviewed_at = " PG_NOW ","
                           " note = $4, order_id = $5::bigint WHERE id = $1::bigint AND status = 'pending' RETURNING id",
                           PG_ARGS(pg_int(idt, id), result, reviewer, note ? note : "",
                                   order_id > 0 ? pg_int(oid, order_id) : NULL),
                           "filings", err);
    if (!r) return ZF_ERR;
    int changed = PQntuples(r);
    PQclear(r);
    return changed ? ZF_OK : zf_fail(err, 409, "already_reviewed", NULL, "该备案已审查，不能重复审查");
}
