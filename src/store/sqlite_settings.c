/* SQLite side of store/settings.h. */
#include <stdio.h>
#include <stdlib.h>

#include "store/settings.h"
#include "store/sqlite_internal.h"

static sqlite3_stmt *value_query(Store *st, const char *name)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT value FROM settings WHERE name = ?1", -1, &q, NULL) != SQLITE_OK)
        return NULL;
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0)) return q;
    sqlite3_finalize(q);
    return NULL;
}

int sqlite_store_setting_int(Store *st, const char *name, int dflt)
{
    sqlite3_stmt *q = value_query(st, name);
    if (!q) return dflt;
    const char *text = (const char *)sqlite3_column_text(q, 0);
    char *end;
    long v = strtol(text, &end, 10);
    int value = *text && !*end && v > 0 && v < 1000 ? (int)v : dflt;
    sqlite3_finalize(q);
    return value;
}

void sqlite_store_setting_text(Store *st, const char *name, const char *dflt, char *out, size_t size)
{
    sqlite3_stmt *q = value_query(st, name);
    snprintf(out, size, "%s", q ? (const char *)sqlite3_column_text(q, 0) : dflt);
    sqlite3_finalize(q);
}

static json_t *column_int_or_null(sqlite3_stmt *q, int col)
{
    return sqlite3_column_type(q, col) == SQLITE_NULL ? json_null() : json_integer(sqlite3_column_int64(q, col));
}

int sqlite_store_settings_list(Store *st, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT name, value, description, kind, min_value, max_value, basis, updated_at, updated_by"
                           " FROM settings ORDER BY name",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "settings");
    *items = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        json_array_append_new(*items, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "name",
                                                sqlite_json_text(q, 0), "value", sqlite_json_text(q, 1),
                                                "description", sqlite_json_text(q, 2), "kind", sqlite_json_text(q, 3),
                                                "min", column_int_or_null(q, 4), "max", column_int_or_null(q, 5),
                                                "basis", sqlite_json_text(q, 6), "updated_at",
                                                sqlite_json_text(q, 7), "updated_by", sqlite_json_text(q, 8)));
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return ZF_OK;
    json_decref(*items);
    *items = NULL;
    return sqlite_fail(st, err, "settings");
}

int sqlite_store_setting_spec(Store *st, const char *name, SettingSpec *spec, char *kind_buf, size_t kind_size,
                       ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT kind, min_value, max_value FROM settings WHERE name = ?1", -1, &q,
                           NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "settings");
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const char *kind = (const char *)sqlite3_column_text(q, 0);
        snprintf(kind_buf, kind_size, "%s", kind ? kind : "");
        *spec = (SettingSpec){kind ? kind_buf : NULL, sqlite3_column_type(q, 1) != SQLITE_NULL,
                              sqlite3_column_type(q, 2) != SQLITE_NULL, sqlite3_column_int64(q, 1),
                              sqlite3_column_int64(q, 2)};
    }
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return ZF_OK;
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", "name", "没有名为“%s”的系统参数", name);
    return sqlite_fail(st, err, "settings");
}

int sqlite_store_setting_put(Store *st, const char *name, const char *value, const char *user, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "UPDATE settings SET value = ?2, updated_by = ?3,"
                           " updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE name = ?1",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "settings");
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, value, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, user, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "settings");
}
