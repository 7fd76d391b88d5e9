/* SQLite side of store/agencies.h. */
#include "store/agencies.h"
#include "store/sqlite_internal.h"

int store_agencies_list(Store *st, const AgencyFilter *f, int page, int size, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    const char *sql =
        "SELECT body, count(*) OVER () FROM agencies"
        " WHERE (?1 IS NULL OR code = ?1) AND (?2 IS NULL OR substr(region, 1, length(?2)) = ?2)"
        " AND (?3 IS NULL OR substr(region, 1, length(?3)) = ?3)"
        " AND (?4 IS NULL OR instr(name || ' ' || code, ?4) > 0)"
        " ORDER BY region, code LIMIT ?5 OFFSET ?6";
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "agencies");
    sqlite_bind_opt(q, 1, f->scope_agency);
    sqlite_bind_opt(q, 2, f->scope_region_prefix);
    sqlite_bind_opt(q, 3, f->region_prefix);
    sqlite_bind_opt(q, 4, f->q);
    sqlite3_bind_int(q, 5, size);
    sqlite3_bind_int64(q, 6, (sqlite3_int64)(page - 1) * size);
    json_t *items = json_array();
    long long total = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *rec = json_loads((const char *)sqlite3_column_text(q, 0), 0, NULL);
        total = sqlite3_column_int64(q, 1);
        if (rec) json_array_append_new(items, rec);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return sqlite_fail(st, err, "agencies");
    }
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page, "size", size);
    return ZF_OK;
}
