/* The messages online case handling sends (docs/messages.md), each inside the step's transaction:
 * the approvers a task awaits, the agency's legal reviewers when a case reaches 法制审核, and the
 * officer whose request came back. */
#ifndef ZF_APP_WORKFLOW_MESSAGES_H
#define ZF_APP_WORKFLOW_MESSAGES_H

#include <jansson.h>

#include "domain/workflow/approval.h"
#include "store/approval.h"
#include "store/store.h"

/* approval_requested to the agency's users the open task awaits (who may sign a pending slot);
 * to the agency heads when nobody matches. rec: the case's record (for the party's name) or NULL. */
int wf_message_approvers(Store *st, const char *case_no, const char *agency, const json_t *rec,
                         const ApprovalTask *t, const ApprovalPolicy *p, ZfError *err);
/* approval_requested again when an unsigned task was raised to a higher level (app/escalate.c):
 * to the approvers it awaits now. */
int wf_message_escalated(Store *st, const ApprovalRow *row, const ApprovalPolicy *p, ZfError *err);
/* legal_review_requested to the agency's legal reviewers. */
int wf_message_legal_review(Store *st, const char *case_no, const char *agency, const json_t *rec, ZfError *err);
/* approval_returned to the officer (the case's created_by) whose `action` (its Chinese name) was
 * refused or sent back by `by`, with the approver's opinion (may be NULL). */
int wf_message_returned(Store *st, const char *case_no, const char *officer, const char *action, const char *by,
                        const char *opinion, ZfError *err);

#endif
