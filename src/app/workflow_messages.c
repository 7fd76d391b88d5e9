/* Messages of online case handling (see workflow_messages.h). Who is awaited is the approval
 * core's answer (approval_awaits), asked for each approver of the agency as the inbox asks it. */
#include "app/workflow_messages.h"

#include <stdio.h>
#include <string.h>

#include "app/messages.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void link_of(const char *case_no, char *out, size_t size) { snprintf(out, size, "/cases/handle/%s", case_no); }

/* "案件 X（当事人 Y）" — the party when one is named. */
static void case_label(const char *case_no, const char *party, char *out, size_t size)
{
    if (party && *party) snprintf(out, size, "案件 %s（当事人 %s）", case_no, party);
    else snprintf(out, size, "案件 %s", case_no);
}

/* An approver row of store_agency_approvers as the approval core sees him. */
static Approver approver_of(const json_t *u, const ApprovalPolicy *p)
{
    const char *role = str(u, "role");
    bool head = role && strcmp(role, "agency_head") == 0;
    int level = (int)json_integer_value(json_object_get(u, "approval_level"));
    Approver a = {str(u, "username"), head ? WR_AGENCY_HEAD : WR_LEGAL_REVIEWER, 0};
    if (head) a.level = level > 0 ? level : p->unassigned_head_level;
    return a;
}

static int send_to_role(Store *st, const json_t *list, const char *role, const char *kind, const char *title,
                        const char *link, ZfError *err)
{
    size_t i;
    json_t *u;
    json_array_foreach(list, i, u) {
        if (strcmp(str(u, "role"), role) == 0 &&
            app_message_to_user(st, str(u, "username"), kind, title, link, err) != ZF_OK)
            return ZF_ERR;
    }
    return ZF_OK;
}

/* To each approver of the agency the task awaits; to the heads when it awaits none of them. */
static int send_awaited(Store *st, const char *agency, const ApprovalTask *t, const ApprovalPolicy *p,
                        const char *title, const char *link, ZfError *err)
{
    json_t *list, *u;
    size_t i, sent = 0;
    if (store_agency_approvers(st, agency, &list, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    json_array_foreach(list, i, u) {
        Approver a = approver_of(u, p);
        if (rc != ZF_OK || !approval_awaits(t, &a)) continue;
        rc = app_message_to_user(st, a.user, "approval_requested", title, link, err);
        sent++;
    }
    if (rc == ZF_OK && sent == 0) rc = send_to_role(st, list, "agency_head", "approval_requested", title, link, err);
    json_decref(list);
    return rc;
}

static int message_approvers(Store *st, const char *case_no, const char *agency, const json_t *rec,
                             const ApprovalTask *t, const ApprovalPolicy *p, ZfError *err)
{
    char label[600], title[800], link[300];
    case_label(case_no, str(json_object_get(rec, "party"), "name"), label, sizeof label);
    snprintf(title, sizeof title, "%s 提请“%s”，等待您审批", label, workflow_action_name(t->action));
    link_of(case_no, link, sizeof link);
    return send_awaited(st, agency, t, p, title, link, err);
}

int wf_message_escalated(Store *st, const ApprovalRow *row, const ApprovalPolicy *p, ZfError *err)
{
    char label[600], title[800], link[300];
    case_label(row->case_no, row->party, label, sizeof label);
    snprintf(title, sizeof title, "%s 的“%s”超过 %d 个工作日未审批，已上报，等待您审批", label,
             workflow_action_name(row->task.action), p->escalate_after_wd);
    link_of(row->case_no, link, sizeof link);
    return send_awaited(st, row->agency, &row->task, p, title, link, err);
}

static int message_legal_review(Store *st, const char *case_no, const char *agency, const json_t *rec, ZfError *err)
{
    char label[600], title[800], link[300];
    json_t *list;
    case_label(case_no, str(json_object_get(rec, "party"), "name"), label, sizeof label);
    snprintf(title, sizeof title, "%s 已提交法制审核，请审核", label);
    link_of(case_no, link, sizeof link);
    if (store_agency_approvers(st, agency, &list, err) != ZF_OK) return ZF_ERR;
    int rc = send_to_role(st, list, "legal_reviewer", "legal_review_requested", title, link, err);
    json_decref(list);
    return rc;
}

int wf_message_returned(Store *st, const char *case_no, const char *officer, const AuthUser *by, const char *note,
                        ZfError *err)
{
    char title[1200], link[300];
    const char *who = by && by->display_name[0] ? by->display_name : by ? by->username : "审批人";
    if (!officer || !*officer || (by && strcmp(officer, by->username) == 0)) return ZF_OK;
    snprintf(title, sizeof title, "案件 %s 已被 %s 退回%s%s", case_no, who, note && *note ? "：" : "", note ? note : "");
    link_of(case_no, link, sizeof link);
    return app_message_to_user(st, officer, "approval_returned", title, link, err);
}

int wf_message_moved(Store *st, const char *case_no, const json_t *rec, WfStage from, WfStage to,
                     const ApprovalPolicy *p, ZfError *err)
{
    const char *agency = str(rec, "agency");
    ApprovalRow open;
    if (from == to || !case_no || !agency) return ZF_OK;
    if (to == WS_LEGAL_REVIEW && message_legal_review(st, case_no, agency, rec, err) != ZF_OK) return ZF_ERR;
    if (approval_opened_on_entering(to) == WF_ACTION_COUNT) return ZF_OK;
    if (store_approval_pending(st, case_no, &open, err) != ZF_OK) return err->status == 404 ? ZF_OK : ZF_ERR;
    return message_approvers(st, case_no, agency, rec, &open.task, p, err);
}
