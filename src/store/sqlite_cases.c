/* SQLite side of store/cases.h. The case fields a filter reads are taken from the stored body
 * (json_extract), the scope from the agencies table as for every other list. */
#include "store/cases.h"

#include <stdio.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/sqlite_where.h"

#define FILED "json_extract(c.body, '$.filed_on')"
#define DECIDED "json_extract(c.body, '$.decided_on')"
#define CLOSED "json_extract(c.body, '$.closed_on')"
#define FINE_FEN "CAST(round(json_extract(c.body, '$.decision.fine') * 100) AS INTEGER)"
#define OPEN_FINDING "EXISTS (SELECT 1 FROM findings x WHERE x.subject_type = 'case' AND x.subject = c.case_no" \
                     " AND x.resolved_at IS NULL"

static void build_where(const CaseFilter *f, SqlWhere *w)
{
    sql_where_init(w);
    if (f->scope_nothing) sql_where_fixed(w, "0");
    sql_where_text(w, "c.agency = ?", f->scope_agency);
    sql_where_prefix(w, "a.region", f->scope_region_prefix);
    sql_where_text(w, "c.agency = ?", f->agency);
    sql_where_prefix(w, "a.region", f->region_prefix);
    sql_where_text(w, "a.sector = ?", f->sector);
    sql_where_text(w, "c.kind = ?", f->kind);
    sql_where_text(w, "json_extract(c.body, '$.procedure') = ?", f->procedure);
    if (f->status && strcmp(f->status, "open") == 0) sql_where_fixed(w, DECIDED " IS NULL AND " CLOSED " IS NULL");
    if (f->status && strcmp(f->status, "decided") == 0) sql_where_fixed(w, DECIDED " IS NOT NULL AND " CLOSED " IS NULL");
    if (f->status && strcmp(f->status, "closed") == 0) sql_where_fixed(w, CLOSED " IS NOT NULL");
    sql_where_text(w, FILED " >= ?", f->filed_from);
    sql_where_text(w, FILED " <= ?", f->filed_to);
    sql_where_text(w, DECIDED " >= ?", f->decided_from);
    sql_where_text(w, DECIDED " <= ?", f->decided_to);
    sql_where_num(w, FINE_FEN " >= ?", f->fine_min_fen);
    sql_where_num(w, FINE_FEN " <= ?", f->fine_max_fen);
    if (f->has_findings && strcmp(f->has_findings, "1") == 0) sql_where_fixed(w, OPEN_FINDING ")");
    if (f->has_findings && strcmp(f->has_findings, "0") == 0) sql_where_fixed(w, "NOT " OPEN_FINDING ")");
    sql_where_text(w, OPEN_FINDING " AND x.severity = ?)", f->severity);
    sql_where_text_n(w,
                   "(instr(c.case_no, ?) > 0 OR instr(coalesce(json_extract(c.body, '$.decision.doc_no'), ''), ?) > 0"
                   " OR instr(coalesce(json_extract(c.body, '$.party.name'), ''), ?) > 0)",
                   f->q, 3);
    sql_where_text_n(w, "(instr(c.case_no, ?) > 0 OR instr(coalesce(json_extract(c.body, '$.decision.doc_no'), ''), ?) > 0)",
                     f->q_number, 2);
}

static const char *order_by(const CaseFilter *f)
{
    static const struct {
        const char *key, *asc, *desc;
    } SORTS[] = {
        {"filed_on", FILED " ASC, c.case_no", FILED " DESC, c.case_no"},
        {"decided_on", DECIDED " ASC, c.case_no", DECIDED " DESC, c.case_no"},
        {"case_no", "c.case_no ASC", "c.case_no DESC"},
        {"fine", FINE_FEN " ASC, c.case_no", FINE_FEN " DESC, c.case_no"},
    };
    for (size_t i = 0; i < sizeof SORTS / sizeof *SORTS; i++)
        if (f->sort && strcmp(f->sort, SORTS[i].key) == 0) return f->ascending ? SORTS[i].asc : SORTS[i].desc;
    return f->ascending ? SORTS[0].asc : SORTS[0].desc;
}

#define FROM "FROM cases c LEFT JOIN agencies a ON a.code = c.agency "
/* The columns read_row reads, in its order; the list and the export select the same. */
#define SELECT_CASE                                                                                          \
    "SELECT c.case_no, c.agency, a.name, a.region, c.kind, json_extract(c.body, '$.procedure'),"            \
    " json_extract(c.body, '$.party.name'), " FILED ", " DECIDED ", " CLOSED ","                             \
    " json_extract(c.body, '$.decision.fine'), json_extract(c.body, '$.decision.doc_no'),"                 \
    " EXISTS (SELECT 1 FROM case_workflow w WHERE w.case_no = c.case_no),"                                  \
    " (SELECT count(*) FROM findings x WHERE x.subject_type = 'case' AND x.subject = c.case_no"             \
    "  AND x.resolved_at IS NULL),"                                                                         \
    /* 'violation' sorts before 'warning': min() is the worst */                                            \
    " (SELECT min(x.severity) FROM findings x WHERE x.subject_type = 'case' AND x.subject = c.case_no"      \
    "  AND x.resolved_at IS NULL) " FROM

static const char *text_at(sqlite3_stmt *q, int col) { return (const char *)sqlite3_column_text(q, col); }

static void read_row(sqlite3_stmt *q, CaseRow *r)
{
    r->case_no = text_at(q, 0), r->agency = text_at(q, 1), r->agency_name = text_at(q, 2);
    r->region = text_at(q, 3), r->kind = text_at(q, 4), r->procedure = text_at(q, 5);
    r->party_name = text_at(q, 6), r->filed_on = text_at(q, 7), r->decided_on = text_at(q, 8);
    r->closed_on = text_at(q, 9);
    r->has_fine = sqlite3_column_type(q, 10) != SQLITE_NULL;
    r->fine = r->has_fine ? sqlite3_column_double(q, 10) : 0;
    r->doc_no = text_at(q, 11);
    r->status = r->closed_on ? "closed" : r->decided_on ? "decided" : "open";
    r->online = sqlite3_column_int(q, 12) != 0;
    r->open_findings = sqlite3_column_int64(q, 13);
    r->worst_severity = text_at(q, 14);
}

static json_t *json_text(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *case_row(sqlite3_stmt *q)
{
    CaseRow r;
    read_row(q, &r);
    const char *texts[] = {r.case_no, r.agency, r.agency_name, r.region, r.kind, r.procedure,
                           r.party_name, r.filed_on, r.decided_on, r.closed_on};
    static const char *const names[] = {"case_no", "agency", "agency_name", "region", "kind", "procedure",
                                        "party_name", "filed_on", "decided_on", "closed_on"};
    json_t *o = json_object();
    for (int i = 0; i < 10; i++) json_object_set_new(o, names[i], json_text(texts[i]));
    json_object_set_new(o, "fine", r.has_fine ? json_real(r.fine) : json_null());
    json_object_set_new(o, "doc_no", json_text(r.doc_no));
    json_object_set_new(o, "status", json_string(r.status));
    json_object_set_new(o, "online", json_boolean(r.online));
    json_object_set_new(o, "open_findings", json_integer(r.open_findings));
    json_object_set_new(o, "worst_severity", json_text(r.worst_severity));
    return o;
}

int sqlite_store_cases_list(Store *st, const CaseFilter *f, int page, int size, json_t **out, ZfError *err)
{
    SqlWhere w;
    char sql[4096];
    build_where(f, &w);
    long long total = sql_where_count(st, FROM, &w, err);
    if (total < 0) return ZF_ERR;
    snprintf(sql, sizeof sql, SELECT_CASE "%s ORDER BY %s LIMIT ? OFFSET ?", w.sql, order_by(f));
    return sql_where_page(st, sql, &w, page, size, total, case_row, "cases", out, err);
}

int sqlite_store_cases_foreach(Store *st, const CaseFilter *f, CaseRowFn fn, void *ctx, ZfError *err)
{
    SqlWhere w;
    char sql[4096];
    sqlite3_stmt *q;
    build_where(f, &w);
    snprintf(sql, sizeof sql, SELECT_CASE "%s ORDER BY %s", w.sql, order_by(f));
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sql_where_bind(q, &w, 1);
    int rc;
    CaseRow r;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        read_row(q, &r);
        if (fn(&r, ctx) != 0) break;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "cases export");
}
