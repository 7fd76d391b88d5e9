/* 电子送达 (migration 049, docs/documents.md): the party's 确认书 and each delivery of a case's
 * document. A row is json {id, case_no, agency, [channel, status, token_hash,] body}; the body
 * holds the rest. No scope here: the caller checks the case is the user's. */
#ifndef ZF_STORE_DELIVERIES_H
#define ZF_STORE_DELIVERIES_H

#include <jansson.h>

#include "store/store.h"

typedef enum { DELIVERY_CONSENT, DELIVERY_ROW } DeliveryTable;
typedef int (*DeliveryRowFn)(const json_t *row, void *ctx);

/* 404 when there is none. */
int store_delivery_get(Store *st, DeliveryTable t, long long id, json_t **row, ZfError *err);
/* Inserts the row when it has no id (setting it), else updates its columns and body. */
int store_delivery_put(Store *st, DeliveryTable t, json_t *row, ZfError *err);
/* The delivery whose link token hashes to token_hash; 404 when none. */
int store_delivery_by_token(Store *st, const char *token_hash, json_t **row, ZfError *err);
/* A case's rows, oldest first. */
int store_delivery_list(Store *st, DeliveryTable t, const char *case_no, json_t **items, ZfError *err);
/* Every row of t by id, for zhifa verify. */
int store_delivery_foreach(Store *st, DeliveryTable t, DeliveryRowFn fn, void *ctx, ZfError *err);

#endif
