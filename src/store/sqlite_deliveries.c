/* SQLite side of store/deliveries.h: one descriptor per table names its columns, so get, put,
 * list and the walk share the row's shape. */
#include "store/deliveries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

typedef struct {
    const char *table, *what;
    const char *cols[6]; /* NULL-terminated, all text */
    const char *json;    /* the row as json_object() */
} DeliveryDesc;

static const DeliveryDesc DESC[] = {
    [DELIVERY_CONSENT] = {"delivery_consents", "送达确认书", {"case_no", "agency", NULL},
                          "json_object('id', id, 'case_no', case_no, 'agency', agency, 'body', json(body))"},
    [DELIVERY_ROW] = {"deliveries", "送达记录", {"case_no", "agency", "channel", "status", "token_hash", NULL},
                      "json_object('id', id, 'case_no', case_no, 'agency', agency, 'channel', channel,"
                      " 'status', status, 'token_hash', token_hash, 'body', json(body))"},
};

static size_t n_cols(const DeliveryDesc *d)
{
    size_t n = 0;
    while (n < 6 && d->cols[n]) n++;
    return n;
}

static int one_row(Store *st, const DeliveryDesc *d, sqlite3_stmt *q, json_t **row, ZfError *err)
{
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = sqlite_json_row(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "%s不存在", d->what);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, d->table);
}

int sqlite_store_delivery_get(Store *st, DeliveryTable t, long long id, json_t **row, ZfError *err)
{
    const DeliveryDesc *d = &DESC[t];
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1", d->json, d->table);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    return one_row(st, d, q, row, err);
}

int sqlite_store_delivery_by_token(Store *st, const char *token_hash, json_t **row, ZfError *err)
{
    const DeliveryDesc *d = &DESC[DELIVERY_ROW];
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE token_hash = ?1", d->json, d->table);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, token_hash, -1, SQLITE_STATIC);
    return one_row(st, d, q, row, err);
}

int sqlite_store_delivery_put(Store *st, DeliveryTable t, json_t *row, ZfError *err)
{
    const DeliveryDesc *d = &DESC[t];
    size_t n = n_cols(d);
    json_t *idv = json_object_get(row, "id");
    bool insert = !json_is_integer(idv);
    char sql[512], names[160] = "", marks[64] = "", sets[200] = "";
    for (size_t i = 0; i < n; i++) {
        snprintf(marks + strlen(marks), sizeof marks - strlen(marks), "%s?%zu", i ? ", " : "", i + 1);
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "", d->cols[i]);
        snprintf(sets + strlen(sets), sizeof sets - strlen(sets), "%s%s = ?%zu", i ? ", " : "", d->cols[i], i + 1);
    }
    if (insert) snprintf(sql, sizeof sql, "INSERT INTO %s(%s, body) VALUES (%s, ?%zu)", d->table, names, marks, n + 1);
    else snprintf(sql, sizeof sql, "UPDATE %s SET %s, body = ?%zu WHERE id = ?%zu", d->table, sets, n + 1, n + 2);
    json_t *b = json_object_get(row, "body");
    char *body = json_dumps(b ? b : json_object(), JSON_COMPACT | JSON_SORT_KEYS);
    sqlite3_stmt *q;
    if (!body) return zf_fail(err, 500, "internal", NULL, "%s无法保存", d->what);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return free(body), ZF_ERR;
    for (size_t i = 0; i < n; i++) sqlite_bind_opt(q, (int)i + 1, json_string_value(json_object_get(row, d->cols[i])));
    sqlite3_bind_text(q, (int)n + 1, body, -1, SQLITE_STATIC);
    if (!insert) sqlite3_bind_int64(q, (int)n + 2, json_integer_value(idv));
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    free(body);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, d->table);
    if (!insert) return sqlite3_changes(st->db) == 1 ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "%s不存在", d->what);
    json_object_set_new(row, "id", json_integer(sqlite3_last_insert_rowid(st->db)));
    return ZF_OK;
}

int sqlite_store_delivery_list(Store *st, DeliveryTable t, const char *case_no, json_t **items, ZfError *err)
{
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE case_no = ?1 ORDER BY id", DESC[t].json, DESC[t].table);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    return sqlite_json_rows(st, q, DESC[t].table, items, err);
}

int sqlite_store_delivery_foreach(Store *st, DeliveryTable t, DeliveryRowFn fn, void *ctx, ZfError *err)
{
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY id", DESC[t].json, DESC[t].table);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    return sqlite_json_foreach(st, q, DESC[t].table, fn, ctx, err);
}
