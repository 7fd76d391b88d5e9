/* Routes: method + pattern with {param} segments → handler. The table is data (api/routes.c),
 * so tests can enumerate every route. */
#ifndef ZF_ROUTER_H
#define ZF_ROUTER_H

#include <stdbool.h>

#include "http/request.h"

typedef int (*HttpHandler)(HttpRequest *req);

/* A route, and the body it takes: the server's default limit, or (an uploaded file) its own,
 * known from the URL before the body arrives. */
typedef struct {
    const char *method;
    const char *pattern; /* "/api/v1/cases/{case_no}" */
    HttpHandler handler;
    /* permission required: "public", "authenticated", a name of the role table, or "token": a
     * system-to-system route called with `Authorization: Bearer TOKEN` (an API token, store/tokens.h),
     * never with a session — no cookie or CSRF token counts there; or "node": a lower zhifa node's
     * call (docs/sync.md), no session counts and the handler checks the node's token and signature. */
    const char *perm;
    size_t max_body;     /* bytes; 0 = the server's limit (a smaller one applies too) */
    /* Optional: this request's own, smaller limit, known from its URL before the body (e.g. the
     * attachment kind's); writes the Chinese 413 message into why. req->store and req->auth are set. */
    size_t (*limit_for)(HttpRequest *req, char *why, size_t cap);
    /* The body goes to a temp file as it arrives (http/upload.h, in <db>.files/), never into
     * memory: the handler gets req->upload, with the digests and the first bytes, and no req->body. */
    bool stream_to_file;
} Route;

/* The routes a server answers, given to it at start (the API's table is api/routes.c). */
typedef struct {
    const Route *routes;
    int count;
    /* Optional: run after authorization, before the handler (e.g. a path parameter normalised);
     * ZF_OK, or ZF_ERR when it has replied itself. */
    int (*before_handler)(HttpRequest *req, const Route *r);
} RouteTable;

/* The longest path the router matches (its per-thread copy of the path); the server answers 414
 * for a longer one before routing. */
#define ROUTER_MAX_PATH 4096

/* The route of t matching method and path, filling req's params; NULL when none matches.
 * *path_known tells whether some other method would have matched (405 vs 404). */
const Route *router_match(const RouteTable *t, HttpRequest *req, bool *path_known);

#endif
