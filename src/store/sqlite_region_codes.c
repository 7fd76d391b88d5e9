/* SQLite side of store/region_codes.h. */
#include "store/region_codes.h"
#include "store/sqlite_internal.h"

int sqlite_store_region_codes(Store *st, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT json_object('code', code, 'name', name, 'from_upper', from_upper, 'dropped', dropped)"
                           " FROM region_codes ORDER BY code", &q, err) != ZF_OK)
        return ZF_ERR;
    return sqlite_json_rows(st, q, "region_codes", items, err);
}

int sqlite_store_region_code_put(Store *st, const char *code, const char *name, int from_upper, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite_prepare(st, "INSERT INTO region_codes(code, name, from_upper, dropped, updated_at) VALUES (?1, ?2, ?3, 0, ?4)"
                           " ON CONFLICT (code) DO UPDATE SET name = excluded.name, from_upper = excluded.from_upper,"
                           " dropped = 0, updated_at = excluded.updated_at", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 3, from_upper ? 1 : 0);
    sqlite3_bind_text(q, 4, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "region_codes");
}

int sqlite_store_region_code_drop(Store *st, const char *code, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite_prepare(st, "UPDATE region_codes SET dropped = 1, updated_at = ?2 WHERE code = ?1 AND dropped = 0", &q, err) !=
        ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "region_codes");
}
