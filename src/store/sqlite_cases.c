/* SQLite side of store/cases.h. Every filter, the sort and the row read the columns migration 029
 * keeps beside the body (never json_extract per request), so the indexes named there serve them;
 * the agencies table only for an agency's name and sector. */
#include "store/cases.h"

#include <stdio.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/sqlite_where.h"

/* Cases with an open finding (of one severity): driven from findings, whose open rows are few,
 * rather than probed once per case. subject is NOT NULL, so NOT IN is the plain complement. */
#define OPEN_FINDINGS "(SELECT x.subject FROM findings x WHERE x.subject_type = 'case' AND x.resolved_at IS NULL"
#define REGION_CODE_LEN 6

/* A region and everything below it. A whole code is an equality, so the index on (region,
 * filed_on) also gives the order; a shorter prefix is a range over the codes that start with it
 * (x'ff' follows every byte of UTF-8 text), never substr(), which no index can serve. A page
 * writes the range as +c.region: the planner, which takes a range for a few rows, would sort the
 * whole region (a city's or a province's million) for twenty rows; read in cases_by_filed instead,
 * in the sort's order, it stops at the page. The count keeps the range on cases_by_region_filed. */
static void where_region(SqlWhere *w, const char *prefix, bool for_page)
{
    if (prefix && strlen(prefix) == REGION_CODE_LEN) sql_where_text(w, "c.region = ?", prefix);
    else if (for_page) sql_where_text_n(w, "+c.region >= ? AND +c.region < ? || x'ff'", prefix, 2);
    else sql_where_text_n(w, "c.region >= ? AND c.region < ? || x'ff'", prefix, 2);
}

/* A status is read from the two dates (the indexes hold them beside filed_on), never stored apart. */
static const char *const STATUS_WHERE[][2] = {
    {"open", "c.decided_on IS NULL AND c.closed_on IS NULL"},
    {"decided", "c.decided_on IS NOT NULL AND c.closed_on IS NULL"},
    {"closed", "c.closed_on IS NOT NULL"},
};

static void build_where(const CaseFilter *f, bool for_page, SqlWhere *w)
{
    sql_where_init(w);
    if (f->scope_nothing) sql_where_fixed(w, "0");
    sql_where_text(w, "c.agency = ?", f->scope_agency);
    where_region(w, f->scope_region_prefix, for_page);
    sql_where_text(w, "c.agency = ?", f->agency);
    where_region(w, f->region_prefix, for_page);
    sql_where_text(w, "c.agency IN (SELECT s.code FROM agencies s WHERE s.sector = ?)", f->sector);
    sql_where_text(w, "c.kind = ?", f->kind);
    sql_where_text(w, "c.procedure = ?", f->procedure);
    for (size_t i = 0; f->status && i < sizeof STATUS_WHERE / sizeof *STATUS_WHERE; i++)
        if (strcmp(f->status, STATUS_WHERE[i][0]) == 0) sql_where_fixed(w, STATUS_WHERE[i][1]);
    sql_where_text(w, "c.filed_on >= ?", f->filed_from);
    sql_where_text(w, "c.filed_on <= ?", f->filed_to);
    sql_where_text(w, "c.decided_on >= ?", f->decided_from);
    sql_where_text(w, "c.decided_on <= ?", f->decided_to);
    sql_where_num(w, "c.fine_fen >= ?", f->fine_min_fen);
    sql_where_num(w, "c.fine_fen <= ?", f->fine_max_fen);
    if (f->has_findings && strcmp(f->has_findings, "1") == 0) sql_where_fixed(w, "c.case_no IN " OPEN_FINDINGS ")");
    if (f->has_findings && strcmp(f->has_findings, "0") == 0) sql_where_fixed(w, "c.case_no NOT IN " OPEN_FINDINGS ")");
    sql_where_text(w, "c.case_no IN " OPEN_FINDINGS " AND x.severity = ?)", f->severity);
    sql_where_text(w, "c.case_no = ?", f->case_no);
    /* a contains-search: no index serves it; it reads the columns, not the bodies (docs/case-query.md) */
    sql_where_text_n(w,
                     "(instr(c.case_no, ?) > 0 OR instr(coalesce(c.doc_no, ''), ?) > 0"
                     " OR instr(coalesce(c.filing_no, ''), ?) > 0 OR instr(coalesce(c.party_name, ''), ?) > 0)",
                     f->q, 4);
    sql_where_text_n(w,
                     "(instr(c.case_no, ?) > 0 OR instr(coalesce(c.doc_no, ''), ?) > 0"
                     " OR instr(coalesce(c.filing_no, ''), ?) > 0)",
                     f->q_number, 3);
}

static const char *order_by(const CaseFilter *f)
{
    static const struct {
        const char *key, *asc, *desc;
    } SORTS[] = {
        {"filed_on", "c.filed_on ASC, c.case_no", "c.filed_on DESC, c.case_no"},
        {"decided_on", "c.decided_on ASC, c.case_no", "c.decided_on DESC, c.case_no"},
        {"case_no", "c.case_no ASC", "c.case_no DESC"},
        {"fine", "c.fine_fen ASC, c.case_no", "c.fine_fen DESC, c.case_no"},
    };
    for (size_t i = 0; i < sizeof SORTS / sizeof *SORTS; i++)
        if (f->sort && strcmp(f->sort, SORTS[i].key) == 0) return f->ascending ? SORTS[i].asc : SORTS[i].desc;
    return f->ascending ? SORTS[0].asc : SORTS[0].desc;
}

/* The WHERE reads no column of agencies (a sector is a subquery): the count is of cases alone, in
 * an index that holds every column it tests; the page reads the agency's name through the join. */
#define COUNT_FROM "FROM cases c "
#define FROM "FROM cases c LEFT JOIN agencies a ON a.code = c.agency "
/* The columns read_row reads, in its order, from c and a; the list and the export select the same. */
#define CASE_COLUMNS                                                                                         \
    " c.case_no, c.agency, a.name, c.region, c.kind, c.procedure, c.party_name, c.filed_on,"           \
    " c.decided_on, c.closed_on, c.fine_fen, c.doc_no,"                                                     \
    " EXISTS (SELECT 1 FROM case_workflow w WHERE w.case_no = c.case_no),"                                  \
    " (SELECT count(*) FROM findings x WHERE x.subject_type = 'case' AND x.subject = c.case_no"             \
    "  AND x.resolved_at IS NULL),"                                                                         \
    /* 'violation' sorts before 'warning': min() is the worst */                                            \
    " (SELECT min(x.severity) FROM findings x WHERE x.subject_type = 'case' AND x.subject = c.case_no"      \
    "  AND x.resolved_at IS NULL), c.filing_no "
#define SELECT_CASE "SELECT" CASE_COLUMNS FROM
/* A page: its case numbers first, read in the index alone (SQLite 3.40 looks each index entry's
 * row up before it tests the filter columns the index holds: 2.3 s to find twenty open cases of a
 * region past 70,000 filed ones), then those twenty rows. */
#define PAGE_SQL                                                                                             \
    "SELECT" CASE_COLUMNS "FROM (SELECT c.case_no AS no FROM cases c %s ORDER BY %s LIMIT ? OFFSET ?) p"     \
    " JOIN cases c ON c.case_no = p.no LEFT JOIN agencies a ON a.code = c.agency ORDER BY %s"

static const char *text_at(sqlite3_stmt *q, int col) { return (const char *)sqlite3_column_text(q, col); }

static void read_row(sqlite3_stmt *q, CaseRow *r)
{
    r->case_no = text_at(q, 0), r->agency = text_at(q, 1), r->agency_name = text_at(q, 2);
    r->region = text_at(q, 3), r->kind = text_at(q, 4), r->procedure = text_at(q, 5);
    r->party_name = text_at(q, 6), r->filed_on = text_at(q, 7), r->decided_on = text_at(q, 8);
    r->closed_on = text_at(q, 9);
    r->has_fine = sqlite3_column_type(q, 10) != SQLITE_NULL;
    r->fine = r->has_fine ? (double)sqlite3_column_int64(q, 10) / 100.0 : 0;
    r->doc_no = text_at(q, 11);
    r->status = r->closed_on ? "closed" : r->decided_on ? "decided" : "open";
    r->online = sqlite3_column_int(q, 12) != 0;
    r->open_findings = sqlite3_column_int64(q, 13);
    r->worst_severity = text_at(q, 14);
    r->filing_no = text_at(q, 15);
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
    json_object_set_new(o, "filing_no", json_text(r.filing_no));
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
    build_where(f, false, &w);
    long long total = sql_where_count(st, COUNT_FROM, &w, err);
    if (total < 0) return ZF_ERR;
    build_where(f, true, &w);
    snprintf(sql, sizeof sql, PAGE_SQL, w.sql, order_by(f), order_by(f));
    return sql_where_page(st, sql, &w, page, size, total, case_row, "cases", out, err);
}

/* Hands each row of q to fn until it asks to stop; finalizes q. */
static int each_row(Store *st, sqlite3_stmt *q, CaseRowFn fn, void *ctx, const char *what, ZfError *err)
{
    int rc;
    CaseRow r;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        read_row(q, &r);
        if (fn(&r, ctx) != 0) break;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, what);
}

int sqlite_store_cases_page(Store *st, const CaseFilter *f, int page, int size, CaseRowFn fn, void *ctx,
                            long long *total, ZfError *err)
{
    SqlWhere w;
    char sql[4096];
    sqlite3_stmt *q;
    build_where(f, false, &w);
    if ((*total = sql_where_count(st, COUNT_FROM, &w, err)) < 0) return ZF_ERR;
    build_where(f, true, &w);
    snprintf(sql, sizeof sql, PAGE_SQL, w.sql, order_by(f), order_by(f));
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sql_where_bind(q, &w, 1);
    sqlite3_bind_int(q, w.n + 1, size);
    sqlite3_bind_int64(q, w.n + 2, (sqlite3_int64)(page - 1) * size);
    return each_row(st, q, fn, ctx, "cases", err);
}

int sqlite_store_cases_foreach(Store *st, const CaseFilter *f, CaseRowFn fn, void *ctx, ZfError *err)
{
    SqlWhere w;
    char sql[4096];
    sqlite3_stmt *q;
    build_where(f, true, &w);
    snprintf(sql, sizeof sql, SELECT_CASE "%s ORDER BY %s", w.sql, order_by(f));
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sql_where_bind(q, &w, 1);
    return each_row(st, q, fn, ctx, "cases export", err);
}

int sqlite_store_cases_totals(Store *st, const CaseFilter *f, long long *count, long long *fine_fen, ZfError *err)
{
    SqlWhere w;
    char sql[4096];
    sqlite3_stmt *q;
    build_where(f, false, &w);
    snprintf(sql, sizeof sql, "SELECT count(*), coalesce(sum(c.fine_fen), 0) " COUNT_FROM "%s", w.sql);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sql_where_bind(q, &w, 1);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *count = sqlite3_column_int64(q, 0), *fine_fen = sqlite3_column_int64(q, 1);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "cases totals");
}
