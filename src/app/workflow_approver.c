/* The caller as an approver of online case handling, and the approval task as the case view and
 * the inbox show it (see workflow_approver.h). Who may sign is decided by domain/workflow/approval.c. */
#include "app/workflow_approver.h"

#include <stdio.h>
#include <string.h>

static WfRole role_named(const char *r)
{
    if (!r) return (WfRole)0;
    if (strcmp(r, "officer") == 0) return WR_OFFICER;
    if (strcmp(r, "agency_head") == 0) return WR_AGENCY_HEAD;
    if (strcmp(r, "legal_reviewer") == 0) return WR_LEGAL_REVIEWER;
    return (WfRole)0;
}

WfRole wf_role_of(const AuthUser *u)
{
    return role_named(u ? u->role : NULL);
}

static int level_of(Store *st, const ApprovalPolicy *p, const char *user, WfRole role, int *level, ZfError *err)
{
    *level = 0;
    if (role != WR_AGENCY_HEAD) return ZF_OK;
    if (store_user_approval_level(st, user, level, err) != ZF_OK) return ZF_ERR;
    if (*level <= 0) *level = p->unassigned_head_level;
    return ZF_OK;
}

int wf_approver_of(Store *st, const AuthUser *u, const ApprovalPolicy *p, Approver *out, ZfError *err)
{
    out->user = u ? u->username : "";
    out->role = wf_role_of(u);
    return level_of(st, p, out->user, out->role, &out->level, err);
}

int wf_approver_named(Store *st, const AuthUser *me, const ApprovalPolicy *p, const char *name, Approver *out,
                      ZfError *err)
{
    AuthUser u;
    if (!name || !*name || strlen(name) > 32)
        return zf_fail(err, 422, "invalid_approver", "approver", "请选择加签的审批人");
    if (store_user_by_name(st, name, &u, NULL, err) != ZF_OK || u.disabled || strcmp(u.agency, me->agency) != 0)
        return zf_fail(err, 422, "invalid_approver", "approver", "本机关没有可加签的用户“%s”", name);
    out->user = name;
    out->role = role_named(u.role);
    return level_of(st, p, name, out->role, &out->level, err);
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

json_t *wf_approvers_json(Store *st, const AuthUser *me, const ApprovalPolicy *p)
{
    json_t *list;
    ZfError err;
    if (!me || store_agency_approvers(st, me->agency, &list, &err) != ZF_OK) return json_array();
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

