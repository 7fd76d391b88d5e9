/* See orders_log.h: the orders' tables through app/logged_row.c. */
#include "app/orders_log.h"

#include "app/logged_row.h"
#include "ledger/ledger.h"

static const char *const JOINED[] = {"agency_name", "agency_region", NULL};
static const LoggedTable ORDERS = {store_order_put, store_order_get, LEDGER_ORDER_PUT, LEDGER_ORDER_SUBJECT_PREFIX,
                                   JOINED};

int app_order_put(Store *st, json_t *row, ZfError *err) { return app_logged_put(st, &ORDERS, row, err); }

static json_t *nullable(const char *s) { return s ? json_string(s) : json_null(); }

static int insert(Store *st, const void *row, long long *id, ZfError *err)
{
    return store_order_timeline_add(st, row, id, err);
}

int app_order_timeline_add(Store *st, const OrderTimelineRow *in, ZfError *err)
{
    char now[32];
    app_utc_now(now);
    OrderTimelineRow r = *in;
    r.time = now;
    r.note = r.note ? r.note : "";
    json_t *data = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:s}", "order_id", (json_int_t)r.order_id, "on", r.on,
                             "user", r.user, "action", r.action, "from_status", nullable(r.from_status), "to_status",
                             nullable(r.to_status), "note", r.note);
    return app_logged_timeline(st, LEDGER_ORDER_TIMELINE, LEDGER_ORDER_SUBJECT_PREFIX, r.order_id, insert, &r, now, data,
                               err);
}
