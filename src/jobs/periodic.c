/* Periodic background work (see periodic.h). */
#include "jobs/periodic.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "util/log.h"

struct Periodic {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;
    const char *db_path;
    unsigned seconds;
    PeriodicTask task, final_task;
    void *ctx;
};

/* Opens the connection on first use and after a failure, so a missing file is retried. */
static void run(Periodic *p, Store **st, PeriodicTask task)
{
    ZfError err;
    if (!task) return;
    if (!*st && store_open(p->db_path, STORE_OPEN_EXISTING, st, &err) != ZF_OK) {
        log_error("background_task_failed", "%s", err.message);
        *st = NULL;
        return;
    }
    task(*st, p->ctx);
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
    do run(p, &st, p->task);
    while (!wait_or_stop(p));
    run(p, &st, p->final_task);
    store_close(st);
    return NULL;
}

Periodic *periodic_start(const char *db_path, unsigned seconds, PeriodicTask task, PeriodicTask final_task, void *ctx)
{
    Periodic *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    *p = (Periodic){.db_path = db_path, .seconds = seconds ? seconds : 1, .task = task, .final_task = final_task, .ctx = ctx};
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
