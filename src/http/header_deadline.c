/* The header deadline (header_deadline.h): a list of the open connections under one mutex and a
 * reaper thread that walks it twice a second.
 *
 * Why holding the fd is safe: libmicrohttpd calls the CLOSED notification before it closes the
 * socket (MHD_cleanup_connections, and the clean-up path of a connection it failed to add), and
 * STARTED after the socket is set. CLOSED takes the same mutex as the reaper, so while the reaper
 * holds it, every fd on the list is still the connection's own, never a reused number. */
#include "http/header_deadline.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "util/log.h"

#define REAP_EVERY_MS 500

struct HeaderWatch {
    HeaderWatch *prev, *next;
    int fd;
    bool in_request;     /* headers complete, not yet answered */
    bool shut;           /* already shut down: waiting for libmicrohttpd to close it */
    int64_t waiting_ms;  /* since when it waits for headers (monotonic) */
};

struct HeaderDeadline {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_t thread;
    bool stopping;
    int64_t timeout_ms;
    HeaderWatch *head;
};

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool overdue(const HeaderDeadline *hd, const HeaderWatch *w, int64_t now)
{
    return !w->in_request && !w->shut && now - w->waiting_ms >= hd->timeout_ms;
}

/* Shuts down what is past its deadline; libmicrohttpd then sees the end of input and closes.
 * The log line comes first: whoever sees the connection end can find it already written. */
static void reap_locked(HeaderDeadline *hd, int64_t now)
{
    int n = 0;
    for (HeaderWatch *w = hd->head; w; w = w->next) n += overdue(hd, w, now);
    if (!n) return;
    log_info("header_timeout", "closing %d connection(s) without complete request headers after %lld s", n,
             (long long)(hd->timeout_ms / 1000));
    for (HeaderWatch *w = hd->head; w; w = w->next) {
        if (!overdue(hd, w, now)) continue;
        shutdown(w->fd, SHUT_RDWR);
        w->shut = true;
    }
}

static void *reaper_main(void *arg)
{
    HeaderDeadline *hd = arg;
    pthread_mutex_lock(&hd->lock);
    while (!hd->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_nsec += REAP_EVERY_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&hd->wake, &hd->lock, &until);
        if (!hd->stopping) reap_locked(hd, monotonic_ms());
    }
    pthread_mutex_unlock(&hd->lock);
    return NULL;
}

HeaderDeadline *header_deadline_start(unsigned timeout_s)
{
    HeaderDeadline *hd = calloc(1, sizeof *hd);
    if (!hd) return NULL;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&hd->wake, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&hd->lock, NULL);
    hd->timeout_ms = (int64_t)timeout_s * 1000;
    if (pthread_create(&hd->thread, NULL, reaper_main, hd) != 0) {
        pthread_cond_destroy(&hd->wake);
        pthread_mutex_destroy(&hd->lock);
        free(hd);
        return NULL;
    }
    return hd;
}

void header_deadline_stop(HeaderDeadline *hd)
{
    if (!hd) return;
    pthread_mutex_lock(&hd->lock);
    hd->stopping = true;
    pthread_cond_signal(&hd->wake);
    pthread_mutex_unlock(&hd->lock);
    pthread_join(hd->thread, NULL);
    for (HeaderWatch *w = hd->head, *next; w; w = next) { /* none once the daemon has stopped */
        next = w->next;
        free(w);
    }
    pthread_cond_destroy(&hd->wake);
    pthread_mutex_destroy(&hd->lock);
    free(hd);
}

HeaderWatch *header_deadline_opened(HeaderDeadline *hd, int fd)
{
    HeaderWatch *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->fd = fd;
    w->waiting_ms = monotonic_ms();
    pthread_mutex_lock(&hd->lock);
    w->next = hd->head;
    if (hd->head) hd->head->prev = w;
    hd->head = w;
    pthread_mutex_unlock(&hd->lock);
    return w;
}

void header_deadline_closed(HeaderDeadline *hd, HeaderWatch *w)
{
    if (!w) return;
    pthread_mutex_lock(&hd->lock);
    if (w->prev) w->prev->next = w->next;
    else hd->head = w->next;
    if (w->next) w->next->prev = w->prev;
    pthread_mutex_unlock(&hd->lock);
    free(w);
}

void header_deadline_request_began(HeaderDeadline *hd, HeaderWatch *w)
{
    if (!w) return;
    pthread_mutex_lock(&hd->lock);
    w->in_request = true;
    pthread_mutex_unlock(&hd->lock);
}

void header_deadline_request_ended(HeaderDeadline *hd, HeaderWatch *w)
{
    if (!w) return;
    int64_t now = monotonic_ms();
    pthread_mutex_lock(&hd->lock);
    w->in_request = false;
    w->waiting_ms = now; /* the next request on a kept-alive connection gets the full time again */
    pthread_mutex_unlock(&hd->lock);
}
