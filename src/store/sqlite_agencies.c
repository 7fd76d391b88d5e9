/* SQLite side of store/agencies.h. */
#include "store/agencies.h"
#include "store/sqlite_internal.h"

int sqlite_store_agencies_list(Store *st, const AgencyFilter *f, int page, int size, json_t **out, ZfError *err)
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
    return sqlite_list_bodies(st, q, page, size, "agencies", out, err);
}
