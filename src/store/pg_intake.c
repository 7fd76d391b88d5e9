/* PostgreSQL side of store/intake.h: the monthly reporting status of the agencies in a scope and
 * the export of the records in a scope. The scope is a condition of each query ($1 agency, $2
 * region prefix; NULL = no limit), as on SQLite. */
#include "store/intake.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define SCOPE_WHERE " ($1::text IS NULL OR a.code = $1) AND ($2::text IS NULL OR starts_with(a.region, $2))"
#define POWER_SCOPE                                                                                  \
    "EXISTS (SELECT 1 FROM jsonb_array_elements_text(p.body::jsonb -> 'agencies') j(code)"         \
    " JOIN agencies a ON a.code = j.code WHERE" SCOPE_WHERE ")"
#define NO_LIMIT "($1::text IS NULL AND $2::text IS NULL)"

int pg_store_monthly_status(Store *st, const char *scope_agency, const char *scope_region_prefix, const char *month,
                            json_t **out, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT a.code, a.name, a.region, m.body FROM agencies a"
                           " LEFT JOIN monthly_reports m ON m.agency = a.code AND m.month = $3"
                           " WHERE" SCOPE_WHERE " ORDER BY a.region COLLATE \"C\", a.code COLLATE \"C\"",
                           PG_ARGS(scope_agency, scope_region_prefix, month), "monthly", err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    for (int i = 0; i < PQntuples(r); i++) {
        json_t *report = PQgetisnull(r, i, 3) ? NULL : json_loads(pg_text(r, i, 3), 0, NULL);
        json_array_append_new(items, json_pack("{s:o, s:o, s:o, s:o}", "agency", pg_json_text(r, i, 0), "name",
                                               pg_json_text(r, i, 1), "region", pg_json_text(r, i, 2), "report",
                                               report ? report : json_null()));
    }
    PQclear(r);
    *out = json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items), "items", items);
    return ZF_OK;
}

static const char *const export_sql[] = {
    "SELECT a.body FROM agencies a WHERE" SCOPE_WHERE " ORDER BY a.code COLLATE \"C\"",
    "SELECT o.body FROM officers o JOIN agencies a ON a.code = o.agency WHERE" SCOPE_WHERE
    " ORDER BY o.cert_no COLLATE \"C\"",
    "SELECT p.body FROM powers p WHERE " NO_LIMIT " OR " POWER_SCOPE " ORDER BY p.code COLLATE \"C\"",
    "SELECT b.body FROM benchmarks b LEFT JOIN powers p ON p.code = b.power"
    " WHERE " NO_LIMIT " OR " POWER_SCOPE " ORDER BY b.power COLLATE \"C\"",
    "SELECT c.body FROM cases c JOIN agencies a ON a.code = c.agency WHERE" SCOPE_WHERE
    " ORDER BY c.case_no COLLATE \"C\"",
    "SELECT m.body FROM monthly_reports m JOIN agencies a ON a.code = m.agency WHERE" SCOPE_WHERE
    " ORDER BY m.agency COLLATE \"C\", m.month COLLATE \"C\"",
};

/* Keyset pages would need a key per table; an export of one scope is read a table at a time
 * instead, each in one result (as SQLite steps one statement per table). */
int pg_store_foreach_in_scope(Store *st, const char *scope_agency, const char *scope_region_prefix,
                              StoreRecordFn fn, void *ctx, ZfError *err)
{
    for (size_t t = 0; t < sizeof export_sql / sizeof *export_sql; t++) {
        PGresult *r = pg_query(st, export_sql[t], PG_ARGS(scope_agency, scope_region_prefix), "export", err);
        if (!r) return ZF_ERR;
        int stop = 0;
        for (int i = 0; i < PQntuples(r) && !stop; i++)
            stop = fn(PQgetvalue(r, i, 0), (size_t)PQgetlength(r, i, 0), ctx);
        PQclear(r);
        if (stop) return ZF_OK;
    }
    return ZF_OK;
}
