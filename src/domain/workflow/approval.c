/* Approval tasks: tiers, 会签, 加签 and escalation (see approval.h). Pure: the policy is data
 * parsed from text, dates are day numbers handed in. */
#include "domain/workflow/approval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

/* The default tiers; migration 011 seeds the same text into settings `approval_policy`. */
static const char DEFAULT_POLICY[] =
    "{\"levels\":[{\"level\":1,\"code\":\"deputy\",\"name\":\"分管负责人\"},"
    "{\"level\":2,\"code\":\"principal\",\"name\":\"主要负责人\"}],"
    "\"default_level\":1,\"unassigned_head_level\":1,\"escalate_after_workdays\":3,"
    "\"rules\":[{\"actions\":[\"approve_decision\",\"close\"],\"fine_min\":50000,"
    "\"measures\":[\"suspend_business\",\"revoke_license\",\"close\"],\"level\":2,"
    "\"basis\":\"《行政处罚法》第五十七条；本地规定：较大数额罚款（五万元以上）、责令停产停业、吊销许可证件、责令关闭由主要负责人审批\"},"
    "{\"actions\":[\"approve_decision\"],\"major\":true,\"level\":2,\"legal\":true,"
    "\"basis\":\"《行政处罚法》第五十七条第二款、第五十八条：重大、复杂案件由主要负责人审批，法制审核机构会签\"}]}";

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int parse_level(const json_t *l, ApprovalLevel *out, ZfError *err)
{
    json_t *n = json_object_get(l, "level");
    const char *code = str(l, "code"), *name = str(l, "name");
    if (!json_is_integer(n) || json_integer_value(n) < 1 || json_integer_value(n) > 9 || !code || !name ||
        strlen(code) >= sizeof out->code || strlen(name) >= sizeof out->name)
        return zf_fail(err, 400, "invalid_policy", "levels", "审批层级应有 level（1–9）、code 和 name");
    out->level = (int)json_integer_value(n);
    snprintf(out->code, sizeof out->code, "%s", code);
    snprintf(out->name, sizeof out->name, "%s", name);
    return ZF_OK;
}

static int parse_rule(const ApprovalPolicy *p, const json_t *r, ApprovalRule *out, ZfError *err)
{
    size_t i;
    json_t *v;
    memset(out, 0, sizeof *out);
    json_array_foreach(json_object_get(r, "actions"), i, v) {
        WfAction a;
        /* the action bits hold the first 32 actions (the penalty ones): the later ones use the default level */
        if (workflow_action_by_code(json_string_value(v), &a) != ZF_OK || a >= 32)
            return zf_fail(err, 400, "invalid_policy", "rules", "审批分级中有无法识别的操作");
        out->actions |= 1u << a;
    }
    json_array_foreach(json_object_get(r, "measures"), i, v) {
        unsigned bit = case_measure_bit(json_string_value(v));
        if (!bit) return zf_fail(err, 400, "invalid_policy", "rules", "审批分级中有无法识别的处罚种类");
        out->measures |= bit;
    }
    json_t *fine = json_object_get(r, "fine_min");
    if (fine && (!json_is_number(fine) || json_number_value(fine) < 0))
        return zf_fail(err, 400, "invalid_policy", "rules", "fine_min 应为不小于 0 的金额（元）");
    out->fine_min_fen = fine ? (int64_t)llround(json_number_value(fine) * 100.0) : 0;
    out->major = json_is_true(json_object_get(r, "major"));
    out->legal = json_is_true(json_object_get(r, "legal"));
    json_t *lv = json_object_get(r, "level");
    out->level = json_is_integer(lv) ? (int)json_integer_value(lv) : p->default_level;
    if (!out->actions || !approval_level_code(p, out->level))
        return zf_fail(err, 400, "invalid_policy", "rules", "每条审批分级须列出操作并使用已定义的层级");
    snprintf(out->basis, sizeof out->basis, "%s", str(r, "basis") ? str(r, "basis") : "");
    return ZF_OK;
}

static int int_in(const json_t *o, const char *k, int lo, int hi, int *out)
{
    json_t *v = json_object_get(o, k);
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) return ZF_ERR;
    *out = (int)json_integer_value(v);
    return ZF_OK;
}

int approval_policy_parse(const char *text, ApprovalPolicy *out, ZfError *err)
{
    json_t *o = text ? json_loads(text, 0, NULL) : NULL;
    int rc = ZF_OK;
    size_t i;
    json_t *v;
    memset(out, 0, sizeof *out);
    if (!json_is_object(o)) {
        json_decref(o);
        return zf_fail(err, 400, "invalid_policy", NULL, "审批分级配置不是 JSON 对象");
    }
    json_t *levels = json_object_get(o, "levels");
    if (!json_is_array(levels) || json_array_size(levels) == 0 || json_array_size(levels) > APPROVAL_MAX_LEVELS)
        rc = zf_fail(err, 400, "invalid_policy", "levels", "审批层级应为 1–%d 项", APPROVAL_MAX_LEVELS);
    json_array_foreach(levels, i, v) {
        if (rc != ZF_OK || (rc = parse_level(v, &out->levels[i], err)) != ZF_OK) break;
        if (i > 0 && out->levels[i].level <= out->levels[i - 1].level)
            rc = zf_fail(err, 400, "invalid_policy", "levels", "审批层级应由低到高排列");
        out->level_count = i + 1;
    }
    if (rc == ZF_OK &&
        (int_in(o, "default_level", 1, 9, &out->default_level) != ZF_OK ||
         int_in(o, "unassigned_head_level", 1, 9, &out->unassigned_head_level) != ZF_OK ||
         int_in(o, "escalate_after_workdays", 1, 60, &out->escalate_after_wd) != ZF_OK ||
         !approval_level_code(out, out->default_level) || !approval_level_code(out, out->unassigned_head_level)))
        rc = zf_fail(err, 400, "invalid_policy", NULL,
                     "default_level、unassigned_head_level 应为已定义的层级，escalate_after_workdays 应为 1–60");
    json_t *rules = json_object_get(o, "rules");
    if (rc == ZF_OK && (!json_is_array(rules) || json_array_size(rules) > APPROVAL_MAX_RULES))
        rc = zf_fail(err, 400, "invalid_policy", "rules", "审批分级规则应为不超过 %d 项的列表", APPROVAL_MAX_RULES);
    json_array_foreach(rules, i, v) {
        if (rc != ZF_OK || (rc = parse_rule(out, v, &out->rules[i], err)) != ZF_OK) break;
        out->rule_count = i + 1;
    }
    json_decref(o);
    return rc;
}

void approval_policy_defaults(ApprovalPolicy *out)
{
    ZfError err;
    if (approval_policy_parse(DEFAULT_POLICY, out, &err) != ZF_OK) abort(); /* the text above is broken */
}

static const ApprovalLevel *level_of(const ApprovalPolicy *p, int level)
{
    for (size_t i = 0; i < p->level_count; i++)
        if (p->levels[i].level == level) return &p->levels[i];
    return NULL;
}

const char *approval_level_name(const ApprovalPolicy *p, int level)
{
    const ApprovalLevel *l = level_of(p, level);
    return l ? l->name : "负责人";
}

const char *approval_level_code(const ApprovalPolicy *p, int level)
{
    const ApprovalLevel *l = level_of(p, level);
    return l ? l->code : NULL;
}

int approval_level_by_code(const ApprovalPolicy *p, const char *code, int *level)
{
    for (size_t i = 0; code && i < p->level_count; i++)
        if (strcmp(p->levels[i].code, code) == 0) {
            *level = p->levels[i].level;
            return ZF_OK;
        }
    return ZF_ERR;
}

WfAction approval_opened_on_entering(WfStage stage)
{
    switch (stage) {
    case WS_FILING: return WA_APPROVE_FILING;
    case WS_DECISION: return WA_APPROVE_DECISION;
    case WS_CLOSING: return WA_CLOSE;
    case WS_CO_REPORT: return WA_CO_APPROVE;
    case WS_EN_DECISION: return WA_EN_DECIDE;
    default: return WF_ACTION_COUNT;
    }
}

static bool rule_applies(const ApprovalRule *r, WfAction a, const CaseState *cs)
{
    if (a >= 32 || !(r->actions & (1u << a))) return false;
    bool conditional = r->fine_min_fen > 0 || r->measures || r->major;
    return !conditional || (r->fine_min_fen > 0 && cs->fine_fen >= r->fine_min_fen) ||
           (r->measures & cs->measures) || (r->major && (cs->major || cs->complex));
}

static ApprovalSlot *find_kind(ApprovalTask *t, ApproverKind kind)
{
    for (size_t i = 0; i < t->slot_count; i++)
        if (t->slots[i].kind == kind) return &t->slots[i];
    return NULL;
}

static ApprovalSlot *add_slot(ApprovalTask *t, ApproverKind kind)
{
    if (t->slot_count == APPROVAL_MAX_SLOTS) return NULL;
    ApprovalSlot *s = &t->slots[t->slot_count++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->signed_on = ZF_DAY_NONE;
    return s;
}

static void unsign(ApprovalSlot *s)
{
    s->signed_by[0] = '\0';
    s->signed_level = 0;
    s->signed_on = ZF_DAY_NONE;
}

void approval_require(ApprovalTask *t, const ApprovalPolicy *p, const CaseState *cs)
{
    int level = p->default_level;
    bool legal = false;
    const char *basis = "";
    for (size_t i = 0; i < p->rule_count; i++) {
        const ApprovalRule *r = &p->rules[i];
        if (!rule_applies(r, t->action, cs)) continue;
        if (r->level > level) level = r->level, basis = r->basis;
        legal = legal || r->legal;
    }
    ApprovalSlot *head = find_kind(t, AK_HEAD);
    if (!head && (head = add_slot(t, AK_HEAD))) head->level = 0;
    if (head && head->level < level) {
        head->level = level;
        snprintf(head->basis, sizeof head->basis, "%s", basis);
        if (head->signed_by[0] && head->signed_level < level) unsign(head);
    }
    ApprovalSlot *rev = find_kind(t, AK_LEGAL);
    if (legal && !rev && (rev = add_slot(t, AK_LEGAL)))
        snprintf(rev->basis, sizeof rev->basis, "%s", "《行政处罚法》第五十八条：法制审核机构会签");
}

void approval_task_init(ApprovalTask *t, const ApprovalPolicy *p, WfAction action, const CaseState *cs,
                        zf_day requested_on, const Calendar *cal)
{
    memset(t, 0, sizeof *t);
    t->action = action;
    t->return_to = WF_STAGE_COUNT;
    t->refused.on = ZF_DAY_NONE;
    t->requested_on = requested_on;
    t->due_on = add_wd(cal, requested_on, p->escalate_after_wd);
    approval_require(t, p, cs);
}

bool approval_signed_by(const ApprovalTask *t, const char *user)
{
    for (size_t i = 0; user && i < t->slot_count; i++)
        if (strcmp(t->slots[i].signed_by, user) == 0) return true;
    return false;
}

size_t approval_signed_count(const ApprovalTask *t)
{
    size_t n = 0;
    for (size_t i = 0; i < t->slot_count; i++) n += t->slots[i].signed_by[0] != '\0';
    return n;
}

bool approval_complete(const ApprovalTask *t)
{
    return t->slot_count > 0 && approval_signed_count(t) == t->slot_count;
}

static bool may_sign(const ApprovalSlot *s, const Approver *who)
{
    if (s->signed_by[0]) return false;
    switch (s->kind) {
    case AK_NAMED: return strcmp(s->user, who->user) == 0;
    case AK_HEAD: return (who->role & WR_AGENCY_HEAD) && who->level >= s->level;
    case AK_LEGAL: return (who->role & WR_LEGAL_REVIEWER) != 0;
    }
    return false;
}

/* The slot he signs: the one naming him first, so a 加签 is not left for someone else. */
static int slot_for(const ApprovalTask *t, const Approver *who)
{
    int any = -1;
    for (size_t i = 0; i < t->slot_count; i++) {
        if (!may_sign(&t->slots[i], who)) continue;
        if (t->slots[i].kind == AK_NAMED) return (int)i;
        if (any < 0) any = (int)i;
    }
    return any;
}

bool approval_awaits(const ApprovalTask *t, const Approver *who)
{
    return !approval_signed_by(t, who->user) && slot_for(t, who) >= 0;
}

/* The slot `who` may sign now, or the refusal that says why he may not (approval_sign's errors). */
static int slot_to_sign(const ApprovalTask *t, const ApprovalPolicy *p, const Approver *who, ZfError *err)
{
    const char *step = workflow_action_name(t->action);
    if (approval_signed_by(t, who->user))
        return zf_fail(err, 409, "already_signed", "action", "您已签署“%s”，等待其他审批人会签", step);
    int at = slot_for(t, who);
    if (at >= 0) return at;
    const ApprovalSlot *head = find_kind((ApprovalTask *)t, AK_HEAD);
    /* a head below the slot's level is told which level it needs */
    if ((who->role & WR_AGENCY_HEAD) && head && !head->signed_by[0])
        return zf_fail(err, 403, "approval_level_too_low", "action", "“%s”须由%s审批，您的审批权限为%s%s%s%s",
                       step, approval_level_name(p, head->level), approval_level_name(p, who->level),
                       head->basis[0] ? "（" : "", head->basis, head->basis[0] ? "）" : "");
    bool has_kind = ((who->role & WR_AGENCY_HEAD) && head) ||
                    ((who->role & WR_LEGAL_REVIEWER) && find_kind((ApprovalTask *)t, AK_LEGAL));
    if (!has_kind)
        return zf_fail(err, 403, "role_not_allowed", "role", "当前角色无权执行“%s”（须机关负责人审批）", step);
    return zf_fail(err, 409, "nothing_to_sign", "action", "“%s”没有等待您签署的审批", step);
}

int approval_sign(ApprovalTask *t, const ApprovalPolicy *p, const Approver *who, zf_day on, ZfError *err)
{
    int at = slot_to_sign(t, p, who, err);
    if (at < 0) return ZF_ERR;
    ApprovalSlot *s = &t->slots[at];
    snprintf(s->signed_by, sizeof s->signed_by, "%s", who->user);
    s->signed_level = who->level;
    s->signed_on = on;
    return ZF_OK;
}

void approval_note_opinion(ApprovalTask *t, const char *user, const char *opinion, const char *at)
{
    for (size_t i = 0; user && i < t->slot_count; i++) {
        ApprovalSlot *s = &t->slots[i];
        if (strcmp(s->signed_by, user) != 0) continue;
        snprintf(s->opinion, sizeof s->opinion, "%s", opinion ? opinion : "");
        snprintf(s->signed_at, sizeof s->signed_at, "%s", at ? at : "");
        return;
    }
}

int approval_refuse(ApprovalTask *t, const ApprovalPolicy *p, const Approver *who, zf_day on, const char *opinion,
                    const char *at, ZfError *err)
{
    if (slot_to_sign(t, p, who, err) < 0) return ZF_ERR;
    if (!opinion || text_blank(opinion))
        return zf_fail(err, 422, "opinion_required", "opinion", "不同意“%s”须填写审批意见（退回理由）",
                       workflow_action_name(t->action));
    if (on < t->requested_on)
        return zf_fail(err, 422, "approval_date_order", "on", "审批日期不能早于提请审批的日期");
    ApprovalRefusal *r = &t->refused;
    snprintf(r->by, sizeof r->by, "%s", who->user);
    r->level = who->level;
    r->on = on;
    snprintf(r->at, sizeof r->at, "%s", at ? at : "");
    snprintf(r->opinion, sizeof r->opinion, "%s", opinion);
    return ZF_OK;
}

WfStage approval_return_stage(const ApprovalTask *t, WfProcedure procedure)
{
    const WfCaseType *type = workflow_case_type(procedure);
    const WfTransition *approval = NULL;
    for (size_t i = 0; i < type->transition_count && !approval; i++)
        if (type->transitions[i].action == t->action && type->transitions[i].approval) approval = &type->transitions[i];
    if (!approval) return type->stages[0].stage;
    int at = workflow_stage_index(type, approval->from), kept = workflow_stage_index(type, t->return_to);
    if (t->return_to != WF_STAGE_COUNT && kept >= 0 && kept < at) return t->return_to;
    for (size_t i = 0; i < type->transition_count; i++)
        if (type->transitions[i].to == approval->from) return type->transitions[i].from;
    return type->stages[0].stage;
}

int approval_check_date(const ApprovalTask *t, zf_day on, ZfError *err)
{
    if (on < t->requested_on)
        return zf_fail(err, 422, "approval_date_order", "on", "签署日期不能早于提请审批的日期");
    for (size_t i = 0; i < t->slot_count; i++)
        if (t->slots[i].signed_by[0] && on < t->slots[i].signed_on)
            return zf_fail(err, 422, "approval_date_order", "on", "签署日期不能早于已有审批人（%s）的签署日期",
                           t->slots[i].signed_by);
    return ZF_OK;
}

static bool on_task(const ApprovalTask *t, const char *user)
{
    for (size_t i = 0; i < t->slot_count; i++)
        if (strcmp(t->slots[i].user, user) == 0) return true;
    return approval_signed_by(t, user);
}

int approval_add(ApprovalTask *t, const Approver *by, const Approver *added, ZfError *err)
{
    if (!approval_signed_by(t, by->user) && !approval_awaits(t, by))
        return zf_fail(err, 403, "role_not_allowed", "approver", "只有本审批的审批人可以加签");
    if (approval_complete(t))
        return zf_fail(err, 409, "invalid_transition", "approver", "审批已完成，不能再加签");
    if (!(added->role & (WR_AGENCY_HEAD | WR_LEGAL_REVIEWER)))
        return zf_fail(err, 422, "invalid_approver", "approver", "加签的审批人应为机关负责人或法制审核人员");
    if (strcmp(by->user, added->user) == 0 || on_task(t, added->user))
        return zf_fail(err, 409, "already_on_task", "approver", "%s 已是本审批的审批人", added->user);
    ApprovalSlot *s = add_slot(t, AK_NAMED);
    if (!s) return zf_fail(err, 422, "too_many_approvers", "approver", "一项审批最多 %d 位审批人", APPROVAL_MAX_SLOTS);
    snprintf(s->user, sizeof s->user, "%s", added->user);
    snprintf(s->added_by, sizeof s->added_by, "%s", by->user);
    s->level = added->level;
    return ZF_OK;
}

static int next_level(const ApprovalPolicy *p, int level)
{
    for (size_t i = 0; i < p->level_count; i++)
        if (p->levels[i].level > level) return p->levels[i].level;
    return 0;
}

bool approval_escalate(ApprovalTask *t, const ApprovalPolicy *p, zf_day today, const Calendar *cal)
{
    if (approval_complete(t) || today <= t->due_on) return false;
    bool raised = false;
    for (size_t i = 0; i < t->slot_count; i++) {
        ApprovalSlot *s = &t->slots[i];
        int up = s->kind == AK_HEAD && !s->signed_by[0] ? next_level(p, s->level) : 0;
        if (up) s->level = up, raised = true;
    }
    if (!raised) return false;
    t->escalations++;
    t->due_on = add_wd(cal, today, p->escalate_after_wd);
    return true;
}

/* ---- JSON ------------------------------------------------------------------------------ */

static const char *const KIND_CODES[] = {[AK_HEAD] = "head", [AK_LEGAL] = "legal", [AK_NAMED] = "named"};

static json_t *day_json(zf_day d)
{
    char t[ZF_DATE_LEN];
    if (d == ZF_DAY_NONE) return json_null();
    date_format(d, t);
    return json_string(t);
}

static zf_day day_of(const json_t *o, const char *k)
{
    zf_day d;
    const char *s = str(o, k);
    return s && date_parse(s, &d) ? d : ZF_DAY_NONE;
}

json_t *approval_task_json(const ApprovalTask *t)
{
    json_t *slots = json_array();
    for (size_t i = 0; i < t->slot_count; i++) {
        const ApprovalSlot *s = &t->slots[i];
        json_array_append_new(slots, json_pack("{s:s, s:i, s:s, s:s, s:s, s:i, s:o, s:s, s:s, s:s}", "kind",
                                               KIND_CODES[s->kind], "level", s->level, "user", s->user, "added_by",
                                               s->added_by, "signed_by", s->signed_by, "signed_level",
                                               s->signed_level, "signed_on", day_json(s->signed_on), "basis",
                                               s->basis, "opinion", s->opinion, "signed_at", s->signed_at));
    }
    const ApprovalRefusal *r = &t->refused;
    json_t *refused = r->by[0] ? json_pack("{s:s, s:i, s:o, s:s, s:s}", "by", r->by, "level", r->level, "on",
                                           day_json(r->on), "at", r->at, "opinion", r->opinion)
                               : json_null();
    const char *back = workflow_stage_code(t->return_to);
    return json_pack("{s:s, s:o, s:o, s:i, s:o, s:o, s:o}", "action", workflow_action_code(t->action),
                     "requested_on", day_json(t->requested_on), "due_on", day_json(t->due_on), "escalations",
                     t->escalations, "slots", slots, "return_to", back ? json_string(back) : json_null(), "refused",
                     refused);
}

static void copy_text(char *out, size_t size, const json_t *o, const char *k)
{
    snprintf(out, size, "%s", str(o, k) ? str(o, k) : "");
}

int approval_task_from_json(const json_t *o, ApprovalTask *t, ZfError *err)
{
    size_t i;
    json_t *v;
    memset(t, 0, sizeof *t);
    json_t *slots = json_object_get(o, "slots");
    if (workflow_action_by_code(str(o, "action"), &t->action) != ZF_OK || !json_is_array(slots) ||
        json_array_size(slots) > APPROVAL_MAX_SLOTS)
        return zf_fail(err, 500, "invalid_task", NULL, "审批任务数据无法读取");
    t->requested_on = day_of(o, "requested_on");
    t->due_on = day_of(o, "due_on");
    t->escalations = (int)json_integer_value(json_object_get(o, "escalations"));
    if (workflow_stage_by_code(str(o, "return_to"), &t->return_to) != ZF_OK) t->return_to = WF_STAGE_COUNT;
    const json_t *r = json_object_get(o, "refused");
    t->refused.on = json_is_object(r) ? day_of(r, "on") : ZF_DAY_NONE;
    if (json_is_object(r)) {
        copy_text(t->refused.by, sizeof t->refused.by, r, "by");
        copy_text(t->refused.at, sizeof t->refused.at, r, "at");
        copy_text(t->refused.opinion, sizeof t->refused.opinion, r, "opinion");
        t->refused.level = (int)json_integer_value(json_object_get(r, "level"));
    }
    json_array_foreach(slots, i, v) {
        ApprovalSlot *s = &t->slots[t->slot_count++];
        const char *kind = str(v, "kind");
        s->kind = kind && strcmp(kind, "legal") == 0 ? AK_LEGAL : kind && strcmp(kind, "named") == 0 ? AK_NAMED : AK_HEAD;
        s->level = (int)json_integer_value(json_object_get(v, "level"));
        copy_text(s->user, sizeof s->user, v, "user");
        copy_text(s->added_by, sizeof s->added_by, v, "added_by");
        copy_text(s->signed_by, sizeof s->signed_by, v, "signed_by");
        copy_text(s->basis, sizeof s->basis, v, "basis");
        s->signed_level = (int)json_integer_value(json_object_get(v, "signed_level"));
        s->signed_on = day_of(v, "signed_on");
        copy_text(s->opinion, sizeof s->opinion, v, "opinion");
        copy_text(s->signed_at, sizeof s->signed_at, v, "signed_at");
    }
    return ZF_OK;
}
