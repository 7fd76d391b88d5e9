/* The schedule of upward sync (see sync_pusher.h) on the periodic runner: it ticks every few seconds
 * and pushes once the period of the setting has passed, so a changed setting takes effect without
 * a restart. A failed push is logged and kept as the link's last_error; the next period retries. */
#include "jobs/sync_pusher.h"

#include <stdlib.h>
#include <time.h>

#include "app/sync.h"
#include "jobs/periodic.h"
#include "jobs/sync_push.h"
#include "store/settings.h"
#include "store/sync.h"
#include "util/log.h"

#define TICK_S 2

struct SyncPusher {
    Periodic *runner;
    const char *db_path;
    time_t last;
};

static void push_once(Store *st, void *ctx)
{
    SyncPusher *p = ctx;
    long every = app_sync_setting(st, "sync_push_every_s", 60);
    time_t now = time(NULL);
    if (every <= 0 || now - p->last < every) return;
    json_t *upper;
    ZfError err;
    if (store_sync_upper_get(st, &upper, &err) != ZF_OK) return; /* not enrolled: nothing to do */
    json_decref(upper);
    p->last = now;
    SyncPushReport rep;
    if (sync_push(st, p->db_path, &rep, &err) != ZF_OK) log_error("sync_push_failed", "%s", err.message);
    else if (rep.batches) log_info("sync_pushed", "batches=%ld lines=%lld rejected=%lld", rep.batches, rep.lines, rep.rejected);
}

SyncPusher *sync_pusher_start(const char *db_path)
{
    SyncPusher *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->db_path = db_path;
    if (!(p->runner = periodic_start(db_path, TICK_S, push_once, NULL, p))) {
        free(p);
        return NULL;
    }
    return p;
}

void sync_pusher_stop(SyncPusher *p)
{
    if (!p) return;
    periodic_stop(p->runner);
    free(p);
}
