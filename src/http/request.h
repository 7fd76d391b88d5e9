/* One HTTP request as handlers see it, and the replies they may give. Handlers parse input,
 * call domain + store, and reply exactly once; the server adds headers and the access log. */
#ifndef ZF_REQUEST_H
#define ZF_REQUEST_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/authz.h"
#include "domain/calendar.h"
#include "store/identity.h"
#include "store/store.h"
#include "store/tokens.h"
#include "util/error.h"

#define HTTP_MAX_PARAMS 4

struct MHD_Connection;
struct HttpUpload;

/* A list answer taken in instead of sent (api/list_export.c runs a list handler page by page to
 * make its workbook): the handler sees page/size from here, its JSON reply lands in body, and it
 * writes no audit entry of its own (the export writes one). Errors are still sent as replies. */
typedef struct HttpCapture {
    const char *page, *size;
    json_t *body;
} HttpCapture;

typedef struct {
    struct MHD_Connection *conn;
    const char *method;
    const char *path;
    const char *param_names[HTTP_MAX_PARAMS];
    const char *param_values[HTTP_MAX_PARAMS];
    int n_params;
    const char *body;
    size_t body_len;
    struct HttpUpload *upload; /* instead of body, on a route that streams it to a file (router.h) */
    Store *store; /* this worker thread's connection */
    const Calendar *calendar;
    zf_day today; /* the server's clock, read once when the request is authorised */
    int64_t started_us;
    int status;   /* set by the reply */
    const char *user;        /* username for the access log, NULL when anonymous */
    AuthUser *auth;          /* the logged-in user, NULL when anonymous */
    DataScope scope;         /* what the user may see (SCOPE_NONE when anonymous) */
    ApiToken token;          /* the bearer token of a "token" route (id 0 otherwise) */
    char token_user[72];     /* "token:<name>": the caller in the access and audit logs */
    char ip[64];
    char session_hash[65];   /* SHA-256 of the session token, "" when none */
    char set_cookie[256];    /* a Set-Cookie header for the reply, "" when none */
    char resolved_param[129]; /* a path parameter the route table's before_handler rewrote (a case's key) */
    const struct ServerConfig *server;
    HttpCapture *capture; /* NULL but while api/list_export.c runs a list handler */
} HttpRequest;

/* The value of a {name} in the route pattern, or NULL. */
const char *http_param(const HttpRequest *req, const char *name);
/* A ?name= query argument, or NULL. */
const char *http_query(const HttpRequest *req, const char *name);
/* Parses the body as a JSON object; on failure replies 400 itself and returns NULL. */
json_t *http_body_json(HttpRequest *req);

/* Each returns 0 after queueing the reply. The json value is consumed. */
int http_reply_json(HttpRequest *req, int status, json_t *body);
/* The same reply from JSON text already written (takes text, a malloc'd string). */
int http_reply_json_text(HttpRequest *req, int status, char *text);
int http_reply_error(HttpRequest *req, int status, const char *code, const char *field,
                     const char *message);
int http_reply_zferror(HttpRequest *req, const ZfError *err);

#endif
