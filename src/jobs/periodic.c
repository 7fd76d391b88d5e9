/* Periodic background work (see periodic.h). */
#include "jobs/periodic.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "store/web_tier.h"
#include "util/log.h"
#include "util/secret.h"

struct Periodic {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;
    bool held;       /* the job's lease, as of the last look (runner thread only) */
    const char *job; /* NULL: not elected, every process runs it */
    const char *db_path;
    unsigned seconds;
    PeriodicTask task, final_task;
    void *ctx;
};

static pthread_once_t holder_once = PTHREAD_ONCE_INIT;
static char holder[120];

static void make_holder(void)
{
    char host[64] = "?", rnd[TOKEN_HEX_LEN + 1] = "";
    gethostname(host, sizeof host - 1);
    host[sizeof host - 1] = '\0';
    if (random_token(rnd) == 0) rnd[8] = '\0';
    snprintf(holder, sizeof holder, "%.63s:%ld:%.8s", host, (long)getpid(), rnd); /* ≤ 63 + 1 + 20 + 1 + 8 */
}

const char *periodic_holder(void)
{
    pthread_once(&holder_once, make_holder);
    return holder;
}

/* Takes or renews the lease; a failure to ask counts as not holding (the next tick asks again). */
static bool lease_held(Periodic *p, Store *st)
{
    if (!p->job) return true;
    ZfError err;
    bool held = false;
    long long ttl = 3LL * p->seconds < PERIODIC_LEASE_MIN_S ? PERIODIC_LEASE_MIN_S : 3LL * p->seconds;
    if (store_job_lease(st, p->job, periodic_holder(), (long long)time(NULL), ttl, &held, &err) != ZF_OK) {
        log_error("job_lease_failed", "%s: %s", p->job, err.message);
        held = false;
    }
    if (held != p->held) log_info(held ? "job_lease_taken" : "job_lease_lost", "%s %s", p->job, periodic_holder());
    p->held = held;
    return held;
}

/* Opens the connection on first use and after a failure, so a missing file is retried. The final
 * run (final true) is the holder's only, on the lease it already has. */
static void run(Periodic *p, Store **st, PeriodicTask task, bool final)
{
    ZfError err;
    if (!task) return;
    if (!*st && store_open(p->db_path, STORE_OPEN_EXISTING, st, &err) != ZF_OK) {
        log_error("background_task_failed", "%s", err.message);
        *st = NULL;
        return;
    }
    if (final ? (p->job && !p->held) : !lease_held(p, *st)) return;
    task(*st, p->ctx);
}

static void release(Periodic *p, Store *st)
{
    ZfError err;
    if (!p->job || !p->held || !st) return;
    if (store_job_release(st, p->job, periodic_holder(), &err) != ZF_OK)
        log_error("job_lease_failed", "%s: %s", p->job, err.message);
}

/* Waits the interval or until stopped; true when it is time to stop. */
static bool wait_or_stop(Periodic *p)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += p->seconds;
    pthread_mutex_lock(&p->lock);
    int rc = 0;
    while (!p->stopping && rc != ETIMEDOUT) rc = pthread_cond_timedwait(&p->wake, &p->lock, &until);
    bool stop = p->stopping;
    pthread_mutex_unlock(&p->lock);
    return stop;
}

static void *periodic_main(void *arg)
{
    Periodic *p = arg;
    Store *st = NULL;
    do run(p, &st, p->task, false);
    while (!wait_or_stop(p));
    run(p, &st, p->final_task, true);
    release(p, st);
    store_close(st);
    return NULL;
}

Periodic *periodic_start(const char *db_path, unsigned seconds, PeriodicTask task, PeriodicTask final_task, void *ctx)
{
    return periodic_start_elected(NULL, db_path, seconds, task, final_task, ctx);
}

Periodic *periodic_start_elected(const char *job, const char *db_path, unsigned seconds, PeriodicTask task,
                                 PeriodicTask final_task, void *ctx)
{
    Periodic *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    *p = (Periodic){.job = job, .db_path = db_path, .seconds = seconds ? seconds : 1, .task = task, .final_task = final_task, .ctx = ctx};
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    if (pthread_create(&p->thread, NULL, periodic_main, p) != 0) {
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->lock);
        free(p);
        return NULL;
    }
    return p;
}

void periodic_stop(Periodic *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->thread, NULL);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    free(p);
}
