/* See approval_history.h. The tasks are read as stored; names come from the workflow's tables
 * and the approval policy, so the page shows no codes. */
#include "app/approval_history.h"

#include <string.h>

#include "store/approval.h"
#include "store/identity.h"
#include "store/workflow.h"

typedef struct {
    Store *st;
    const ApprovalPolicy *policy;
    WfProcedure procedure;
    json_t *items;
    const char *pending; /* the open task's action name */
} History;

static json_t *day_text(zf_day d)
{
    char t[ZF_DATE_LEN];
    if (d == ZF_DAY_NONE) return json_null();
    date_format(d, t);
    return json_string(t);
}

/* The signer's name and the capacity he signed in: 主要负责人 / 分管负责人 for a head at his level,
 * 法制审核 for a legal reviewer. */
static void who(History *h, const char *user, int level, json_t *entry)
{
    AuthUser u;
    ZfError err;
    bool known = store_user_by_name(h->st, user, &u, NULL, &err) == ZF_OK;
    json_object_set_new(entry, "user", json_string(user));
    json_object_set_new(entry, "display_name", json_string(known && u.display_name[0] ? u.display_name : user));
    const char *capacity = known && strcmp(u.role, "legal_reviewer") == 0 ? "法制审核"
                           : level > 0                                   ? approval_level_name(h->policy, level)
                                                                         : "审批人";
    json_object_set_new(entry, "level_name", json_string(capacity));
}

static json_t *entry_of(const ApprovalRow *row, bool agreed)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:b, s:s}", "task_id", (json_int_t)row->id, "task_status", row->status,
                     "action", workflow_action_code(row->task.action), "action_name",
                     workflow_action_name(row->task.action), "agreed", agreed, "result_name",
                     agreed ? "同意" : "不同意（退回）");
}

static int add_task(const ApprovalRow *row, void *ctx)
{
    History *h = ctx;
    const ApprovalTask *t = &row->task;
    for (size_t i = 0; i < t->slot_count; i++) {
        const ApprovalSlot *s = &t->slots[i];
        if (!s->signed_by[0]) continue;
        json_t *e = entry_of(row, true);
        who(h, s->signed_by, s->signed_level, e);
        json_object_set_new(e, "signed_on", day_text(s->signed_on));
        json_object_set_new(e, "signed_at", s->signed_at[0] ? json_string(s->signed_at) : json_null());
        json_object_set_new(e, "opinion", json_string(s->opinion));
        json_array_append_new(h->items, e);
    }
    if (t->refused.by[0]) {
        WfStage back = approval_return_stage(t, h->procedure);
        json_t *e = entry_of(row, false);
        who(h, t->refused.by, t->refused.level, e);
        json_object_set_new(e, "signed_on", day_text(t->refused.on));
        json_object_set_new(e, "signed_at", t->refused.at[0] ? json_string(t->refused.at) : json_null());
        json_object_set_new(e, "opinion", json_string(t->refused.opinion));
        json_object_set_new(e, "returned_to", json_string(workflow_stage_code(back)));
        json_object_set_new(e, "returned_to_name", json_string(workflow_stage_name(back)));
        json_array_append_new(h->items, e);
    }
    if (strcmp(row->status, "pending") == 0) h->pending = workflow_action_name(t->action);
    return 0;
}

int app_approval_history(Store *st, const char *case_no, json_t **out, ZfError *err)
{
    ApprovalPolicy policy;
    json_t *row = NULL;
    if (store_approval_policy(st, &policy, err) != ZF_OK) return ZF_ERR;
    History h = {st, &policy, WF_PROC_ORDINARY, json_array(), NULL};
    if (store_workflow_get(st, case_no, &row, err) == ZF_OK) {
        const char *type = json_string_value(json_object_get(row, "case_type"));
        if (type && strcmp(type, "penalty_simple") == 0) h.procedure = WF_PROC_SIMPLE;
        json_decref(row);
    } else if (err->status != 404) {
        json_decref(h.items);
        return ZF_ERR;
    }
    if (store_approvals_of_case(st, case_no, add_task, &h, err) != ZF_OK) {
        json_decref(h.items);
        return ZF_ERR;
    }
    *out = json_pack("{s:o, s:o}", "items", h.items, "pending", h.pending ? json_string(h.pending) : json_null());
    return ZF_OK;
}
