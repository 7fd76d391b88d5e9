/* What workflow_cases.c lends to the other online-handling files (workflow_publicity.c): the
 * record check, the re-check after a step, and the case view as every step answers it. (Loading
 * a case of the caller's own agency is wf_case_load, workflow_state.h.) */
#ifndef ZF_API_WORKFLOW_CASES_H
#define ZF_API_WORKFLOW_CASES_H

#include <jansson.h>

#include "http/request.h"
#include "store/store.h"
#include "util/error.h"

/* After the act's transaction (which stored the record with import_one_record_in): the rules
 * look at the changed case at once. */
void wf_case_recheck(HttpRequest *req, const char *case_no);
/* Replies with {case, workflow (stage, actions, deadlines…), timeline}. */
int wf_case_reply(HttpRequest *req, int status, const json_t *rec, const json_t *row);

#endif
