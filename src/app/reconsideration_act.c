/* 行政复议: the steps after registration (docs/reconsideration.md). The table of who takes which
 * step from which status is domain/recon_flow.c; this file checks scope and side against what is
 * stored, applies what the law refuses (with the article), records the step on the row and its
 * timeline in one transaction, and sends the correcting decisions back into supervision. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "app/leads.h"
#include "app/logged_row.h"
#include "app/outcome_leads.h"
#include "app/reconsideration.h"
#include "app/reconsideration_log.h"
#include "app/reconsideration_opinion.h"
#include "app/reconsideration_periods.h"
#include "app/recon_delivery.h"
#include "app/recon_documents.h"
#include "domain/recon_flow.h"
#include "store/findings.h"
#include "util/log.h"
#include "util/text.h"

#define NOTE_MAX_BYTES 6000
#define ITEMS_MAX 50

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static const char *user_name(const AppContext *cx) { return cx->user ? cx->user->username : "system"; }

typedef struct {
    const AppContext *cx;
    const json_t *in;
    const ReconActionDef *def;
    zf_day on;
    char on_text[ZF_DATE_LEN];
    json_t *row, *body;
    char from[32]; /* a copy: the row's status is replaced before the timeline is written */
    char note[1200];
} Step;

static bool may(const AppContext *cx, const char *perm)
{
    return !cx->user || store_role_has_perm(cx->store, cx->user->role, perm);
}

bool recon_may_take(const AppContext *cx, const json_t *row, const ReconActionDef *def)
{
    if (!cx->user) return true;
    bool organ = cx->scope.kind == SCOPE_REGION;
    bool respondent = cx->scope.kind == SCOPE_AGENCY && strcmp(cx->scope.agency, str(row, "respondent")) == 0;
    return (def->side == RECON_SIDE_ORGAN && organ && may(cx, "reconsideration.handle")) ||
           (def->side == RECON_SIDE_HEAD && organ && may(cx, "reconsideration.approve")) ||
           (def->side == RECON_SIDE_RESPONDENT && respondent && may(cx, "reconsideration.answer"));
}

/* The side the step needs, against the caller's role and scope as stored. */
static int check_side(const Step *s, ZfError *err)
{
    if (recon_may_take(s->cx, s->row, s->def)) return ZF_OK;
    if (s->def->side == RECON_SIDE_HEAD)
        return zf_fail(err, 403, "side_not_allowed", NULL, "延长审理期限须经行政复议机构负责人批准（第六十二条）");
    return zf_fail(err, 403, "side_not_allowed", NULL, "当前用户不能办理该行政复议步骤");
}

static int check_date(Step *s, ZfError *err)
{
    const char *on = str(s->in, "on");
    s->on = s->cx->today;
    if (on && !date_parse(on, &s->on)) return zf_fail(err, 400, "invalid_date", "on", "日期格式应为 YYYY-MM-DD");
    date_format(s->on, s->on_text);
    if (s->on > s->cx->today) return zf_fail(err, 422, "invalid_date", "on", "日期不能晚于今天");
    const char *last = str(s->body, "last_act_on") ? str(s->body, "last_act_on") : str(s->row, "received_on");
    if (last && strcmp(s->on_text, last) < 0)
        return zf_fail(err, 422, "invalid_date", "on", "日期不能早于上一步骤的日期（%s）", last);
    return ZF_OK;
}

static int note_of(Step *s, bool required, const char *label, ZfError *err)
{
    const char *note = str(s->in, "note");
    if (note && (strlen(note) > NOTE_MAX_BYTES || !text_utf8_valid(note, strlen(note))))
        return zf_fail(err, 400, "too_long", "note", "%s不能超过 2000 字", label);
    if (required && text_blank(note)) return zf_fail(err, 422, "missing_field", "note", "请填写%s", label);
    snprintf(s->note, sizeof s->note, "%s", note ? note : "");
    return ZF_OK;
}

static json_t *dated(const Step *s)
{
    return json_pack("{s:s, s:s, s:s}", "on", s->on_text, "by", user_name(s->cx), "note", s->note);
}

static void push(json_t *body, const char *list, json_t *item)
{
    if (!json_is_array(json_object_get(body, list))) json_object_set_new(body, list, json_array());
    json_array_append_new(json_object_get(body, list), item);
}

/* ---- each step's own rule and record ---- */

/* 第三十一条: once, listing every item. */
static int notice_correction(Step *s, ZfError *err)
{
    const json_t *items = json_object_get(s->in, "items");
    size_t i;
    json_t *v;
    if (!json_is_array(items) || json_array_size(items) == 0 || json_array_size(items) > ITEMS_MAX)
        return zf_fail(err, 422, "missing_field", "items", "补正通知应当一次性载明需要补正的事项（第三十一条）");
    json_array_foreach(items, i, v)
        if (!json_is_string(v) || text_blank(json_string_value(v)) || strlen(json_string_value(v)) > 600)
            return zf_fail(err, 400, "invalid_field", "items", "第 %zu 项补正事项格式不正确", i + 1);
    json_t *c = dated(s);
    json_object_set(c, "items", (json_t *)items);
    json_object_set_new(s->body, "correction", c);
    snprintf(s->note + strlen(s->note), sizeof s->note - strlen(s->note), "%s需补正 %zu 项", s->note[0] ? "；" : "",
             json_array_size(items));
    return ZF_OK;
}

/* 第二十条: a late application is accepted only with the reason the period stopped. */
static int accept(Step *s, ZfError *err)
{
    const char *why = str(s->in, "delay_reason");
    if (json_is_true(json_object_get(s->body, "late"))) {
        if (text_blank(why))
            return zf_fail(err, 422, "application_late", "delay_reason",
                           "申请已超过法定申请期限（第二十条第一款），受理须写明耽误期限的正当理由（第二十条第二款）");
        if (strlen(why) > NOTE_MAX_BYTES) return zf_fail(err, 400, "too_long", "delay_reason", "理由不能超过 2000 字");
        json_object_set_new(s->body, "delay_reason", json_string(why));
    }
    json_object_set_new(s->row, "accepted_on", json_string(s->on_text));
    return ZF_OK;
}

static int reject(Step *s, ZfError *err)
{
    const char *reason = str(s->in, "reason");
    if (!recon_reject_reason(reason))
        return zf_fail(err, 400, "invalid_field", "reason", "请选择不予受理的理由（第三十条第一款）");
    json_object_set_new(s->row, "reject_reason", json_string(reason));
    json_object_set_new(s->body, "rejection", dated(s));
    snprintf(s->note + strlen(s->note), sizeof s->note - strlen(s->note), "%s%s", s->note[0] ? "；" : "",
             recon_reject_reason(reason));
    return ZF_OK;
}

static int suspend(Step *s, ZfError *err)
{
    json_t *r = json_object_get(s->in, "reason");
    int n = json_is_integer(r) ? (int)json_integer_value(r) : 0;
    if (!recon_suspend_reason(n))
        return zf_fail(err, 422, "invalid_reason", "reason", "中止须是第三十九条第一款规定的情形之一（第一项至第十项）");
    json_t *susp = dated(s);
    json_object_set_new(susp, "reason", json_integer(n));
    json_object_set_new(susp, "reason_text", json_string(recon_suspend_reason(n)));
    json_object_set_new(susp, "prior_status", json_string(s->from));
    json_object_set_new(s->body, "suspension", susp);
    snprintf(s->note + strlen(s->note), sizeof s->note - strlen(s->note), "%s第三十九条第一款第%d项：%s",
             s->note[0] ? "；" : "", n, recon_suspend_reason(n));
    return ZF_OK;
}

/* The suspended days are resume − suspend; the clock of 第六十二条 runs again. */
static int resume(Step *s, ZfError *err)
{
    (void)err;
    json_t *susp = json_object_get(s->body, "suspension");
    zf_day since;
    if (!str(susp, "on") || !date_parse(str(susp, "on"), &since)) since = s->on;
    int days = (int)(s->on - since);
    json_object_set_new(s->body, "suspended_days",
                        json_integer(json_integer_value(json_object_get(s->body, "suspended_days")) + days));
    json_object_set_new(susp, "resumed_on", json_string(s->on_text));
    json_object_set_new(susp, "days", json_integer(days));
    push(s->body, "suspensions", json_incref(susp));
    json_object_del(s->body, "suspension");
    snprintf(s->note + strlen(s->note), sizeof s->note - strlen(s->note), "%s中止 %d 日", s->note[0] ? "；" : "", days);
    return ZF_OK;
}

/* 第六十二条: the head's approval, at most 30 days in all, written notice; ordinary procedure only. */
static int extend(Step *s, ZfError *err)
{
    ReconPeriods p;
    json_t *d = json_object_get(s->in, "days");
    int so_far = (int)json_integer_value(json_object_get(s->body, "extension_days"));
    if (!json_is_integer(d) || json_integer_value(d) < 1 || json_integer_value(d) > 365)
        return zf_fail(err, 400, "invalid_field", "days", "延长天数应为正整数");
    if (strcmp(str(s->row, "procedure"), "simple") == 0)
        return zf_fail(err, 422, "extension_refused", "days",
                       "简易程序案件应当在三十日内作出决定，不能延期；情况复杂的应转为普通程序（第五十五条、第六十二条第二款）");
    recon_periods_load(s->cx->store, &p);
    int days = (int)json_integer_value(d);
    if (!recon_extension_allowed(&p, so_far, days))
        return zf_fail(err, 422, "extension_refused", "days", "延长期限最多不得超过三十日（第六十二条第一款），已延长 %d 日",
                       so_far);
    json_object_set_new(s->body, "extension_days", json_integer(so_far + days));
    json_t *e = dated(s);
    json_object_set_new(e, "days", json_integer(days));
    push(s->body, "extensions", e);
    snprintf(s->note + strlen(s->note), sizeof s->note - strlen(s->note), "%s经负责人批准延长 %d 日", s->note[0] ? "；" : "",
             days);
    return ZF_OK;
}

/* The presiding officer is not the 承办人 (回避). */
static int hearing(Step *s, ZfError *err)
{
    const char *presiding = str(s->in, "presiding");
    if (presiding && strlen(presiding) > 100) return zf_fail(err, 400, "too_long", "presiding", "主持人姓名过长");
    if (presiding && strcmp(presiding, str(s->row, "created_by")) == 0)
        return zf_fail(err, 422, "presiding_involved", "presiding", "听证主持人不能是本案承办人（回避）");
    json_t *h = dated(s);
    if (presiding) json_object_set_new(h, "presiding", json_string(presiding));
    push(s->body, "hearings", h);
    return ZF_OK;
}

static int answer(Step *s, ZfError *err)
{
    (void)err;
    json_object_set_new(s->body, "answer", dated(s));
    return ZF_OK;
}

static int send_copy(Step *s, ZfError *err)
{
    (void)err;
    json_object_set_new(s->body, "copy_sent_on", json_string(s->on_text));
    return ZF_OK;
}

static int correction_received(Step *s, ZfError *err)
{
    (void)err;
    json_object_set_new(s->body, "corrected_on", json_string(s->on_text));
    return ZF_OK;
}

/* ---- back into supervision ---- */

static int load_case(Store *st, const char *case_no, json_t **rec, ZfError *err)
{
    char *text;
    if (store_record_get(st, REC_CASE, case_no, &text, err) != ZF_OK) return ZF_ERR;
    *rec = json_loads(text, 0, NULL);
    free(text);
    return *rec ? ZF_OK : zf_fail(err, 500, "internal", NULL, "案件记录无法读取");
}

/* The case's revocation (the rollups count it as reconsidered/overturned) and the lead for the
 * respondent's supervisors: "在行政复议中发现的执法问题线索，直接转入行政执法监督程序" (第七十六条). */
static int mark_case(Step *s, const char *kind, ZfError *err)
{
    const char *case_no = str(s->row, "linked_case_no");
    json_t *rec;
    char reason[1600], ref[300], content[3000];
    if (!case_no || !kind) return ZF_OK;
    if (load_case(s->cx->store, case_no, &rec, err) != ZF_OK) return ZF_ERR;
    snprintf(reason, sizeof reason, "行政复议决定（%s）%s", str(s->row, "case_no"), s->note);
    json_object_set_new(rec, "revocation",
                        json_pack("{s:s, s:s, s:s, s:s}", "kind", kind, "by", "review", "on", s->on_text, "reason", reason));
    int rc = import_one_record_in(s->cx->store, rec, err);
    json_decref(rec);
    if (rc != ZF_OK) return ZF_ERR;
    AppContext system = *s->cx;
    system.user = NULL; /* the system files it: the organ's officer is not its author */
    outcome_lead_ref(case_no, "review", ref, sizeof ref);
    snprintf(content, sizeof content, "行政复议案件 %s：被申请人作出的行政行为（案件 %s）被%s。%s", str(s->row, "case_no"),
             case_no, recon_outcome_name(str(s->row, "outcome")), s->note);
    LeadInput in = {.source = "reconsideration", .source_ref = ref, .content = content,
                    .agency = str(s->row, "respondent"), .case_no = case_no,
                    .category = "行政复议决定撤销、变更或确认违法"};
    long long lead = 0;
    bool created = false;
    if (app_lead_create_in(&system, &in, &lead, &created, err) != ZF_OK) return ZF_ERR;
    json_object_set_new(s->body, "lead_id", json_integer(lead));
    snprintf(s->note + strlen(s->note), sizeof s->note - strlen(s->note), "%s已标记案件 %s 并转监督线索 %lld",
             s->note[0] ? "；" : "", case_no, lead);
    return ZF_OK;
}

static int decide(Step *s, ZfError *err)
{
    const char *outcome = str(s->in, "outcome");
    if (!recon_outcome_name(outcome))
        return zf_fail(err, 400, "invalid_field", "outcome", "请选择复议决定的种类（维持、撤销、变更、确认违法、责令履行或驳回）");
    json_object_set_new(s->row, "outcome", json_string(outcome));
    json_object_set_new(s->row, "decided_on", json_string(s->on_text));
    json_t *d = dated(s);
    json_object_set_new(d, "outcome", json_string(outcome));
    json_object_set_new(s->body, "decision", d);
    return mark_case(s, recon_outcome_revocation(outcome), err);
}

static int mediate(Step *s, ZfError *err)
{
    json_object_set_new(s->body, "mediation", dated(s));
    (void)err;
    return ZF_OK;
}

static int close_case(Step *s, ZfError *err)
{
    (void)err;
    json_object_set_new(s->body, "closed_on", json_string(s->on_text));
    return ZF_OK;
}

/* 第七十六条: the 意见书 and its correction report (app/reconsideration_opinion.c). */
static int opinion_step(Step *s, ZfError *err)
{
    return recon_opinion_step(s->cx, s->def->code, s->in, s->on_text, s->row, s->note, sizeof s->note, err);
}

typedef struct {
    const char *action;
    int (*fn)(Step *s, ZfError *err);
    bool note_required;
    const char *note_label;
} StepRule;

static const StepRule RULES[] = {
    {"notice_correction", notice_correction, false, "补正说明"},
    {"correction_received", correction_received, false, "说明"},
    {"accept", accept, false, "说明"},
    {"reject", reject, false, "不予受理的说明"},
    {"send_copy", send_copy, false, "说明"},
    {"answer", answer, true, "书面答复内容"},
    {"suspend", suspend, false, "说明"},
    {"resume", resume, false, "说明"},
    {"extend", extend, false, "延期理由"},
    {"hearing", hearing, true, "听证笔录摘要"},
    {"mediate", mediate, true, "调解（和解）协议内容"},
    {"decide", decide, false, "决定理由"},
    {"close", close_case, false, "说明"},
    {"opinion", opinion_step, false, "意见书内容"},
    {"opinion_report", opinion_step, false, "纠正情况"},
    {"opinion_accept", opinion_step, false, "审查意见"},
    {"opinion_return", opinion_step, false, "退回理由"},
    {NULL, NULL, false, NULL}};

static const StepRule *rule_of(const char *action)
{
    for (const StepRule *r = RULES; r->action; r++)
        if (strcmp(r->action, action) == 0) return r;
    return NULL;
}

/* 409 unless the status allows the step; a second 补正 notice is the law's refusal (422) first. */
static int check_status(const Step *s, ZfError *err)
{
    if (strcmp(s->def->code, "notice_correction") == 0 && json_object_get(s->body, "correction") &&
        recon_action_allowed_from(s->def, s->from))
        return zf_fail(err, 422, "correction_once", "action", "补正通知只能发出一次，应当一次性载明需要补正的事项（第三十一条第一款）");
    if (recon_action_allowed_from(s->def, s->from) && !recon_opinion_step_open(s->row, s->def->code))
        return zf_fail(err, 409, "invalid_transition", "action", "行政复议意见书及其纠正情况报告当前不能%s", s->def->name);
    if (recon_action_allowed_from(s->def, s->from)) return ZF_OK;
    return zf_fail(err, 409, "invalid_transition", "action", "案件当前状态（%s）不能%s", recon_status_name(s->from),
                   s->def->name);
}

static int act_in(Step *s, ZfError *err)
{
    const StepRule *rule = rule_of(s->def->code);
    const char *prior = str(json_object_get(s->body, "suspension"), "prior_status");
    int rc = check_side(s, err);
    if (rc == ZF_OK) rc = check_status(s, err);
    if (rc == ZF_OK) rc = check_date(s, err);
    if (rc == ZF_OK) rc = note_of(s, rule->note_required, rule->note_label, err);
    const char *to = recon_action_target(s->def, s->from, prior ? prior : "accepted");
    char to_status[32];
    snprintf(to_status, sizeof to_status, "%s", to);
    if (rc == ZF_OK) rc = rule->fn(s, err);
    if (rc != ZF_OK) return ZF_ERR;
    char now[32];
    app_utc_now(now);
    json_object_set_new(s->row, "status", json_string(to_status));
    json_object_set_new(s->row, "updated_at", json_string(now));
    json_object_set_new(s->body, "last_act_on", json_string(s->on_text));
    if (recon_documents_call_for(s->cx, s->row, s->def->code, s->on_text, err) != ZF_OK) return ZF_ERR;
    if (app_recon_put(s->cx->store, s->row, err) != ZF_OK) return ZF_ERR;
    ReconTimelineRow t = {json_integer_value(json_object_get(s->row, "id")), NULL, s->on_text, user_name(s->cx),
                          s->def->code, s->from, to_status, s->note};
    return app_recon_timeline_add(s->cx->store, &t, err);
}

int app_recon_act(const AppContext *cx, long long id, const json_t *body, json_t **record, ZfError *err)
{
    Step s = {.cx = cx, .in = body};
    if (!json_is_object(body)) return zf_fail(err, 400, "invalid_body", NULL, "请求内容应为对象");
    s.def = recon_action(str(body, "action"));
    if (!s.def) return zf_fail(err, 400, "invalid_field", "action", "操作不正确");
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_recon_get(cx->store, id, &s.row, err);
    if (rc == ZF_OK && !recon_visible(cx, s.row)) rc = zf_fail(err, 404, "not_found", NULL, "行政复议案件不存在");
    if (rc == ZF_OK) {
        s.body = json_object_get(s.row, "body");
        snprintf(s.from, sizeof s.from, "%s", str(s.row, "status") ? str(s.row, "status") : "");
        rc = act_in(&s, err);
    }
    json_decref(s.row);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    if (rc != ZF_OK) return ZF_ERR;
    app_recon_documents_due(cx, id);
    json_t *sent;
    ZfError why;
    if (app_recon_deliveries_due(cx, id, &sent, &why) != ZF_OK) /* the step stands; the next step tries again */
        log_error("recon_delivery", "reconsideration %lld: %s", id, why.message);
    if (recon_get_written(cx, id, record, err) != ZF_OK) return json_decref(sent), ZF_ERR;
    json_object_set_new(*record, "deliveries_sent", sent);
    return ZF_OK;
}
