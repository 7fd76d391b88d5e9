/* WAL checkpoints on a thread of their own while a bulk writer runs (store.h). In WAL mode a
 * checkpoint may copy committed frames into the database while the writer appends new ones; by
 * default the writer does it itself inside its commit, which in a million-record import was a
 * fifth of the writing thread's time. The writer's own automatic checkpoints are off meanwhile
 * and come back at stop. */
#include <pthread.h>
#include <stdbool.h>
#include <limits.h>
#include <stdlib.h>
#include <time.h>

#include "store/sqlite_internal.h"

#define CHECKPOINT_PAGES 1000 /* SQLite's own automatic threshold */
/* The WAL only starts over when a transaction begins after everything in it was copied, which a
 * checkpoint racing the writer rarely achieves: past this many pages the writer waits for the
 * copy to finish once, so the file stays bounded (8192 × 16 KiB = 128 MiB). */
#define WAL_CAP_PAGES 8192
#define WAL_WAIT_SECONDS 10 /* the longest a commit waits for the copy */

struct StoreCheckpointer {
    const StoreOps *ops; /* first: the dispatch reads it */
    Store *writer;
    sqlite3 *db; /* the checkpointing connection */
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int pending;    /* WAL pages at the last commit, not yet asked for */
    int backfilled; /* WAL pages the last checkpoint had copied … */
    int log;        /* … of this many in the WAL */
    bool stalled;   /* a checkpoint made no progress: stop waiting for it */
    bool stop;
};

/* The writer's commit hook (called after the commit, its locks released): wakes the thread
 * once the WAL has grown enough, and past the cap waits for the copy to catch up. */
static int on_commit(void *arg, sqlite3 *db, const char *name, int pages)
{
    (void)db, (void)name;
    StoreCheckpointer *c = arg;
    if (pages < CHECKPOINT_PAGES) return SQLITE_OK;
    pthread_mutex_lock(&c->mu);
    c->pending = pages;
    if (pages >= WAL_CAP_PAGES) c->backfilled = 0; /* wait for a copy made after this commit */
    pthread_cond_broadcast(&c->cv);
    /* bounded: if another connection restarts the WAL meanwhile, `pages` is never reached */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += WAL_WAIT_SECONDS;
    while (pages >= WAL_CAP_PAGES && c->backfilled < pages && !c->stalled && !c->stop)
        if (pthread_cond_timedwait(&c->cv, &c->mu, &until) != 0) break;
    pthread_mutex_unlock(&c->mu);
    return SQLITE_OK;
}

static void *checkpointer_main(void *arg)
{
    StoreCheckpointer *c = arg;
    pthread_mutex_lock(&c->mu);
    while (!c->stop) {
        while (!c->pending && !c->stop) pthread_cond_wait(&c->cv, &c->mu);
        int before = c->backfilled, before_log = c->log;
        c->pending = 0;
        pthread_mutex_unlock(&c->mu);
        /* PASSIVE: copies what it can without waiting for the writer or readers */
        int log = 0, done = 0;
        int rc = sqlite3_wal_checkpoint_v2(c->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done);
        pthread_mutex_lock(&c->mu);
        /* done == log: everything in the WAL is copied — also when another connection restarted
         * it meanwhile and `log` is now below what the writer waits for */
        c->backfilled = done == log ? INT_MAX : done, c->log = log;
        /* a reader holding an old snapshot can keep frames from being copied: the writer must
         * not wait on a copy that made no progress; it retries on the next commit */
        c->stalled = rc != SQLITE_OK || (done < log && done == before && log == before_log);
        if (!c->stalled && done < log) c->pending = log;
        pthread_cond_broadcast(&c->cv);
    }
    pthread_mutex_unlock(&c->mu);
    return NULL;
}

StoreCheckpointer *sqlite_store_checkpointer_start(Store *st)
{
    const char *path = sqlite3_db_filename(st->db, "main");
    StoreCheckpointer *c = calloc(1, sizeof *c);
    if (c) c->ops = &sqlite_store_ops;
    if (!c || !path || !*path) return free(c), NULL;
    c->writer = st;
    if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        sqlite3_close_v2(c->db);
        free(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->db, 5000);
    /* a fresh connection knows the file is in WAL mode only once it has read it */
    if (sqlite3_exec(c->db, "PRAGMA journal_mode", NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_close_v2(c->db);
        free(c);
        return NULL;
    }
    pthread_mutex_init(&c->mu, NULL);
    pthread_cond_init(&c->cv, NULL);
    if (pthread_create(&c->thread, NULL, checkpointer_main, c) != 0) {
        pthread_mutex_destroy(&c->mu);
        pthread_cond_destroy(&c->cv);
        sqlite3_close_v2(c->db);
        free(c);
        return NULL;
    }
    sqlite3_wal_hook(st->db, on_commit, c); /* replaces the automatic checkpoint */
    return c;
}

void sqlite_store_checkpointer_stop(StoreCheckpointer *c)
{
    if (!c) return;
    sqlite3_wal_autocheckpoint(c->writer->db, CHECKPOINT_PAGES); /* the default hook again */
    pthread_mutex_lock(&c->mu);
    c->stop = true;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->thread, NULL);
    pthread_mutex_destroy(&c->mu);
    pthread_cond_destroy(&c->cv);
    sqlite3_close_v2(c->db);
    free(c);
}
