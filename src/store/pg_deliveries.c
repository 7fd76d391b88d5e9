/* PostgreSQL side of store/deliveries.h: one description per table names its columns, so get, put
 * and list share the row's shape (the walk, pg_walks.c, the same keys). */
#include <stdio.h>

#include "store/deliveries.h"
#include "store/pg_body_rows.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

static const PgBodyTable DESC[] = {
    [DELIVERY_CONSENT] = {"delivery_consents", "送达确认书", {"case_no", "agency", NULL},
                          "json_build_object('id', id, 'case_no', case_no, 'agency', agency, 'body', body::json)", NULL,
                          false},
    [DELIVERY_ROW] = {"deliveries", "送达记录", {"case_no", "agency", "channel", "status", "token_hash", NULL},
                      "json_build_object('id', id, 'case_no', case_no, 'agency', agency, 'channel', channel,"
                      " 'status', status, 'token_hash', token_hash, 'body', body::json)", NULL, false},
};

int pg_store_delivery_get(Store *st, DeliveryTable t, long long id, json_t **row, ZfError *err)
{
    return pg_body_get(st, &DESC[t], id, row, err);
}

int pg_store_delivery_by_token(Store *st, const char *token_hash, json_t **row, ZfError *err)
{
    const PgBodyTable *d = &DESC[DELIVERY_ROW];
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE token_hash = $1::text", d->json, d->table);
    return pg_body_one(st, d, sql, PG_ARGS(token_hash), row, err);
}

int pg_store_delivery_put(Store *st, DeliveryTable t, json_t *row, ZfError *err)
{
    return pg_body_put(st, &DESC[t], row, err);
}

int pg_store_delivery_list(Store *st, DeliveryTable t, const char *case_no, json_t **items, ZfError *err)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE case_no = $1::text ORDER BY id", DESC[t].json, DESC[t].table);
    return pg_json_rows(st, sql, PG_ARGS(case_no), DESC[t].table, items, err);
}
