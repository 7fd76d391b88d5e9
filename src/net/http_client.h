/* An HTTP(S) client for calls from one zhifa instance to another (multi-level sync, docs/sync.md),
 * over libcurl. The one layer that opens outgoing connections: jobs and cmd call it, nothing below. */
#ifndef ZF_NET_HTTP_CLIENT_H
#define ZF_NET_HTTP_CLIENT_H

#include <stddef.h>

#include "util/error.h"

typedef struct {
    long status;  /* the HTTP status */
    char *body;   /* malloc'd, NUL-terminated (NULL when empty) */
    size_t body_len;
} NetReply;

/* method "GET" or "POST" on url with the given "Name: value" headers (NULL-terminated), body
 * (may be NULL). ZF_OK when an answer came, whatever its status; ZF_ERR (503 upper_unreachable, the
 * reason in Chinese) when none did. TLS certificates are verified against the system's CA store.
 * timeout_s bounds the whole exchange. */
int net_http_request(const char *method, const char *url, const char *const *headers, const void *body,
                     size_t body_len, long timeout_s, NetReply *out, ZfError *err);
void net_reply_free(NetReply *r);

#endif
