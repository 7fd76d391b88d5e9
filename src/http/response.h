/* Server-internal reply plumbing shared by response.c, static.c and server.c. */
#ifndef ZF_RESPONSE_H
#define ZF_RESPONSE_H

#include "http/request.h"

struct MHD_Response;

void http_add_security_headers(struct MHD_Response *resp);
/* Content-Disposition: attachment (RFC 6266) with an ASCII fallback name and the UTF-8 name in
 * the RFC 5987 filename* form; characters outside attr-char are percent-encoded. */
void http_add_disposition(struct MHD_Response *resp, const char *ascii_fallback, const char *utf8_name);
/* Queues resp with the security headers, destroys our reference, writes the access log. */
int http_queue(HttpRequest *req, int status, struct MHD_Response *resp);
/* The same for a document the console shows in a frame of its own page (a PDF's preview): framing
 * allowed to the same origin only. */
int http_queue_framable(HttpRequest *req, int status, struct MHD_Response *resp);

#endif
