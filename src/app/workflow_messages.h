/* The messages online case handling sends (docs/messages.md), each inside the step's transaction:
 * the approvers a task awaits, the agency's legal reviewers when a case reaches 法制审核, and the
 * officer whose request came back. */
#ifndef ZF_APP_WORKFLOW_MESSAGES_H
#define ZF_APP_WORKFLOW_MESSAGES_H

#include <jansson.h>

#include "store/approval.h"
#include "store/identity.h"
#include "store/store.h"

/* The messages of a step that moved the case (rec: its record, with its agency and party) from
 * `from` to `to`, after the step's approval bookkeeping: legal_review_requested on reaching
 * 法制审核, approval_requested for the task a stage opened on entering it. */
int wf_message_moved(Store *st, const char *case_no, const json_t *rec, WfStage from, WfStage to,
                     const ApprovalPolicy *p, ZfError *err);
/* approval_requested again when an unsigned task was raised to a higher level (app/escalate.c):
 * to the approvers it awaits now. */
int wf_message_escalated(Store *st, const ApprovalRow *row, const ApprovalPolicy *p, ZfError *err);
/* approval_returned to the officer handling the case (its created_by) when `by` sent it back or
 * refused its approval; note: the step's note (the reason, or the refusal with its opinion). */
int wf_message_returned(Store *st, const char *case_no, const char *officer, const AuthUser *by, const char *note,
                        ZfError *err);

#endif
