/* PostgreSQL side of store/cases.h: the 案件查询 list, its export walk and its totals. Every filter
 * reads the columns kept beside the body (as on SQLite, migration 029); the data scope is a
 * condition of the query. Values travel as parameters; the clauses are fixed text. */
#include <stdio.h>
#include <string.h>

#include "store/cases.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define MAX_PARAMS 24

/* A WHERE built from fixed clauses, each "?" becoming the next $n::text. A clause that would not
 * fit makes the query match nothing, never a wider one. */
typedef struct {
    char sql[3072];
    const char *params[MAX_PARAMS + 2];
    char nums[MAX_PARAMS][24];
    int n;
} PgWhere;

static void fixed(PgWhere *w, const char *clause)
{
    size_t len = strlen(w->sql);
    if (len + strlen(clause) + 8 >= sizeof w->sql) {
        snprintf(w->sql, sizeof w->sql, "WHERE false");
        return;
    }
    snprintf(w->sql + len, sizeof w->sql - len, " AND %s", clause);
}

static void text_n(PgWhere *w, const char *clause, const char *value, int times)
{
    char out[1024];
    size_t o = 0;
    if (!value || !*value) return;
    if (w->n + times > MAX_PARAMS) return fixed(w, "false");
    for (const char *c = clause; *c && o + 16 < sizeof out; c++) {
        if (*c != '?') {
            out[o++] = *c;
            continue;
        }
        w->params[w->n++] = value;
        o += (size_t)snprintf(out + o, sizeof out - o, "$%d::text", w->n);
    }
    out[o] = '\0';
    fixed(w, out);
}

static void text(PgWhere *w, const char *clause, const char *value) { text_n(w, clause, value, 1); }

static void num(PgWhere *w, const char *clause, long long value)
{
    char out[256];
    if (value < 0) return;
    if (w->n >= MAX_PARAMS) return fixed(w, "false");
    snprintf(w->nums[w->n], sizeof w->nums[w->n], "%lld", value);
    w->params[w->n] = w->nums[w->n];
    w->n++;
    const char *q = strchr(clause, '?');
    snprintf(out, sizeof out, "%.*s$%d::bigint%s", (int)(q - clause), clause, w->n, q + 1);
    fixed(w, out);
}

#define OPEN_FINDINGS "(SELECT x.subject FROM findings x WHERE x.subject_type = 'case' AND x.resolved_at IS NULL"

static const char *const STATUS_WHERE[][2] = {
    {"open", "c.decided_on IS NULL AND c.closed_on IS NULL"},
    {"decided", "c.decided_on IS NOT NULL AND c.closed_on IS NULL"},
    {"closed", "c.closed_on IS NOT NULL"},
};

static void build_where(const CaseFilter *f, PgWhere *w)
{
    memset(w, 0, sizeof *w);
    snprintf(w->sql, sizeof w->sql, "WHERE true");
    if (f->scope_nothing) fixed(w, "false");
    text(w, "c.agency = ?", f->scope_agency);
    text(w, "starts_with(c.region, ?)", f->scope_region_prefix);
    text(w, "c.agency = ?", f->agency);
    text(w, "starts_with(c.region, ?)", f->region_prefix);
    text(w, "c.agency IN (SELECT s.code FROM agencies s WHERE s.sector = ?)", f->sector);
    text(w, "c.kind = ?", f->kind);
    text(w, "c.procedure = ?", f->procedure);
    for (size_t i = 0; f->status && i < sizeof STATUS_WHERE / sizeof *STATUS_WHERE; i++)
        if (strcmp(f->status, STATUS_WHERE[i][0]) == 0) fixed(w, STATUS_WHERE[i][1]);
    text(w, "c.filed_on >= ?", f->filed_from);
    text(w, "c.filed_on <= ?", f->filed_to);
    text(w, "c.decided_on >= ?", f->decided_from);
    text(w, "c.decided_on <= ?", f->decided_to);
    num(w, "c.fine_fen >= ?", f->fine_min_fen);
    num(w, "c.fine_fen <= ?", f->fine_max_fen);
    if (f->has_findings && strcmp(f->has_findings, "1") == 0) fixed(w, "c.case_no IN " OPEN_FINDINGS ")");
    if (f->has_findings && strcmp(f->has_findings, "0") == 0) fixed(w, "c.case_no NOT IN " OPEN_FINDINGS ")");
    text(w, "c.case_no IN " OPEN_FINDINGS " AND x.severity = ?)", f->severity);
    text(w, "c.case_no = ?", f->case_no);
    text_n(w,
           "(strpos(c.case_no, ?) > 0 OR strpos(coalesce(c.doc_no, ''), ?) > 0"
           " OR strpos(coalesce(c.filing_no, ''), ?) > 0 OR strpos(coalesce(c.party_name, ''), ?) > 0)",
           f->q, 4);
    text_n(w,
           "(strpos(c.case_no, ?) > 0 OR strpos(coalesce(c.doc_no, ''), ?) > 0"
           " OR strpos(coalesce(c.filing_no, ''), ?) > 0)",
           f->q_number, 3);
}

static const char *order_by(const CaseFilter *f)
{
    static const struct {
        const char *key, *asc, *desc;
    } SORTS[] = {
        {"filed_on", "c.filed_on ASC NULLS FIRST, c.case_no COLLATE \"C\"", "c.filed_on DESC NULLS LAST, c.case_no COLLATE \"C\""},
        {"decided_on", "c.decided_on ASC NULLS FIRST, c.case_no COLLATE \"C\"",
         "c.decided_on DESC NULLS LAST, c.case_no COLLATE \"C\""},
        {"case_no", "c.case_no COLLATE \"C\" ASC", "c.case_no COLLATE \"C\" DESC"},
        {"fine", "c.fine_fen ASC NULLS FIRST, c.case_no COLLATE \"C\"", "c.fine_fen DESC NULLS LAST, c.case_no COLLATE \"C\""},
    };
    for (size_t i = 0; i < sizeof SORTS / sizeof *SORTS; i++)
        if (f->sort && strcmp(f->sort, SORTS[i].key) == 0) return f->ascending ? SORTS[i].asc : SORTS[i].desc;
    return f->ascending ? SORTS[0].asc : SORTS[0].desc;
}

#define CASE_COLUMNS                                                                                    \
    " c.case_no, c.agency, a.name, c.region, c.kind, c.procedure, c.party_name, c.filed_on,"           \
    " c.decided_on, c.closed_on, c.fine_fen, c.doc_no,"                                                 \
    " EXISTS (SELECT 1 FROM case_workflow w WHERE w.case_no = c.case_no),"                              \
    " (SELECT count(*) FROM findings x WHERE x.subject_type = 'case' AND x.subject = c.case_no"         \
    "  AND x.resolved_at IS NULL),"                                                                     \
    " (SELECT min(x.severity) FROM findings x WHERE x.subject_type = 'case' AND x.subject = c.case_no"  \
    "  AND x.resolved_at IS NULL), c.filing_no "
#define FROM "FROM cases c LEFT JOIN agencies a ON a.code = c.agency "

static const char *opt(const PGresult *r, int i, int c) { return PQgetisnull(r, i, c) ? NULL : PQgetvalue(r, i, c); }

static void read_row(const PGresult *q, int i, CaseRow *r)
{
    memset(r, 0, sizeof *r);
    r->case_no = opt(q, i, 0), r->agency = opt(q, i, 1), r->agency_name = opt(q, i, 2);
    r->region = opt(q, i, 3), r->kind = opt(q, i, 4), r->procedure = opt(q, i, 5);
    r->party_name = opt(q, i, 6), r->filed_on = opt(q, i, 7), r->decided_on = opt(q, i, 8);
    r->closed_on = opt(q, i, 9);
    r->has_fine = !PQgetisnull(q, i, 10);
    r->fine = r->has_fine ? (double)pg_ll(q, i, 10) / 100.0 : 0;
    r->doc_no = opt(q, i, 11);
    r->status = r->closed_on ? "closed" : r->decided_on ? "decided" : "open";
    r->online = pg_ll(q, i, 12) != 0;
    r->open_findings = pg_ll(q, i, 13);
    r->worst_severity = opt(q, i, 14);
    r->filing_no = opt(q, i, 15);
}

static json_t *json_text(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *case_row(const CaseRow *r)
{
    const char *texts[] = {r->case_no, r->agency, r->agency_name, r->region, r->kind, r->procedure,
                           r->party_name, r->filed_on, r->decided_on, r->closed_on};
    static const char *const names[] = {"case_no", "agency", "agency_name", "region", "kind", "procedure",
                                        "party_name", "filed_on", "decided_on", "closed_on"};
    json_t *o = json_object();
    for (int i = 0; i < 10; i++) json_object_set_new(o, names[i], json_text(texts[i]));
    json_object_set_new(o, "fine", r->has_fine ? json_real(r->fine) : json_null());
    json_object_set_new(o, "doc_no", json_text(r->doc_no));
    json_object_set_new(o, "filing_no", json_text(r->filing_no));
    json_object_set_new(o, "status", json_string(r->status));
    json_object_set_new(o, "online", json_boolean(r->online));
    json_object_set_new(o, "open_findings", json_integer(r->open_findings));
    json_object_set_new(o, "worst_severity", json_text(r->worst_severity));
    return o;
}

int pg_store_cases_totals(Store *st, const CaseFilter *f, long long *count, long long *fine_fen, ZfError *err)
{
    PgWhere w;
    char sql[4096];
    build_where(f, &w);
    snprintf(sql, sizeof sql, "SELECT count(*), coalesce(sum(c.fine_fen), 0) FROM cases c %s", w.sql);
    PGresult *r = pg_query(st, sql, w.n, w.params, "cases totals", err);
    if (!r) return ZF_ERR;
    *count = pg_ll(r, 0, 0), *fine_fen = pg_ll(r, 0, 1);
    PQclear(r);
    return ZF_OK;
}

static int append_case(const CaseRow *row, void *items) { return json_array_append_new(items, case_row(row)); }

/* The list's page as JSON: the same page the streamed reply (cases_page below) writes. */
int pg_store_cases_list(Store *st, const CaseFilter *f, int page, int size, json_t **out, ZfError *err)
{
    json_t *items = json_array();
    long long total;
    if (pg_store_cases_page(st, f, page, size, append_case, items, &total, err) != ZF_OK) {
        json_decref(items);
        return ZF_ERR;
    }
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

int pg_store_cases_page(Store *st, const CaseFilter *f, int page, int size, CaseRowFn fn, void *ctx, long long *total,
                        ZfError *err)
{
    PgWhere w;
    char sql[4096], lim[24], off[24];
    long long fines;
    if (pg_store_cases_totals(st, f, total, &fines, err) != ZF_OK) return ZF_ERR;
    build_where(f, &w);
    w.params[w.n] = pg_int(lim, size);
    w.params[w.n + 1] = pg_int(off, (long long)(page - 1) * size);
    snprintf(sql, sizeof sql, "SELECT" CASE_COLUMNS FROM "%s ORDER BY %s LIMIT $%d OFFSET $%d", w.sql, order_by(f),
             w.n + 1, w.n + 2);
    PGresult *r = pg_query(st, sql, w.n + 2, w.params, "cases", err);
    if (!r) return ZF_ERR;
    for (int i = 0; i < PQntuples(r); i++) {
        CaseRow row;
        read_row(r, i, &row);
        if (fn(&row, ctx) != 0) break;
    }
    PQclear(r);
    return ZF_OK;
}

/* The export: pages of 1000 in the list's order, so a province's million never sits in memory. */
int pg_store_cases_foreach(Store *st, const CaseFilter *f, CaseRowFn fn, void *ctx, ZfError *err)
{
    PgWhere w;
    char sql[4096], lim[24], off[24];
    build_where(f, &w);
    snprintf(sql, sizeof sql, "SELECT" CASE_COLUMNS FROM "%s ORDER BY %s LIMIT $%d OFFSET $%d", w.sql, order_by(f),
             w.n + 1, w.n + 2);
    for (long long at = 0;; at += 1000) {
        w.params[w.n] = pg_int(lim, 1000);
        w.params[w.n + 1] = pg_int(off, at);
        PGresult *r = pg_query(st, sql, w.n + 2, w.params, "cases export", err);
        if (!r) return ZF_ERR;
        int rows = PQntuples(r), stop = 0;
        for (int i = 0; i < rows && !stop; i++) {
            CaseRow row;
            read_row(r, i, &row);
            stop = fn(&row, ctx);
        }
        PQclear(r);
        if (stop || rows < 1000) return ZF_OK;
    }
}
