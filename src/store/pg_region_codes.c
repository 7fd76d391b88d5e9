/* PostgreSQL side of store/region_codes.h. */
#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/region_codes.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

int pg_store_region_codes(Store *st, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object('code', code, 'name', name, 'from_upper', from_upper, 'dropped', dropped)"
                        " FROM region_codes ORDER BY code",
                        PG_NOARGS, "region_codes", items, err);
}

int pg_store_region_code_put(Store *st, const char *code, const char *name, int from_upper, ZfError *err)
{
    const char *upper = from_upper ? "1" : "0";
    return pg_exec_text(st,
                        "INSERT INTO region_codes(code, name, from_upper, dropped, updated_at)"
                        " VALUES ($1, $2, $3::integer, 0, " PG_NOW ") ON CONFLICT (code) DO UPDATE SET"
                        " name = EXCLUDED.name, from_upper = EXCLUDED.from_upper, dropped = 0,"
                        " updated_at = EXCLUDED.updated_at",
                        PG_ARGS(code, name, upper), "region_codes", NULL, err);
}

int pg_store_region_code_drop(Store *st, const char *code, ZfError *err)
{
    return pg_exec_text(st, "UPDATE region_codes SET dropped = 1, updated_at = " PG_NOW " WHERE code = $1 AND dropped = 0",
                        PG_ARGS(code), "region_codes", NULL, err);
}
