/* The heartbeat of a quiet lower node (docs/sync.md "Heartbeat"): with nothing pending no batch is
 * sent, yet the upper level should still countersign the head, so a history rewritten in a quiet
 * period is caught and `zhifa verify` shows a recent witness. The heartbeat is a batch without
 * lines (from = to = the cursor): its signed head and consistency proof are checked and witnessed
 * as a batch's are. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/sync.h"
#include "store/settings.h"
#include "store/sync.h"

static time_t utc_of(const char *text)
{
    struct tm tm = {0};
    const char *end = text ? strptime(text, "%Y-%m-%dT%H:%M:%SZ", &tm) : NULL;
    return end && !*end ? timegm(&tm) : 0;
}

bool app_sync_heartbeat_due(Store *st)
{
    json_t *items;
    ZfError err;
    long every = app_sync_setting(st, "sync_heartbeat_every_s", 3600);
    if (store_sync_witnesses(st, &items, &err) != ZF_OK) return false;
    time_t last = utc_of(json_string_value(json_object_get(json_array_get(items, json_array_size(items) - 1), "received_at")));
    json_decref(items);
    return time(NULL) - last >= every;
}

int app_sync_heartbeat_build(Store *st, const char *db_path, long long cursor, long long upper_size, SyncOutBatch *out,
                             ZfError *err)
{
    json_t *proof;
    memset(out, 0, sizeof *out);
    if (app_sync_head_and_proof(st, db_path, upper_size, &out->head, &proof, err) != ZF_OK) return ZF_ERR;
    json_t *b = json_pack("{s:b, s:I, s:I, s:s, s:i, s:i, s:O, s:o, s:o}", "heartbeat", 1, "from", (json_int_t)cursor,
                          "to", (json_int_t)cursor, "lines", "", "count", 0, "pending", 0, "head", out->head, "proof",
                          proof, "nodes", app_sync_nodes_json(st));
    out->body = b ? json_dumps(b, JSON_COMPACT) : NULL;
    json_decref(b);
    if (!out->body) return app_sync_batch_free(out), zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    out->len = strlen(out->body);
    out->from = out->to = cursor;
    return ZF_OK;
}

int app_sync_heartbeat_record(Store *st, const SyncOutBatch *b, const json_t *ack, ZfError *err)
{
    json_t *upper;
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    if (!json_is_true(json_object_get(ack, "heartbeat"))) return ZF_OK; /* an older upper: answered as a duplicate */
    if (store_sync_upper_get(st, &upper, err) != ZF_OK) return ZF_ERR;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *f = json_pack("{s:s, s:n}", "last_push_at", now, "last_error");
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = app_sync_keep_witness(st, upper, b, json_object_get(ack, "witness"), err);
    if (rc == ZF_OK) rc = store_sync_upper_update(st, f, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    json_decref(f);
    json_decref(upper);
    return rc;
}
