/* The reply of a 案卷评查 write (api/reviews.c, api/review_tasks.c): audited under `action` with the
 * path's id and the result — a refusal (409/422) with its reason, a success as "ok". */
#ifndef ZF_API_REVIEW_REPLY_H
#define ZF_API_REVIEW_REPLY_H

#include <jansson.h>

#include "http/request.h"
#include "util/error.h"

int api_review_reply(HttpRequest *req, int status, int rc, json_t *out, ZfError *err, const char *action);

#endif
