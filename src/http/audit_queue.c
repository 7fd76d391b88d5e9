/* See audit_queue.h. The queue holds pointers to the waiting callers' entries, valid while they
 * wait. The leader takes everything queued (up to BATCH_MAX), writes it on its own connection with
 * the mutex released, then marks those entries done and wakes everyone; a follower whose entry is
 * still queued after a wake-up becomes the next leader itself when no write is under way. */
#include "http/audit_queue.h"

#include <pthread.h>
#include <stdbool.h>

#include "store/web_tier.h"

#define QUEUE_MAX 1024
#define BATCH_MAX 256

typedef struct {
    const AuditEntry *entry;
    int *result; /* ZF_OK / ZF_ERR once written; 1 while queued or being written */
} Waiter;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t written = PTHREAD_COND_INITIALIZER;
static Waiter queue[QUEUE_MAX];
static size_t queued;
static bool writing;

/* Writes up to BATCH_MAX queued rows in one transaction; called and returns with the lock held. */
static void lead(Store *st)
{
    Waiter batch[BATCH_MAX];
    const AuditEntry *entries[BATCH_MAX];
    size_t n = queued < BATCH_MAX ? queued : BATCH_MAX;
    for (size_t i = 0; i < n; i++) batch[i] = queue[i], entries[i] = queue[i].entry;
    for (size_t i = n; i < queued; i++) queue[i - n] = queue[i];
    queued -= n;
    writing = true;
    pthread_mutex_unlock(&lock);
    ZfError err;
    int rc = store_audit_append_many(st, entries, n, &err);
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < n; i++) *batch[i].result = rc;
    writing = false;
    pthread_cond_broadcast(&written);
}

int audit_queue_append(Store *st, const AuditEntry *e)
{
    if (store_in_transaction(st)) return store_audit_append(st, e); /* it commits with the caller's */
    int result = 1;
    pthread_mutex_lock(&lock);
    if (queued == QUEUE_MAX) { /* never waits for room: writes its own row as before */
        pthread_mutex_unlock(&lock);
        return store_audit_append(st, e);
    }
    queue[queued++] = (Waiter){e, &result};
    while (result == 1) {
        if (!writing) lead(st);
        else pthread_cond_wait(&written, &lock);
    }
    pthread_mutex_unlock(&lock);
    return result;
}
