/* GET /api/v1/workflow/approvals (审批待办): the tasks awaiting the caller (app/workflow_approver.h). */

#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/case_scope.h"
#include "api/params.h"
#include "app/workflow_approver.h"
#include "store/identity.h"

/* ---- GET /workflow/approvals ------------------------------------------------------------- */

typedef struct {
    const ApprovalPolicy *policy;
    const Approver *me;
    json_t *items;
    int from, to; /* the page's slice of the matches: [from, to) */
    int total;
    Store *store;
} Inbox;

static int inbox_row(const ApprovalRow *row, void *ctx)
{
    Inbox *in = ctx;
    if (!approval_awaits(&row->task, in->me)) return 0;
    if (in->total >= in->from && in->total < in->to) {
        json_t *o = wf_approval_json(row, in->policy, in->me);
        const WfTransition *t = workflow_transition_of_action(row->task.action);
        json_object_set_new(o, "stage", t ? json_string(workflow_stage_code(t->from)) : json_null());
        json_object_set_new(o, "stage_name", t ? json_string(workflow_stage_name(t->from)) : json_null());
        api_case_numbers_into(in->store, row->case_no, o);
        json_array_append_new(in->items, o);
    }
    in->total++;
    return 0;
}

int api_workflow_approvals_list(HttpRequest *req)
{
    int page, size;
    ApprovalPolicy policy;
    Approver me;
    ZfError err;
    if (param_page(req, &page, &size) != ZF_OK) return 0;
    json_t *items = json_array();
    Inbox in = {&policy, &me, items, (page - 1) * size, page * size, 0, req->store};
    if (req->auth && req->auth->agency[0]) {
        if (store_approval_policy(req->store, &policy, &err) != ZF_OK ||
            wf_approver_of(req->store, req->auth, &policy, &me, &err) != ZF_OK ||
            store_approvals_pending_foreach(req->store, req->auth->agency, inbox_row, &in, &err) != ZF_OK) {
            json_decref(items);
            return http_reply_zferror(req, &err);
        }
    }
    return http_reply_json(req, 200, json_pack("{s:o, s:i, s:i, s:i}", "items", items, "total", in.total, "page", page,
                                               "size", size));
}
