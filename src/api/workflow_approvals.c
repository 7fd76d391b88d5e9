/* GET /api/v1/workflow/approvals (审批待办) and the approval helpers of online case handling
 * (see workflow_approvals.h). Who may sign is decided by domain/workflow/approval.c only. */
#include "api/workflow_approvals.h"

#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "store/identity.h"

static WfRole role_named(const char *r)
{
    if (!r) return (WfRole)0;
    if (strcmp(r, "officer") == 0) return WR_OFFICER;
    if (strcmp(r, "agency_head") == 0) return WR_AGENCY_HEAD;
    if (strcmp(r, "legal_reviewer") == 0) return WR_LEGAL_REVIEWER;
    return (WfRole)0;
}

WfRole wf_role_of(const HttpRequest *req)
{
    return role_named(req->auth ? req->auth->role : NULL);
}

static int level_of(Store *st, const ApprovalPolicy *p, const char *user, WfRole role, int *level, ZfError *err)
{
    *level = 0;
    if (role != WR_AGENCY_HEAD) return ZF_OK;
    if (store_user_approval_level(st, user, level, err) != ZF_OK) return ZF_ERR;
    if (*level <= 0) *level = p->unassigned_head_level;
    return ZF_OK;
}

int wf_approver_of(HttpRequest *req, const ApprovalPolicy *p, Approver *out, ZfError *err)
{
    out->user = req->auth ? req->auth->username : "";
    out->role = wf_role_of(req);
    return level_of(req->store, p, out->user, out->role, &out->level, err);
}

int wf_approver_named(HttpRequest *req, const ApprovalPolicy *p, const char *name, Approver *out, ZfError *err)
{
    AuthUser u;
    if (!name || !*name || strlen(name) > 32)
        return zf_fail(err, 422, "invalid_approver", "approver", "请选择加签的审批人");
    if (store_user_by_name(req->store, name, &u, NULL, err) != ZF_OK || u.disabled ||
        strcmp(u.agency, req->auth->agency) != 0)
        return zf_fail(err, 422, "invalid_approver", "approver", "本机关没有可加签的用户“%s”", name);
    out->user = name;
    out->role = role_named(u.role);
    return level_of(req->store, p, name, out->role, &out->level, err);
}

static const char *kind_name(ApproverKind k)
{
    return k == AK_LEGAL ? "法制审核机构" : k == AK_NAMED ? "加签" : "机关负责人";
}

static json_t *opt_text(const char *s) { return s && *s ? json_string(s) : json_null(); }

json_t *wf_approval_json(const ApprovalRow *row, const ApprovalPolicy *p, const Approver *me)
{
    const ApprovalTask *t = &row->task;
    json_t *o = approval_task_json(t);
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(o, "slots"), i, s) {
        const ApprovalSlot *slot = &t->slots[i];
        json_object_set_new(s, "kind_name", json_string(kind_name(slot->kind)));
        json_object_set_new(s, "level_name", slot->kind == AK_HEAD ? json_string(approval_level_name(p, slot->level))
                                                                   : json_null());
        json_object_set_new(s, "signed", json_boolean(slot->signed_by[0] != '\0'));
    }
    json_object_set_new(o, "id", json_integer(row->id));
    json_object_set_new(o, "case_no", json_string(row->case_no));
    json_object_set_new(o, "party", opt_text(row->party));
    json_object_set_new(o, "action_name", json_string(workflow_action_name(t->action)));
    json_object_set_new(o, "requested_by", json_string(row->requested_by));
    json_object_set_new(o, "requested_at", json_string(row->requested_at));
    json_object_set_new(o, "escalated", json_boolean(t->escalations > 0));
    json_object_set_new(o, "signed_count", json_integer((json_int_t)approval_signed_count(t)));
    json_object_set_new(o, "required_count", json_integer((json_int_t)t->slot_count));
    json_object_set_new(o, "awaits_me", json_boolean(me && approval_awaits(t, me)));
    json_object_set_new(o, "signed_by_me", json_boolean(me && approval_signed_by(t, me->user)));
    return o;
}

json_t *wf_approvers_json(HttpRequest *req, const ApprovalPolicy *p)
{
    json_t *list;
    ZfError err;
    if (!req->auth || store_agency_approvers(req->store, req->auth->agency, &list, &err) != ZF_OK) return json_array();
    size_t i;
    json_t *u;
    json_array_foreach(list, i, u) {
        const char *role = json_string_value(json_object_get(u, "role"));
        int level = (int)json_integer_value(json_object_get(u, "approval_level"));
        bool head = role && strcmp(role, "agency_head") == 0;
        if (head && level <= 0) level = p->unassigned_head_level;
        json_object_set_new(u, "level_name", json_string(head ? approval_level_name(p, level) : "法制审核"));
    }
    return list;
}

/* ---- GET /workflow/approvals ------------------------------------------------------------- */

typedef struct {
    const ApprovalPolicy *policy;
    const Approver *me;
    json_t *items;
    int from, to; /* the page's slice of the matches: [from, to) */
    int total;
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
    Inbox in = {&policy, &me, items, (page - 1) * size, page * size, 0};
    if (req->auth && req->auth->agency[0]) {
        if (store_approval_policy(req->store, &policy, &err) != ZF_OK ||
            wf_approver_of(req, &policy, &me, &err) != ZF_OK ||
            store_approvals_pending_foreach(req->store, req->auth->agency, inbox_row, &in, &err) != ZF_OK) {
            json_decref(items);
            return http_reply_zferror(req, &err);
        }
    }
    return http_reply_json(req, 200, json_pack("{s:o, s:i, s:i, s:i}", "items", items, "total", in.total, "page", page,
                                               "size", size));
}
