/* The rows a supervision order rests on — the order row and its timeline — written together with
 * the ledger events that cover them (order.put: the row as stored; order.timeline: the timeline
 * row as written), in one savepoint, as app/case_log.h does for online cases. The only writer. */
#ifndef ZF_APP_ORDERS_LOG_H
#define ZF_APP_ORDERS_LOG_H

#include <jansson.h>

#include "store/orders.h"

#define LEDGER_ORDER_PUT "order.put"
#define LEDGER_ORDER_TIMELINE "order.timeline"

/* Inserts (no "id" yet: sets it) or updates the row and logs it as stored. */
int app_order_put(Store *st, json_t *row, ZfError *err);
/* One timeline row, time = now (UTC), and its event. */
int app_order_timeline_add(Store *st, const OrderTimelineRow *row, ZfError *err);

#endif
