/* The bridge between online case handling and its approval tasks: the caller as an approver,
 * the pending task as the case view shows it, and the 加签 target looked up by name. Shared by
 * workflow_cases.c (the steps) and workflow_approvals.c (the 审批待办 inbox). */
#ifndef ZF_API_WORKFLOW_APPROVALS_H
#define ZF_API_WORKFLOW_APPROVALS_H

#include <jansson.h>

#include "domain/workflow/approval.h"
#include "http/request.h"
#include "store/approval.h"

/* officer / agency_head / legal_reviewer → WfRole; 0 for any other role. */
WfRole wf_role_of(const HttpRequest *req);
/* The caller as an approver: his level as set, else the policy's level for unassigned heads. */
int wf_approver_of(HttpRequest *req, const ApprovalPolicy *p, Approver *out, ZfError *err);
/* A user of the caller's agency named for 加签, as an approver (user points into name). */
int wf_approver_named(HttpRequest *req, const ApprovalPolicy *p, const char *name, Approver *out, ZfError *err);
/* The task as the case view and the inbox show it: slots with Chinese names, awaits_me. */
json_t *wf_approval_json(const ApprovalRow *row, const ApprovalPolicy *p, const Approver *me);
/* The agency's approvers (for the 加签 picker), each with his level's name. */
json_t *wf_approvers_json(HttpRequest *req, const ApprovalPolicy *p);

#endif
