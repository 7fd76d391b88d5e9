/* The server's escalator (see escalator.h). */
#include "jobs/escalator.h"

#include <stdlib.h>

#include "app/escalate.h"
#include "app/normative_catalog.h"
#include "app/messages.h"
#include "app/orders.h"
#include "jobs/periodic.h"
#include "util/log.h"

struct Escalator {
    Periodic *runner;
    const Calendar *cal;
    const Regions *regions;
    ZfClock clock;
    zf_day last_as_of; /* touched by the runner thread only */
};

static void escalate_once(Store *st, void *ctx)
{
    Escalator *e = ctx;
    zf_day today = e->clock();
    if (today == e->last_as_of) return;
    EscalateResult r;
    ZfError err;
    if (escalate_run(st, e->cal, today, &r, &err) != ZF_OK) {
        log_error("escalate_failed", "%s", err.message);
        return;
    }
    if (r.escalated) log_info("escalated", "tasks=%lld escalated=%lld", r.tasks, r.escalated);
    AppContext cx = {st, e->cal, today, NULL, {0}, e->regions};
    OrderRemindSummary sum;
    if (app_orders_remind(&cx, &sum, &err) != ZF_OK) {
        log_error("orders_remind_failed", "%s", err.message);
        return;
    }
    if (sum.reminded || sum.escalated || sum.referred)
        log_info("orders_reminded", "reminded=%d escalated=%d referred=%d", sum.reminded, sum.escalated, sum.referred);
    MessageJobSummary msgs;
    if (app_messages_daily(&cx, &msgs, &err) != ZF_OK) {
        log_error("messages_daily_failed", "%s", err.message);
        return;
    }
    if (msgs.deadline_near || msgs.cert_expiring)
        log_info("messages_daily", "deadline_near=%d cert_expiring=%d", msgs.deadline_near, msgs.cert_expiring);
    bool catalog; /* the quarterly 备案目录, in the setting's month of the quarter (app/normative_catalog.h) */
    if (app_normative_catalog_due(&cx, &catalog, &err) != ZF_OK) log_error("normative_catalog_failed", "%s", err.message);
    else if (catalog) log_info("normative_catalog", "published");
    e->last_as_of = today;
}

Escalator *escalator_start(const char *db_path, const Calendar *cal, const Regions *regions, ZfClock clock,
                           unsigned poll_seconds)
{
    Escalator *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    *e = (Escalator){.cal = cal, .regions = regions, .clock = clock, .last_as_of = ZF_DAY_NONE};
    if (!(e->runner = periodic_start_elected("escalator", db_path, poll_seconds, escalate_once, NULL, e))) {
        free(e);
        return NULL;
    }
    return e;
}

void escalator_stop(Escalator *e)
{
    if (!e) return;
    periodic_stop(e->runner);
    free(e);
}
