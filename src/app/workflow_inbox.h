/* What 审批待办 shows besides the approval tasks: the work a case waits for at 法制审核 (the legal
 * reviewer's, 行政处罚法 58) and at 集体讨论 (the agency heads', 57), as inbox items of the
 * caller's agency; and the facts an approver signs (party, act, penalty) for every item. */
#ifndef ZF_APP_WORKFLOW_INBOX_H
#define ZF_APP_WORKFLOW_INBOX_H

#include <jansson.h>

#include "store/identity.h"
#include "store/store.h"

/* Item types: "approval" 审批, "legal_review" 法制审核, "collective" 集体讨论. */
const char *wf_inbox_type_name(const char *type);

/* The stage tasks for the user's role, newest first: the items [skip, skip + take) appended to
 * items, *total their count. Nothing for a role that has none (officers). */
int wf_inbox_stage_tasks(Store *st, const AuthUser *u, int skip, int take, json_t *items, int *total, ZfError *err);

/* Adds to an item what is being signed: "proposal" {measures, measure_names, fine, confiscated,
 * tier, reduced} — the decision once made, else the proposal — and "major"/"complex"; nothing
 * when the case has neither. */
void wf_inbox_case_facts(Store *st, const char *case_no, json_t *item);

#endif
