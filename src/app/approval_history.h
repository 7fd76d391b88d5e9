/* The signature history of a case (审批记录): every sign-off and refusal of every approval task
 * it has had, oldest first — who signed what, when, at which level, with which opinion, agreed
 * or refused. Read by the officer's case page and the supervisor's case detail; scope is the
 * caller's to check before. */
#ifndef ZF_APP_APPROVAL_HISTORY_H
#define ZF_APP_APPROVAL_HISTORY_H

#include <jansson.h>

#include "store/store.h"

/* {"items":[{"task_id","task_status","action","action_name","user","display_name","level_name",
 *  "signed_on","signed_at","opinion","agreed","result_name","returned_to","returned_to_name"}],
 *  "pending": the open task's action name or null}. */
int app_approval_history(Store *st, const char *case_no, json_t **out, ZfError *err);

#endif
