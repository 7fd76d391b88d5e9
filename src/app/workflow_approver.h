/* The bridge between online case handling and its approval tasks: the user as an approver, the
 * pending task as the case view shows it, and the 加签 target looked up by name. Shared by the
 * workflow steps (app/workflow_step.c), the case view and the 审批待办 inbox. */
#ifndef ZF_APP_WORKFLOW_APPROVER_H
#define ZF_APP_WORKFLOW_APPROVER_H

#include <jansson.h>

#include "domain/workflow/approval.h"
#include "store/approval.h"
#include "store/identity.h"

/* officer / agency_head / legal_reviewer → WfRole; 0 for any other role (or no user). */
WfRole wf_role_of(const AuthUser *u);
/* The user as an approver: his level as set, else the policy's level for unassigned heads. */
int wf_approver_of(Store *st, const AuthUser *u, const ApprovalPolicy *p, Approver *out, ZfError *err);
/* A user of me's agency named for 加签, as an approver (user points into name). */
int wf_approver_named(Store *st, const AuthUser *me, const ApprovalPolicy *p, const char *name, Approver *out,
                      ZfError *err);
/* The task as the case view and the inbox show it: slots with Chinese names, awaits_me. */
json_t *wf_approval_json(const ApprovalRow *row, const ApprovalPolicy *p, const Approver *me);
/* me's agency's approvers (for the 加签 picker), each with his level's name. */
json_t *wf_approvers_json(Store *st, const AuthUser *me, const ApprovalPolicy *p);

#endif
