/* Server-internal reply plumbing shared by response.c, static.c and server.c. */
#ifndef ZF_RESPONSE_H
#define ZF_RESPONSE_H

#include "http/request.h"

struct MHD_Response;

void http_add_security_headers(struct MHD_Response *resp);
/* Queues resp with the security headers, destroys our reference, writes the access log. */
int http_queue(HttpRequest *req, int status, struct MHD_Response *resp);

#endif
