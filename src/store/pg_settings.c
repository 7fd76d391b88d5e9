/* PostgreSQL side of store/settings.h. */
#include <stdio.h>
#include <stdlib.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/settings.h"

static PGresult *value_of(Store *st, const char *name)
{
    ZfError ignored = {0};
    PGresult *r = pg_query(st, "SELECT value FROM settings WHERE name = $1", PG_ARGS(name), "settings", &ignored);
    if (r && PQntuples(r) && !PQgetisnull(r, 0, 0)) return r;
    PQclear(r);
    return NULL;
}

int pg_store_setting_int(Store *st, const char *name, int dflt)
{
    PGresult *r = value_of(st, name);
    if (!r) return dflt;
    const char *text = PQgetvalue(r, 0, 0);
    char *end;
    long v = strtol(text, &end, 10);
    int value = *text && !*end && v > 0 && v < 1000 ? (int)v : dflt;
    PQclear(r);
    return value;
}

void pg_store_setting_text(Store *st, const char *name, const char *dflt, char *out, size_t size)
{
    PGresult *r = value_of(st, name);
    snprintf(out, size, "%s", r ? PQgetvalue(r, 0, 0) : dflt);
    PQclear(r);
}

int pg_store_settings_list(Store *st, json_t **items, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT name, value, description, kind, min_value, max_value, basis, updated_at, updated_by"
                           " FROM settings ORDER BY name COLLATE \"C\"",
                           PG_NOARGS, "settings", err);
    if (!r) return ZF_ERR;
    *items = json_array();
    for (int i = 0; i < PQntuples(r); i++)
        json_array_append_new(*items, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "name",
                                                pg_json_text(r, i, 0), "value", pg_json_text(r, i, 1), "description",
                                                pg_json_text(r, i, 2), "kind", pg_json_text(r, i, 3), "min",
                                                pg_json_int_or_null(r, i, 4), "max", pg_json_int_or_null(r, i, 5),
                                                "basis", pg_json_text(r, i, 6), "updated_at", pg_json_text(r, i, 7),
                                                "updated_by", pg_json_text(r, i, 8)));
    PQclear(r);
    return ZF_OK;
}

int pg_store_setting_spec(Store *st, const char *name, SettingSpec *spec, char *kind_buf, size_t kind_size,
                          ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT kind, min_value, max_value FROM settings WHERE name = $1", PG_ARGS(name),
                           "settings", err);
    if (!r) return ZF_ERR;
    if (!PQntuples(r)) {
        PQclear(r);
        return zf_fail(err, 404, "not_found", "name", "没有名为“%s”的系统参数", name);
    }
    bool has_kind = !PQgetisnull(r, 0, 0);
    snprintf(kind_buf, kind_size, "%s", pg_text(r, 0, 0));
    *spec = (SettingSpec){has_kind ? kind_buf : NULL, !PQgetisnull(r, 0, 1), !PQgetisnull(r, 0, 2), pg_ll(r, 0, 1),
                          pg_ll(r, 0, 2)};
    PQclear(r);
    return ZF_OK;
}

int pg_store_setting_put(Store *st, const char *name, const char *value, const char *user, ZfError *err)
{
    return pg_exec(st,
                   "UPDATE settings SET value = $2, updated_by = $3,"
                   " updated_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') WHERE name = $1",
                   PG_ARGS(name, value, user), "settings", NULL, err);
}
