/* The HTTP server: libmicrohttpd with epoll and a thread pool, one store connection per worker. */
#ifndef ZF_SERVER_H
#define ZF_SERVER_H

#include <stddef.h>

#include "domain/authz.h"
#include "domain/calendar.h"
#include "domain/regions.h"
#include "http/router.h"
#include "util/error.h"

typedef struct ServerConfig {
    const char *listen;     /* "127.0.0.1:8080" */
    const char *db_path;
    const char *web_root;   /* directory holding index.html; may be missing */
    unsigned threads;       /* 0 = number of cores */
    unsigned max_connections;
    unsigned max_connections_per_ip; /* one address beyond this is refused at accept; 0 = no limit */
    unsigned header_timeout_s; /* from accept (or the last reply) to complete request headers */
    size_t max_body;        /* bytes; larger bodies get 413 */
    unsigned timeout_s;     /* idle/request timeout */
    const RouteTable *routes; /* the API's routes (api/routes.c), given by the caller */
    const Calendar *calendar; /* shared read-only by every worker */
    ZfClock clock;            /* today, for every handler (util/date.h) */
    const struct Regions *regions;
    const CommonPasswords *common_passwords;
    unsigned session_idle_s;  /* a session unused this long ends */
    unsigned session_max_s;   /* a session ends this long after login, used or not */
} ServerConfig;

/* Blocks SIGTERM and SIGINT in the calling thread and ignores SIGPIPE. Call it before starting
 * any thread, so every thread inherits the mask and server_run's sigwait alone takes them. */
void server_block_shutdown_signals(void);

/* Serves until SIGTERM or SIGINT, then finishes in-flight requests and returns ZF_OK. */
int server_run(const ServerConfig *cfg, ZfError *err);

#endif
