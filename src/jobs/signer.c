/* Background head signer (see signer.h). Owns its Store; stops promptly on signer_stop
 * (condition variable, not sleep). A failed signing is logged and retried at the next tick:
 * the events stay in the log and the next head covers them. */
#include "jobs/signer.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "ledger/ledger.h"
#include "util/log.h"

struct Signer {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool stopping;
    const char *db_path;
    unsigned seconds;
};

static void sign_once(Signer *s, Store **st)
{
    ZfError err;
    SignedHead h;
    int signed_new;
    if (!*st && store_open(s->db_path, STORE_OPEN_EXISTING, st, &err) != ZF_OK) {
        log_error("sign_failed", "%s", err.message);
        *st = NULL;
        return;
    }
    if (ledger_sign_head(*st, s->db_path, &h, &signed_new, &err) != ZF_OK) {
        log_error("sign_failed", "%s", err.message);
        return;
    }
    if (signed_new) log_info("sth_signed", "tree_size=%" PRIu64, h.tree_size);
}

static bool wait_or_stop(Signer *s)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += s->seconds;
    pthread_mutex_lock(&s->lock);
    int rc = 0;
    while (!s->stopping && rc != ETIMEDOUT) rc = pthread_cond_timedwait(&s->wake, &s->lock, &until);
    bool stop = s->stopping;
    pthread_mutex_unlock(&s->lock);
    return stop;
}

static void *signer_main(void *arg)
{
    Signer *s = arg;
    Store *st = NULL;
    do sign_once(s, &st);
    while (!wait_or_stop(s));
    sign_once(s, &st); /* on shutdown: nothing the server accepted stays unsigned */
    store_close(st);
    return NULL;
}

Signer *signer_start(const char *db_path, unsigned seconds)
{
    Signer *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    *s = (Signer){.db_path = db_path, .seconds = seconds ? seconds : 60};
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    if (pthread_create(&s->thread, NULL, signer_main, s) != 0) {
        pthread_cond_destroy(&s->wake);
        pthread_mutex_destroy(&s->lock);
        free(s);
        return NULL;
    }
    return s;
}

void signer_stop(Signer *s)
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
