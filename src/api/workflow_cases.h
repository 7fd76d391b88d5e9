/* What workflow_cases.c lends to the other online-handling files (workflow_publicity.c): the
 * case of the caller's own agency, the record path, and the case view as every step answers it. */
#ifndef ZF_API_WORKFLOW_CASES_H
#define ZF_API_WORKFLOW_CASES_H

#include <jansson.h>

#include "http/request.h"
#include "util/error.h"

/* The workflow row and the exchange record of a case of req->auth's agency; 404 otherwise. */
int wf_case_load(HttpRequest *req, const char *case_no, json_t **row, json_t **rec, ZfError *err);
/* exchange-v1 validation of a changed record (400 when refused). */
int wf_case_validate(const json_t *rec, ZfError *err);
/* The record through the import path (ledger event) and re-checked by the rules at once. */
int wf_case_store_record(HttpRequest *req, const json_t *rec, ZfError *err);
/* Replies with {case, workflow (stage, actions, deadlines…), timeline}. */
int wf_case_reply(HttpRequest *req, int status, const json_t *rec, const json_t *row);

#endif
