/* Background sweeper (see sweeper.h), on the periodic runner. A failed sweep is logged and
 * retried at the next poll: nothing is lost by it. */
#include "jobs/sweeper.h"

#include <stdlib.h>

#include "jobs/periodic.h"
#include "app/sweep.h"
#include "store/findings.h"
#include "util/log.h"

struct Sweeper {
    Periodic *runner;
    const Calendar *cal;
    ZfClock clock;
    zf_day last_as_of; /* touched by the runner thread only */
};

static void sweep_once(Store *st, void *ctx)
{
    Sweeper *s = ctx;
    zf_day today = s->clock();
    if (store_is_dirty(st) != 1 && today == s->last_as_of) return;
    SweepResult r;
    ZfError err;
    if (sweep_run(st, s->cal, today, &r, &err) != ZF_OK) {
        log_error("sweep_failed", "%s", err.message);
        return;
    }
    s->last_as_of = today;
    log_info("sweep", "subjects=%lld findings=%lld new=%lld resolved=%lld ms=%lld", r.subjects, r.findings,
             r.new_count, r.resolved, (long long)(r.micros / 1000));
}

Sweeper *sweeper_start(const char *db_path, const Calendar *cal, ZfClock clock, unsigned poll_seconds)
{
    Sweeper *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    *s = (Sweeper){.cal = cal, .clock = clock, .last_as_of = ZF_DAY_NONE};
    if (!(s->runner = periodic_start_elected("sweeper", db_path, poll_seconds, sweep_once, NULL, s))) {
        free(s);
        return NULL;
    }
    return s;
}

void sweeper_stop(Sweeper *s)
{
    if (!s) return;
    periodic_stop(s->runner);
    free(s);
}
