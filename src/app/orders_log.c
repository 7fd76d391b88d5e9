/* See orders_log.h. */
#include "app/orders_log.h"

#include <stdio.h>
#include <time.h>

#include "ledger/ledger.h"

static void subject_of(long long id, char out[32]) { snprintf(out, 32, "order:%lld", id); }

int app_order_put(Store *st, json_t *row, ZfError *err)
{
    json_t *stored = NULL;
    char subject[32];
    if (store_savepoint(st, "order_put", err) != ZF_OK) return ZF_ERR;
    int rc = store_order_put(st, row, err);
    long long id = json_integer_value(json_object_get(row, "id"));
    if (rc == ZF_OK) rc = store_order_get(st, id, &stored, err);
    if (rc == ZF_OK) {
        /* what the orders table holds, not the agency's columns joined in for reading */
        json_object_del(stored, "agency_name");
        json_object_del(stored, "agency_region");
        subject_of(id, subject);
        rc = ledger_append_seq(st, LEDGER_ORDER_PUT, subject, stored, NULL, err);
    }
    json_decref(stored);
    if (rc == ZF_OK) return store_release(st, "order_put", err);
    store_rollback_to(st, "order_put");
    return ZF_ERR;
}

static json_t *nullable(const char *s) { return s ? json_string(s) : json_null(); }

int app_order_timeline_add(Store *st, const OrderTimelineRow *in, ZfError *err)
{
    char now[32], subject[32];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    OrderTimelineRow r = *in;
    r.time = now;
    r.note = r.note ? r.note : "";
    long long id;
    if (store_savepoint(st, "order_timeline", err) != ZF_OK) return ZF_ERR;
    int rc = store_order_timeline_add(st, &r, &id, err);
    if (rc == ZF_OK) {
        json_t *data = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)id, "order_id",
                                 (json_int_t)r.order_id, "time", r.time, "on", r.on, "user", r.user, "action",
                                 r.action, "from_status", nullable(r.from_status), "to_status",
                                 nullable(r.to_status), "note", r.note);
        subject_of(r.order_id, subject);
        rc = data ? ledger_append_seq(st, LEDGER_ORDER_TIMELINE, subject, data, NULL, err)
                  : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        json_decref(data);
    }
    if (rc == ZF_OK) return store_release(st, "order_timeline", err);
    store_rollback_to(st, "order_timeline");
    return ZF_ERR;
}
