/* See workflow_kinds.h. The record keeps what exchange-v1 names for the kind (inspected_on,
 * result; measure, started_on, approved_on, released_on, extension_days, demand_*, executed_at;
 * received_on, correction_notice_on, accepted_on, decided_on, decision, served_on); the row state
 * keeps the rest (检查通知, 出示证件, 改正期限, 现场笔录, 清单, 本金, 滞纳金 …). */
#include "app/workflow_kinds.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/case_log.h"
#include "app/import.h"
#include "app/inspections.h"
#include "app/workflow_holdings.h"
#include "app/workflow_state.h"
#include "store/attachments.h"
#include "store/findings.h"
#include "store/settings.h"
#include "store/workflow.h"
#include "util/text.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void set_date(json_t *o, const char *field, zf_day d, bool keep)
{
    char t[ZF_DATE_LEN];
    if (keep && json_object_get(o, field)) return;
    date_format(d, t);
    json_object_set_new(o, field, json_string(t));
}

static void set_text(json_t *o, const char *field, const char *v, bool keep)
{
    if (keep && json_object_get(o, field)) return;
    json_object_set_new(o, field, json_string(v));
}

WfProcedure wf_procedure_of(const json_t *rec)
{
    const char *kind = str(rec, "kind"), *proc = str(rec, "procedure"), *measure = str(rec, "measure");
    if (kind && strcmp(kind, "inspection") == 0) return WF_PROC_INSPECTION;
    if (kind && strcmp(kind, "license") == 0) return WF_PROC_LICENSE;
    if (kind && strcmp(kind, "coercion") == 0)
        return measure && strcmp(measure, "enforce") == 0 ? WF_PROC_ENFORCE : WF_PROC_COERCION;
    return proc && strcmp(proc, "simple") == 0 ? WF_PROC_SIMPLE : WF_PROC_ORDINARY;
}

const char *wf_kind_of_case_type(const char *case_type)
{
    static const struct {
        const char *type, *kind;
    } KINDS[] = {{"penalty_ordinary", "penalty"}, {"penalty_simple", "penalty"}, {"inspection", "inspection"},
                 {"coercion", "coercion"},        {"enforcement", "coercion"},   {"license", "license"}};
    for (size_t i = 0; case_type && i < sizeof KINDS / sizeof *KINDS; i++)
        if (strcmp(KINDS[i].type, case_type) == 0) return KINDS[i].kind;
    return NULL;
}

/* The periods (settings of migration 054, each with its basis); the law's values by default. */
void wf_kind_limits(Store *st, WfKindLimits *l)
{
    kind_limits_defaults(l);
    l->inspection_publicity_wd = store_setting_int(st, "inspection_publicity_wd", l->inspection_publicity_wd);
    l->seal_days = store_setting_int(st, "coercion_seal_days", l->seal_days);
    l->seal_extension_days = store_setting_int(st, "coercion_extension_days", l->seal_extension_days);
    l->urgent_report_days = store_setting_int(st, "coercion_urgent_report_days", l->urgent_report_days);
    l->demand_wd = store_setting_int(st, "enforce_demand_wd", l->demand_wd);
    l->license_correction_wd = store_setting_int(st, "license_correction_wd", l->license_correction_wd);
    l->license_decision_wd = store_setting_int(st, "license_decision_wd", l->license_decision_wd);
    l->license_extension_wd = store_setting_int(st, "license_extension_wd", l->license_extension_wd);
    l->license_service_wd = store_setting_int(st, "license_service_wd", l->license_service_wd);
    l->license_publicity_wd = store_setting_int(st, "license_publicity_wd", l->license_publicity_wd);
}

/* Photos and videos kept at 现场检查 (行政处罚法 47: 全过程记录). */
static int onsite_media(Store *st, const char *case_no)
{
    json_t *items, *a;
    ZfError err;
    size_t i;
    int n = 0;
    if (!case_no || store_attachment_list(st, case_no, &items, &err) != ZF_OK) return 0;
    json_array_foreach(items, i, a) {
        const char *stage = str(a, "stage"), *kind = str(a, "kind");
        if (stage && strcmp(stage, "inspection_onsite") == 0 && kind &&
            (strcmp(kind, "photo") == 0 || strcmp(kind, "video") == 0))
            n++;
    }
    json_decref(items);
    return n;
}

/* 冻结 only where a law gives the power (行政强制法 29): the power's name says so. */
static bool power_freezes(Store *st, const char *power)
{
    json_t *p = wf_stored_record(st, REC_POWER, power);
    const char *name = str(p, "name");
    bool yes = name && strstr(name, "冻结");
    json_decref(p);
    return yes;
}

void wf_kind_state_load(Store *st, const json_t *rec, const json_t *state, CaseState *cs)
{
    WfKindState *k = &cs->k;
    wf_kind_limits(st, &k->lim);
    /* 行政检查 */
    k->notice_required = json_is_true(json_object_get(state, "notice_required"));
    k->notice_on = wf_day_of(state, "notice_on");
    k->identity_shown = json_is_true(json_object_get(state, "identity_shown"));
    k->inspected_on = wf_day_of(rec, "inspected_on");
    k->result_on = wf_day_of(state, "result_on");
    k->correction_due_on = wf_day_of(state, "correction_due_on");
    k->corrected_on = wf_day_of(state, "corrected_on");
    k->result_published_on = wf_day_of(state, "result_published_on");
    if (cs->procedure == WF_PROC_INSPECTION) k->media_count = onsite_media(st, str(rec, "case_no"));
    /* 行政强制 */
    snprintf(k->measure, sizeof k->measure, "%s", str(rec, "measure") ? str(rec, "measure") : "");
    if (cs->procedure == WF_PROC_COERCION) k->freeze_allowed = power_freezes(st, str(rec, "power"));
    k->urgent = json_is_true(json_object_get(rec, "urgent"));
    k->approved_on = wf_day_of(rec, "approved_on");
    k->started_on = wf_day_of(rec, "started_on");
    k->released_on = wf_day_of(rec, "released_on");
    k->onsite_record = json_is_true(json_object_get(state, "onsite_record"));
    k->inventory = str(state, "inventory") && !text_blank(str(state, "inventory"));
    k->extensions = (int)json_integer_value(json_object_get(state, "extensions"));
    k->demand_served_on = wf_day_of(rec, "demand_served_on");
    k->demand_due_on = wf_day_of(rec, "demand_due_on");
    k->enforce_decided_on = wf_day_of(rec, "enforce_decided_on");
    if (str(rec, "executed_at") && !datetime_parse(str(rec, "executed_at"), &k->executed_on, &k->executed_minute))
        k->executed_on = ZF_DAY_NONE, k->executed_minute = -1;
    k->principal_fen = wf_fen_of(state, "principal");
    k->late_fee_fen = wf_fen_of(state, "late_fee");
    /* 行政许可 */
    k->received_on = wf_day_of(rec, "received_on");
    k->correction_notice_on = wf_day_of(rec, "correction_notice_on");
    k->accepted_on = wf_day_of(rec, "accepted_on");
    k->hearing_required = json_is_true(json_object_get(state, "hearing_required"));
    const char *outcome = str(json_object_get(rec, "decision"), "outcome");
    k->granted = outcome && strcmp(outcome, "granted") == 0;
    if (cs->procedure == WF_PROC_LICENSE) cs->published_on = wf_day_of(state, "license_published_on");
}

void wf_kind_before(Store *st, const Calendar *cal, WfAction a, json_t *rec, json_t *state, zf_day on)
{
    (void)state;
    switch (a) {
    case WA_CO_URGENT:
        json_object_set_new(rec, "urgent", json_true());
        set_date(rec, "started_on", on, true);
        break;
    case WA_CO_IMPLEMENT: set_date(rec, "started_on", on, true); break;
    case WA_EN_DEMAND: {
        WfKindLimits l;
        wf_kind_limits(st, &l);
        set_date(rec, "demand_served_on", on, true);
        set_date(rec, "demand_due_on", add_wd(cal, wf_day_of(rec, "demand_served_on"), l.demand_wd), true);
        break;
    }
    default: break;
    }
}

static void bump(json_t *state, const char *field)
{
    json_object_set_new(state, field, json_integer(json_integer_value(json_object_get(state, field)) + 1));
}

static void inspection_result(json_t *rec, json_t *state, const char *result, zf_day on)
{
    json_object_set_new(rec, "result", json_string(strcmp(result, "ok") == 0 ? "ok" : "problem"));
    set_text(state, "result", result, false);
    set_date(state, "result_on", on, true);
}

/* 许可法 32: materials not answered within five working days count as accepted on receipt. */
static void licence_accept(Store *st, const Calendar *cal, json_t *rec, zf_day on)
{
    WfKindLimits l;
    wf_kind_limits(st, &l);
    zf_day received = wf_day_of(rec, "received_on");
    bool deemed = !json_object_get(rec, "correction_notice_on") && case_has(received) &&
                  on > add_wd(cal, received, l.license_correction_wd);
    set_date(rec, "accepted_on", deemed ? received : on, false);
}

static void licence_decide(json_t *rec, const char *outcome, zf_day on)
{
    set_date(rec, "decided_on", on, false);
    json_object_set_new(rec, "decision", json_pack("{s:s}", "outcome", outcome));
}

void wf_kind_record_act(Store *st, const Calendar *cal, WfAction a, json_t *rec, json_t *state, zf_day on)
{
    switch (a) {
    case WA_INSP_NOTIFY: set_date(state, "notice_on", on, true); break;
    case WA_INSP_RECORD: set_date(rec, "inspected_on", on, true); break;
    case WA_INSP_PASS: inspection_result(rec, state, "ok", on); break;
    case WA_INSP_ORDER: inspection_result(rec, state, "correct", on); break;
    case WA_INSP_TRANSFER: inspection_result(rec, state, "transfer", on); break;
    case WA_INSP_FOLLOWUP_PASS: set_date(state, "corrected_on", on, true); break;
    case WA_CO_APPROVE: set_date(rec, "approved_on", on, false); break;
    case WA_CO_EXTEND:
    case WA_LI_EXTEND: bump(state, "extensions"); break;
    case WA_CO_RELEASE:
    case WA_CO_HANDOVER:
        set_date(rec, "released_on", on, false);
        set_text(state, "disposition", a == WA_CO_RELEASE ? "release" : "handover", true);
        break;
    case WA_EN_DECIDE: set_date(rec, "enforce_decided_on", on, false); break;
    case WA_LI_CORRECTION: set_date(rec, "correction_notice_on", on, true); break;
    case WA_LI_ACCEPT: licence_accept(st, cal, rec, on); break;
    case WA_LI_GRANT: licence_decide(rec, "granted", on); break;
    case WA_LI_DENY: licence_decide(rec, "denied", on); break;
    case WA_LI_SERVE: set_date(rec, "served_on", on, false); break;
    default: break;
    }
    /* the acts that end a case */
    if (a == WA_INSP_CLOSE || a == WA_CO_RELEASE || a == WA_CO_HANDOVER || a == WA_EN_EXECUTE || a == WA_LI_PUBLISH)
        set_date(rec, "closed_on", on, false);
}

/* ---- 移送立案: the penalty case an inspection opens --------------------------------------- */

static int transfer(const AppContext *cx, json_t *rec, json_t *state, zf_day on, ZfError *err)
{
    const char *power = str(state, "penalty_power");
    if (!power || !*power)
        return zf_fail(err, 400, "missing_field", "penalty_power", "移送立案须选择拟立案查处的处罚事项");
    json_t *p = wf_stored_record(cx->store, REC_POWER, power);
    const char *kind = str(p, "kind");
    bool penalty = kind && strcmp(kind, "penalty") == 0;
    json_decref(p);
    if (!penalty)
        return zf_fail(err, 400, "invalid_field", "penalty_power", "“%s”不是行政处罚事项", power);
    if (!json_object_get(rec, "party") || !json_object_get(rec, "officers"))
        return zf_fail(err, 400, "missing_field", "party", "移送立案须有当事人和执法人员");
    json_t *prec = json_pack("{s:s, s:s, s:s, s:s, s:s, s:O, s:O}", "type", "case", "agency", str(rec, "agency"),
                             "kind", "penalty", "procedure", "ordinary", "power", power, "party",
                             json_object_get(rec, "party"), "officers", json_object_get(rec, "officers"));
    static const char *const carried[] = {"cause", "facts", "evidence", "violation_basis"};
    for (size_t i = 0; i < sizeof carried / sizeof *carried; i++)
        if (json_object_get(rec, carried[i])) json_object_set(prec, carried[i], json_object_get(rec, carried[i]));
    /* found by the inspection: discovered the day it was inspected (P14 counts from it) */
    zf_day found = case_has(wf_day_of(rec, "inspected_on")) ? wf_day_of(rec, "inspected_on") : on;
    set_date(prec, "discovered_on", found, false);
    json_t *pstate = json_pack("{s:s}", "source_inspection", str(rec, "case_no"));
    char note[400], case_no[96];
    snprintf(note, sizeof note, "行政检查 %s 发现违法行为，移送立案", str(rec, "case_no"));
    int rc = wf_open_case(cx, "penalty_ordinary", prec, pstate, note, case_no, err);
    json_decref(prec);
    json_decref(pstate);
    if (rc == ZF_OK) json_object_set_new(state, "transferred_case", json_string(case_no));
    return rc;
}

int wf_kind_after_act(const AppContext *cx, WfAction a, json_t *rec, json_t *state, zf_day on, ZfError *err)
{
    if (a == WA_INSP_TRANSFER && !json_object_get(state, "transferred_case") && transfer(cx, rec, state, on, err) != ZF_OK)
        return ZF_ERR;
    /* the result goes back to the plan item or joint plan the inspection is the task of */
    if (a == WA_INSP_PASS || a == WA_INSP_ORDER || a == WA_INSP_TRANSFER) return app_insp_task_result(cx, rec, state, on, err);
    return ZF_OK;
}

/* ---- opening a case -------------------------------------------------------------------- */

static const char *number_prefix(WfProcedure p)
{
    switch (p) {
    case WF_PROC_INSPECTION: return "检查";
    case WF_PROC_COERCION: return "强制";
    case WF_PROC_ENFORCE: return "执行";
    case WF_PROC_LICENSE: return "许可";
    default: return "线索";
    }
}

/* The next provisional number <prefix>-<agency>-<seq> no stored case carries. */
static int next_free_no(Store *st, const char *agency, WfProcedure p, char case_no[96], ZfError *err)
{
    for (int tries = 0; tries < 1000; tries++) {
        long seq;
        char *body;
        if (store_workflow_next_seq(st, agency, 0, &seq, err) != ZF_OK) return ZF_ERR;
        snprintf(case_no, 96, "%s-%s-%ld", number_prefix(p), agency, seq);
        if (store_record_get(st, REC_CASE, case_no, &body, err) != ZF_OK) return err->status == 404 ? ZF_OK : ZF_ERR;
        free(body);
    }
    return zf_fail(err, 409, "case_no_exhausted", NULL, "无法分配案件编号，请联系系统管理员");
}

/* The power must be of the case's kind: an inspection rests on an inspection power. */
static int power_of_kind(Store *st, const json_t *rec, ZfError *err)
{
    json_t *p = wf_stored_record(st, REC_POWER, str(rec, "power"));
    const char *kind = str(p, "kind"), *want = str(rec, "kind");
    bool ok = !p || (kind && want && strcmp(kind, want) == 0);
    json_decref(p);
    return ok ? ZF_OK
              : zf_fail(err, 400, "invalid_field", "power", "职权事项“%s”与案件类型不符", str(rec, "power"));
}

int wf_open_case(const AppContext *cx, const char *case_type, json_t *rec, json_t *state, const char *note,
                 char case_no[96], ZfError *err)
{
    WfProcedure proc;
    const WfCaseType *type = workflow_case_type_by_code(case_type, &proc);
    if (!type) return zf_fail(err, 400, "invalid_field", "case_type", "无法识别的案件类型");
    const char *agency = str(rec, "agency");
    if (!agency || power_of_kind(cx->store, rec, err) != ZF_OK) return ZF_ERR;
    if (next_free_no(cx->store, agency, proc, case_no, err) != ZF_OK) return ZF_ERR;
    json_object_set_new(rec, "case_no", json_string(case_no));
    if (wf_case_validate(cx->store, rec, err) != ZF_OK) return ZF_ERR;
    const char *stage = workflow_stage_code(type->stages[0].stage);
    json_t *officers = json_object_get(rec, "officers");
    json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:O, s:O, s:n, s:s}", "case_no", case_no, "agency", agency,
                            "case_type", case_type, "stage", stage, "state", state, "assignees",
                            officers ? officers : json_array(), "doc_no", "created_by", cx->user->username);
    int rc = app_workflow_put(cx->store, row, err) == ZF_OK &&
                     app_timeline_add(cx->store, case_no, cx->user->username, "file", NULL, stage, note, err) == ZF_OK &&
                     import_one_record_in(cx->store, rec, err) == ZF_OK
                 ? ZF_OK
                 : ZF_ERR;
    json_decref(row);
    return rc;
}
