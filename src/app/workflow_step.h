/* One step of online case handling (POST /workflow/cases/{case_no}/actions): an act of the
 * workflow core (立案审批, 送达 …), a record of facts without a move ("record"), a send-back,
 * 加签, or an approver's 不同意（退回） ("refuse"). Read, checked and written in one BEGIN IMMEDIATE transaction: the case, its approval task,
 * its 文号, its timeline and its exchange record change together or not at all, and two approvers
 * signing at once are serialised. */
#ifndef ZF_APP_WORKFLOW_STEP_H
#define ZF_APP_WORKFLOW_STEP_H

#include <jansson.h>

#include "app/context.h"

typedef struct {
    const char *action;   /* a workflow action code, or "record", "send_back", "add_approver", "refuse" */
    const char *note;     /* ≤ 1000 bytes, may be NULL; an approval's or a refusal's 审批意见 */
    const char *target;   /* send_back: the stage to return to */
    const char *approver; /* add_approver: the username */
    const json_t *fields; /* the facts the step records (may be NULL) */
} WorkflowStepInput;

typedef struct {
    json_t *rec, *row;        /* the case record and workflow row as stored after the step */
    const char *audit_action; /* workflow_action / workflow_sign / workflow_add_approver / workflow_refuse */
} WorkflowStepDone;

/* ZF_OK with done filled (free with workflow_step_done_free), or ZF_ERR: 400 bad input, 403 not
 * this role's, 404 not a case of the user's agency, 409 state, 422 a legal gate with its article. */
int app_workflow_step(const AppContext *cx, const char *case_no, const WorkflowStepInput *in, WorkflowStepDone *done,
                      ZfError *err);
/* The same inside the caller's BEGIN IMMEDIATE transaction (电子送达's confirmation: the delivery,
 * the 送达 step and the 送达回证 together); on failure the caller rolls back (or to its savepoint). */
int app_workflow_step_in(const AppContext *cx, const char *case_no, const WorkflowStepInput *in, WorkflowStepDone *done,
                         ZfError *err);
void workflow_step_done_free(WorkflowStepDone *done);

#endif
