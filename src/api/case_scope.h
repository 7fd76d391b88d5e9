/* The one check every read of a case goes through: the stored case record, in the caller's data
 * scope by the agency stored with it (never by what the request says). Out of scope answers as
 * if absent, with the same words, so guessing case numbers reveals nothing. */
#ifndef ZF_API_CASE_SCOPE_H
#define ZF_API_CASE_SCOPE_H

#include <jansson.h>

#include "http/request.h"
#include "http/router.h"
#include "util/error.h"

/* ZF_OK with *record (the exchange-v1 case, the caller's to decref; record may be NULL when the
 * caller only needs the check); ZF_ERR with err: 400 for an empty or over-long number, 404 when
 * the case is absent or outside the caller's scope. */
int api_case_visible(HttpRequest *req, const char *case_no, json_t **record, ZfError *err);

/* The route table's before_handler: on a route under /api/v1/cases/{case_no} or
 * /api/v1/workflow/cases/{case_no}, the {case_no} given as any of the case's numbers (案件编号,
 * 文号, docs/case-record.md) becomes the case's key before the handler reads it, so every such
 * handler and its scope check see the real case_no. A number no case carries is left as given
 * (the handler answers 404, or creates under it). Replies only on a store failure. */
int api_case_number_param(HttpRequest *req, const Route *r);

/* Sets o's "filing_no" and "doc_no" from the stored case (null when it has none), so a list row
 * can show the case's number (docs/case-record.md: the 案件编号, else the 线索号, with the 文号). */
void api_case_numbers_into(Store *st, const char *case_no, json_t *o);

#endif
