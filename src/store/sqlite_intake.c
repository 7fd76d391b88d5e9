/* SQLite side of store/intake.h. Scope filters are bound values, never spliced text. */
#include <stdlib.h>

#include "store/intake.h"
#include "store/sqlite_internal.h"

/* ?1 = scope agency, ?2 = scope region prefix; `a` is the agencies table. */
#define SCOPE_WHERE " (?1 IS NULL OR a.code = ?1) AND (?2 IS NULL OR substr(a.region, 1, length(?2)) = ?2)"

int sqlite_store_monthly_status(Store *st, const char *scope_agency, const char *scope_region_prefix,
                         const char *month, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    const char *sql = "SELECT a.code, a.name, a.region, m.body FROM agencies a"
                      " LEFT JOIN monthly_reports m ON m.agency = a.code AND m.month = ?3"
                      " WHERE" SCOPE_WHERE " ORDER BY a.region, a.code";
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "monthly");
    sqlite_bind_opt(q, 1, scope_agency);
    sqlite_bind_opt(q, 2, scope_region_prefix);
    sqlite3_bind_text(q, 3, month, -1, SQLITE_STATIC);
    json_t *items = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *body = (const char *)sqlite3_column_text(q, 3);
        json_t *report = body ? json_loads(body, 0, NULL) : NULL;
        json_array_append_new(items, json_pack("{s:o, s:o, s:o, s:o}", "agency", sqlite_json_text(q, 0),
                                               "name", sqlite_json_text(q, 1), "region", sqlite_json_text(q, 2),
                                               "report", report ? report : json_null()));
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return sqlite_fail(st, err, "monthly");
    }
    *out = json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items), "items", items);
    return ZF_OK;
}

static const char *const export_sql[] = {
    "SELECT a.body FROM agencies a WHERE" SCOPE_WHERE " ORDER BY a.code",
    "SELECT o.body FROM officers o JOIN agencies a ON a.code = o.agency WHERE" SCOPE_WHERE " ORDER BY o.cert_no",
    "SELECT p.body FROM powers p WHERE (?1 IS NULL AND ?2 IS NULL) OR " POWER_SCOPE " ORDER BY p.code",
    "SELECT b.body FROM benchmarks b LEFT JOIN powers p ON p.code = b.power"
    " WHERE (?1 IS NULL AND ?2 IS NULL) OR " POWER_SCOPE " ORDER BY b.power",
    "SELECT c.body FROM cases c JOIN agencies a ON a.code = c.agency WHERE" SCOPE_WHERE " ORDER BY c.case_no",
    "SELECT m.body FROM monthly_reports m JOIN agencies a ON a.code = m.agency WHERE" SCOPE_WHERE
    " ORDER BY m.agency, m.month",
};

int sqlite_store_foreach_in_scope(Store *st, const char *scope_agency, const char *scope_region_prefix,
                           StoreRecordFn fn, void *ctx, ZfError *err)
{
    for (size_t i = 0; i < sizeof export_sql / sizeof *export_sql; i++) {
        sqlite3_stmt *q;
        if (sqlite3_prepare_v2(st->db, export_sql[i], -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "export");
        sqlite_bind_opt(q, 1, scope_agency);
        sqlite_bind_opt(q, 2, scope_region_prefix);
        int rc = SQLITE_DONE, stop = 0;
        while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW)
            stop = fn((const char *)sqlite3_column_text(q, 0), (size_t)sqlite3_column_bytes(q, 0), ctx);
        sqlite3_finalize(q);
        if (stop) return ZF_OK;
        if (rc != SQLITE_DONE) return sqlite_fail(st, err, "export");
    }
    return ZF_OK;
}
