/* Background sweep thread. Owns its Store; stops promptly on sweeper_stop (condition variable,
 * not sleep). A failed sweep is logged and retried at the next poll: nothing is lost by it. */
#include "jobs/sweeper.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "jobs/sweep.h"
#include "store/findings.h"
#include "util/log.h"

struct Sweeper {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;
    const char *db_path;
    const Calendar *cal;
    unsigned poll_seconds;
    zf_day last_as_of;
};

static void sweep_once(Sweeper *s, Store *st)
{
    zf_day today = sweep_today();
    if (store_is_dirty(st) != 1 && today == s->last_as_of) return;
    SweepResult r;
    ZfError err;
    if (sweep_run(st, s->cal, today, &r, &err) != ZF_OK) {
        log_error("sweep_failed", "%s", err.message);
        return;
    }
    s->last_as_of = today;
    log_info("sweep", "subjects=%lld findings=%lld new=%lld resolved=%lld ms=%lld", r.subjects,
             r.findings, r.new_count, r.resolved, (long long)(r.micros / 1000));
}

/* Waits poll_seconds or until stopped; true when it is time to stop. */
static bool wait_or_stop(Sweeper *s)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += s->poll_seconds;
    pthread_mutex_lock(&s->lock);
    int rc = 0;
    while (!s->stopping && rc != ETIMEDOUT) rc = pthread_cond_timedwait(&s->wake, &s->lock, &until);
    bool stop = s->stopping;
    pthread_mutex_unlock(&s->lock);
    return stop;
}

static void *sweeper_main(void *arg)
{
    Sweeper *s = arg;
    Store *st = NULL;
    do {
        ZfError err;
        if (!st && store_open(s->db_path, STORE_OPEN_EXISTING, &st, &err) != ZF_OK) {
            log_error("sweep_failed", "%s", err.message);
            st = NULL;
            continue;
        }
        sweep_once(s, st);
    } while (!wait_or_stop(s));
    store_close(st);
    return NULL;
}

Sweeper *sweeper_start(const char *db_path, const Calendar *cal, unsigned poll_seconds)
{
    Sweeper *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    *s = (Sweeper){.db_path = db_path, .cal = cal, .poll_seconds = poll_seconds, .last_as_of = ZF_DAY_NONE};
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    if (pthread_create(&s->thread, NULL, sweeper_main, s) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

void sweeper_stop(Sweeper *s)
{
    if (!s) return;
    pthread_mutex_lock(&s->lock);
    s->stopping = true;
    pthread_cond_signal(&s->wake);
    pthread_mutex_unlock(&s->lock);
    pthread_join(s->thread, NULL);
    pthread_cond_destroy(&s->wake);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
