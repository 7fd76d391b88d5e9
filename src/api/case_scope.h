/* The one check every read of a case goes through: the stored case record, in the caller's data
 * scope by the agency stored with it (never by what the request says). Out of scope answers as
 * if absent, with the same words, so guessing case numbers reveals nothing. */
#ifndef ZF_API_CASE_SCOPE_H
#define ZF_API_CASE_SCOPE_H

#include <jansson.h>

#include "http/request.h"
#include "util/error.h"

/* ZF_OK with *record (the exchange-v1 case, the caller's to decref; record may be NULL when the
 * caller only needs the check); ZF_ERR with err: 400 for an empty or over-long number, 404 when
 * the case is absent or outside the caller's scope. */
int api_case_visible(HttpRequest *req, const char *case_no, json_t **record, ZfError *err);

#endif
