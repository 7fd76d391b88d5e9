/* The signature history of a case (审批记录, app/approval_history.h) on two routes: the officer's
 * case page (GET /workflow/cases/{case_no}/approvals, cases.handle, a case of his own agency) and
 * the supervisor's case detail (GET /cases/{case_no}/approvals, cases.read, a case in his data
 * scope). Out of scope answers as absent, like every other read of a case. */
#include "api/api.h"
#include "api/case_scope.h"
#include "app/approval_history.h"
#include "app/workflow_state.h"
#include "http/auth.h"

static int reply_history(HttpRequest *req, const char *case_no)
{
    json_t *out;
    ZfError err;
    if (app_approval_history(req->store, case_no, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_workflow_case_approvals(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    json_t *row;
    ZfError err;
    if (wf_case_row(req->store, req->auth, case_no, &row, &err) != ZF_OK) return http_reply_zferror(req, &err);
    json_decref(row);
    return reply_history(req, case_no);
}

int api_case_approvals(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    ZfError err;
    if (api_case_visible(req, case_no, NULL, &err) != ZF_OK) return http_reply_zferror(req, &err);
    auth_audit(req, "approvals_read", case_no, "ok", "审批记录");
    return reply_history(req, case_no);
}
