/* SQLite side of store/deliveries.h: one descriptor per table names its columns, so get, put,
 * list and the walk share the row's shape. */
#include "store/deliveries.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

typedef SqliteBodyTable DeliveryDesc;

static const DeliveryDesc DESC[] = {
    [DELIVERY_CONSENT] = {"delivery_consents", "送达确认书", {"case_no", "agency", NULL},
                          "json_object('id', id, 'case_no', case_no, 'agency', agency, 'body', json(body))", NULL, false},
    [DELIVERY_ROW] = {"deliveries", "送达记录", {"case_no", "agency", "channel", "status", "token_hash", NULL},
                      "json_object('id', id, 'case_no', case_no, 'agency', agency, 'channel', channel,"
                      " 'status', status, 'token_hash', token_hash, 'body', json(body))", NULL, false},
};

int sqlite_store_delivery_get(Store *st, DeliveryTable t, long long id, json_t **row, ZfError *err)
{
    return sqlite_body_get(st, &DESC[t], id, row, err);
}

int sqlite_store_delivery_by_token(Store *st, const char *token_hash, json_t **row, ZfError *err)
{
    const DeliveryDesc *d = &DESC[DELIVERY_ROW];
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE token_hash = ?1", d->json, d->table);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, token_hash, -1, SQLITE_STATIC);
    return sqlite_body_one(st, d, q, row, err);
}

int sqlite_store_delivery_put(Store *st, DeliveryTable t, json_t *row, ZfError *err)
{
    return sqlite_body_put(st, &DESC[t], row, err);
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
