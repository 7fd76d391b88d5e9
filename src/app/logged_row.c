/* See logged_row.h. */
#include "app/logged_row.h"

#include <stdio.h>
#include <time.h>

#include "ledger/ledger.h"

void app_utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int app_logged_put(Store *st, const LoggedTable *t, json_t *row, ZfError *err)
{
    json_t *stored = NULL;
    char subject[48];
    if (store_savepoint(st, "logged_put", err) != ZF_OK) return ZF_ERR;
    int rc = t->put(st, row, err);
    long long id = json_integer_value(json_object_get(row, "id"));
    if (rc == ZF_OK) rc = t->get(st, id, &stored, err);
    if (rc == ZF_OK) {
        for (const char *const *k = t->joined; k && *k; k++) json_object_del(stored, *k);
        snprintf(subject, sizeof subject, "%s%lld", t->subject_prefix, id);
        rc = ledger_append_seq(st, t->event_type, subject, stored, NULL, err);
    }
    json_decref(stored);
    if (rc == ZF_OK) return store_release(st, "logged_put", err);
    store_rollback_to(st, "logged_put");
    return ZF_ERR;
}

int app_logged_timeline(Store *st, const char *event_type, const char *subject_prefix, long long owner,
                        int (*insert)(Store *st, const void *row, long long *id, ZfError *err), const void *row,
                        const char *time, json_t *data, ZfError *err)
{
    char subject[48];
    long long id;
    if (!data) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (store_savepoint(st, "logged_timeline", err) != ZF_OK) return json_decref(data), ZF_ERR;
    int rc = insert(st, row, &id, err);
    if (rc == ZF_OK) {
        json_object_set_new(data, "id", json_integer(id));
        json_object_set_new(data, "time", json_string(time));
        snprintf(subject, sizeof subject, "%s%lld", subject_prefix, owner);
        rc = ledger_append_seq(st, event_type, subject, data, NULL, err);
    }
    json_decref(data);
    if (rc == ZF_OK) return store_release(st, "logged_timeline", err);
    store_rollback_to(st, "logged_timeline");
    return ZF_ERR;
}

int app_logged_file(Store *st, const char *subject, json_t *data, long long *seq, ZfError *err)
{
    Ledger *l;
    uint64_t n = 0;
    int rc = ledger_open(st, &l, err);
    if (rc == ZF_OK) {
        rc = ledger_add_attachment(l, subject, data, &n, err);
        ledger_close(l);
    }
    json_decref(data);
    *seq = (long long)n;
    return rc;
}
