/* /api/v1/workflow/cases: online case handling (mode 3). The case is an exchange-v1 record
 * stored through the import path (validation, ledger event) and re-checked by the rules at
 * once, exactly like a form entry; the workflow row holds the stage and what the record has no
 * field for. Every step is checked by the pure workflow core before anything is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/case_timeline.h"
#include "api/intake_common.h"
#include "api/params.h"
#include "app/workflow_approver.h"
#include "api/workflow_cases.h"
#include "app/case_log.h"
#include "app/workflow_holdings.h"
#include "app/workflow_doc_no.h"
#include "app/workflow_discretion.h"
#include "app/workflow_state.h"
#include "app/workflow_step.h"
#include "domain/workflow/deadlines.h"
#include "http/auth.h"
#include "app/import.h"
#include "app/sweep.h"
#include "store/findings.h"
#include "store/workflow.h"
#include "store/workflow_kinds.h"


static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* After the step's transaction committed: the rules look at the changed case at once. */
static void recheck_case(HttpRequest *req, const char *case_no)
{
    ChangedSet t = {0};
    changed_note(&t, REC_CASE, case_no);
    changed_recheck(req->store, req->calendar, req->today, &t);
}


static json_t *deadlines_json(const CaseState *cs, zf_day today, const Calendar *cal, const RuleConfig *cfg,
                              json_t **next)
{
    Deadline dl[WF_MAX_DEADLINES];
    size_t n = workflow_deadlines(cs, today, cal, cfg, dl, WF_MAX_DEADLINES);
    const Deadline *first = workflow_next_deadline(dl, n);
    json_t *a = json_array();
    *next = json_null();
    for (size_t i = 0; i < n; i++) {
        char due[ZF_DATE_LEN], done[ZF_DATE_LEN];
        date_format(dl[i].due, due);
        if (case_has(dl[i].done_on)) date_format(dl[i].done_on, done);
        json_t *d = json_pack("{s:s, s:s, s:s, s:s*, s:i, s:s}", "name", dl[i].name, "article", dl[i].article,
                              "due", due, "done_on", case_has(dl[i].done_on) ? done : NULL, "days_left",
                              dl[i].days_left, "colour", deadline_colour_code(dl[i].colour));
        if (&dl[i] == first) {
            json_decref(*next);
            *next = json_deep_copy(d);
        }
        json_array_append_new(a, d);
    }
    return a;
}

/* The steps this user may try from the current stage; the gates are checked when tried, so a
 * refused step answers with its article instead of silently missing. */
static json_t *actions_json(const CaseState *cs, WfRole role, const ApprovalTask *task, const Approver *me)
{
    const WfCaseType *type = workflow_case_type(cs->procedure);
    json_t *a = json_array();
    if (cs->stage == WS_CLOSED) return a;
    for (size_t i = 0; i < type->transition_count; i++) {
        const WfTransition *t = &type->transitions[i];
        bool signer = t->approval && task && task->action == t->action && approval_awaits(task, me);
        if (t->from != cs->stage || (!(t->roles & (unsigned)role) && !signer)) continue;
        json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:s, s:s}", "action", workflow_action_code(t->action),
                                           "name", workflow_action_name(t->action), "approval", t->approval,
                                           "to", workflow_stage_code(t->to), "to_name",
                                           workflow_stage_name(t->to)));
    }
    json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "action", "record", "name", "登记办理信息",
                                       "approval", false));
    if (task && (approval_awaits(task, me) || approval_signed_by(task, me->user)))
        json_array_append_new(a, json_pack("{s:s, s:s, s:b}", "action", "add_approver", "name", "加签", "approval",
                                           false));
    int idx = workflow_stage_index(type, cs->stage);
    if ((role & (WR_AGENCY_HEAD | WR_LEGAL_REVIEWER)) && idx > 0) {
        json_t *targets = json_array();
        for (int i = 0; i < idx; i++)
            json_array_append_new(targets, json_pack("{s:s, s:s}", "stage", type->stages[i].code, "name",
                                                     type->stages[i].name));
        json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:o}", "action", "send_back", "name", "退回",
                                           "approval", false, "targets", targets));
    }
    return a;
}

static int workflow_view(HttpRequest *req, const json_t *rec, const json_t *row, json_t **out, ZfError *err)
{
    CaseState cs;
    RuleConfig cfg;
    ApprovalPolicy policy;
    Approver me;
    ApprovalRow task;
    if (wf_state_build(req->store, rec, row, &cs, err) != ZF_OK || sweep_load_config(req->store, &cfg, err) != ZF_OK ||
        store_approval_policy(req->store, &policy, err) != ZF_OK || wf_approver_of(req->store, req->auth, &policy, &me, err) != ZF_OK)
        return ZF_ERR;
    bool pending = store_approval_pending(req->store, str(row, "case_no"), &task, err) == ZF_OK;
    if (!pending && err->status != 404) return ZF_ERR;
    json_t *next, *timeline;
    if (store_workflow_timeline(req->store, str(row, "case_no"), &timeline, err) != ZF_OK) return ZF_ERR;
    api_timeline_name(timeline);
    json_t *dl = deadlines_json(&cs, req->today, req->calendar, &cfg, &next);
    json_t *wf = json_pack("{s:s, s:s, s:s, s:O, s:O, s:O, s:o, s:o, s:o, s:o, s:o}", "case_type", str(row, "case_type"),
                           "stage", workflow_stage_code(cs.stage), "stage_name", workflow_stage_name(cs.stage),
                           "doc_no", json_object_get(row, "doc_no"), "state", json_object_get(row, "state"),
                           "created_by", json_object_get(row, "created_by"), "actions",
                           actions_json(&cs, wf_role_of(req->auth), pending ? &task.task : NULL, &me), "deadlines", dl,
                           "next_deadline", next, "approval",
                           pending ? wf_approval_json(&task, &policy, &me) : json_null(), "approvers",
                           wf_approvers_json(req->store, req->auth, &policy));
    *out = json_pack("{s:O, s:o, s:o}", "case", rec, "workflow", wf, "timeline", timeline);
    return ZF_OK;
}


static int reply_view(HttpRequest *req, int status, const json_t *rec, const json_t *row)
{
    json_t *out;
    ZfError err;
    if (workflow_view(req, rec, row, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, status, out);
}

/* ---- POST /workflow/cases: 线索登记 ---------------------------------------------------- */

static int build_new_record(HttpRequest *req, const json_t *body, bool simple, zf_day today, json_t **out,
                            ZfError *err)
{
    json_t *rec = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "case", "case_no", "线索-待编号", "agency",
                            req->auth->agency, "kind", "penalty", "procedure", simple ? "simple" : "ordinary");
    const char *power = str(body, "power");
    if (!power || !*power) {
        json_decref(rec);
        return zf_fail(err, 400, "missing_field", "power", "请选择职权事项");
    }
    json_object_set_new(rec, "power", json_string(power));
    json_t *party = json_object_get(body, "party");
    if (!json_is_object(party) || !str(party, "name") || !*str(party, "name")) {
        json_decref(rec);
        return zf_fail(err, 400, "missing_field", "party", "请填写当事人");
    }
    json_object_set(rec, "party", party);
    json_t *officers = json_object_get(body, "officers");
    if (officers) json_object_set(rec, "officers", officers);
    json_t *facts = json_object();
    static const char *const carried[] = {"discovered_on", "violation_ended_on", "major", "complex",
                                          "health_or_finance", "cause", "facts", "evidence",
                                          "violation_basis", "penalty_basis", "defense"};
    for (size_t i = 0; i < sizeof carried / sizeof *carried; i++)
        if (json_object_get(body, carried[i])) json_object_set(facts, carried[i], json_object_get(body, carried[i]));
    json_t *state = json_object();
    int rc = wf_fields_apply(facts, rec, state, today, req->auth->username, err);
    json_decref(facts);
    json_decref(state);
    if (rc == ZF_OK && !json_object_get(rec, "discovered_on")) {
        char t[ZF_DATE_LEN];
        date_format(today, t);
        json_object_set_new(rec, "discovered_on", json_string(t));
    }
    if (rc == ZF_OK) rc = wf_case_validate(req->store, rec, err);
    if (rc != ZF_OK) {
        json_decref(rec);
        return ZF_ERR;
    }
    *out = rec;
    return ZF_OK;
}

/* The next provisional number 线索-<agency>-<seq> that no stored case carries: the numbers are
 * predictable, and one entered by form or upload must not be taken over by a new online case. */
static int next_free_clue_no(HttpRequest *req, char *case_no, size_t size, ZfError *err)
{
    for (int tries = 0; tries < 1000; tries++) {
        long seq;
        char *body;
        if (store_workflow_next_seq(req->store, req->auth->agency, 0, &seq, err) != ZF_OK) return ZF_ERR;
        snprintf(case_no, size, "线索-%s-%ld", req->auth->agency, seq);
        if (store_record_get(req->store, REC_CASE, case_no, &body, err) != ZF_OK) return err->status == 404 ? ZF_OK : ZF_ERR;
        free(body);
    }
    return zf_fail(err, 409, "case_no_exhausted", NULL, "无法分配线索编号，请联系系统管理员");
}

int api_workflow_cases_create(HttpRequest *req)
{
    if (!req->auth || !req->auth->agency[0])
        return http_reply_error(req, 403, "forbidden", "agency", "本账号不属于执法机关，不能办理案件");
    json_t *body = http_body_json(req);
    if (!body) return 0;
    const char *type = str(body, "case_type");
    ZfError err;
    json_t *rec = NULL, *row = NULL;
    int rc;
    if (type && workflow_case_type_by_code(type, NULL) && strncmp(type, "penalty_", 8) != 0) {
        rc = api_workflow_kind_create(req, body, type); /* inspections.c */
        goto done;
    }
    if (!type || (strcmp(type, "penalty_ordinary") != 0 && strcmp(type, "penalty_simple") != 0)) {
        rc = http_reply_error(req, 400, "invalid_field", "case_type",
                              "案件类型应为行政处罚（普通程序、简易程序）、行政检查、行政强制措施、行政强制执行或行政许可");
        goto done;
    }
    bool simple = strcmp(type, "penalty_simple") == 0;
    if (build_new_record(req, body, simple, req->today, &rec, &err) != ZF_OK) {
        rc = http_reply_zferror(req, &err);
        goto done;
    }
    char case_no[96];
    if (store_begin(req->store, &err) != ZF_OK) {
        rc = http_reply_zferror(req, &err);
        goto done;
    }
    if (next_free_clue_no(req, case_no, sizeof case_no, &err) != ZF_OK) goto fail;
    json_object_set_new(rec, "case_no", json_string(case_no));
    row = json_pack("{s:s, s:s, s:s, s:s, s:{}, s:O, s:n, s:s}", "case_no", case_no, "agency", req->auth->agency,
                    "case_type", type, "stage", simple ? "onspot_decision" : "clue", "state", "assignees",
                    json_object_get(rec, "officers") ? json_object_get(rec, "officers") : json_array(),
                    "doc_no", "created_by", req->auth->username);
    if (app_workflow_put(req->store, row, &err) != ZF_OK ||
        app_timeline_add(req->store, case_no, req->auth->username, "file", NULL,
                                    str(row, "stage"), str(body, "note"), &err) != ZF_OK ||
        import_one_record_in(req->store, rec, &err) != ZF_OK || store_commit(req->store, &err) != ZF_OK)
        goto fail;
    recheck_case(req, case_no);
    auth_audit(req, "workflow_file", case_no, "ok", type);
    rc = reply_view(req, 201, rec, row);
    goto done;
fail:
    store_rollback(req->store);
    rc = http_reply_zferror(req, &err);
done:
    json_decref(body);
    json_decref(rec);
    json_decref(row);
    return rc;
}

/* ---- GET /workflow/cases, GET /workflow/cases/{case_no} ------------------------------- */

int api_workflow_cases_list(HttpRequest *req)
{
    const char *mine, *stage, *types_param;
    int page, size;
    WfStage st;
    ZfError err;
    json_t *out;
    RuleConfig cfg;
    if (param_text(req, "mine", 1, &mine) != ZF_OK || param_text(req, "stage", 32, &stage) != ZF_OK ||
        param_text(req, "case_type", 64, &types_param) != ZF_OK || param_page(req, &page, &size) != ZF_OK)
        return 0;
    /* ?case_type=coercion,enforcement: the types of one page (检查任务, 强制措施, 许可办理) */
    char types_buf[72];
    const char *types[4] = {NULL};
    if (types_param && *types_param) {
        snprintf(types_buf, sizeof types_buf, "%s", types_param);
        size_t n = 0;
        for (char *save, *t = strtok_r(types_buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            if (!workflow_case_type_by_code(t, NULL) || n == 3)
                return http_reply_error(req, 400, "invalid_param", "case_type", "无法识别的案件类型");
            types[n++] = t;
        }
    }
    if (stage && *stage && workflow_stage_by_code(stage, &st) != ZF_OK)
        return http_reply_error(req, 400, "invalid_param", "stage", "无法识别的办案环节");
    if (!req->auth || !req->auth->agency[0])
        return http_reply_json(req, 200, json_pack("{s:[], s:i, s:i, s:i}", "items", "total", 0, "page", page,
                                                   "size", size));
    if (sweep_load_config(req->store, &cfg, &err) != ZF_OK ||
        (types[0] ? store_workflow_list_types(req->store, req->auth->agency, types, page, size, &out, &err)
                  : store_workflow_list(req->store, req->auth->agency,
                                        mine && strcmp(mine, "1") == 0 ? req->auth->username : NULL,
                                        stage && *stage ? stage : NULL, page, size, &out, &err)) != ZF_OK)
        return http_reply_zferror(req, &err);
    size_t i;
    json_t *row;
    zf_day today = req->today;
    json_array_foreach(json_object_get(out, "items"), i, row) {
        json_t *rec = json_object_get(row, "record");
        CaseState cs;
        json_t *next = json_null();
        if (json_is_object(rec) && wf_state_build(req->store, rec, row, &cs, &err) == ZF_OK)
            json_decref(deadlines_json(&cs, today, req->calendar, &cfg, &next));
        WfStage at = WS_CLUE;
        workflow_stage_by_code(str(row, "stage"), &at);
        json_object_set_new(row, "stage_name", json_string(workflow_stage_name(at)));
        json_object_set(row, "party", json_object_get(rec, "party"));
        json_object_set(row, "power", json_object_get(rec, "power"));
        json_object_set_new(row, "filing_no", json_string_value(json_object_get(rec, "filing_no"))
                                                  ? json_string(str(rec, "filing_no")) : json_null());
        json_object_set_new(row, "next_deadline", next);
        json_object_del(row, "record");
        json_object_del(row, "state");
    }
    return http_reply_json(req, 200, out);
}

int api_workflow_case_get(HttpRequest *req)
{
    json_t *row, *rec;
    ZfError err;
    if (wf_case_load(req->store, req->auth, http_param(req, "case_no"), &row, &rec, &err) != ZF_OK) return http_reply_zferror(req, &err);
    int rc = reply_view(req, 200, rec, row);
    json_decref(row);
    json_decref(rec);
    return rc;
}

/* ---- POST /workflow/cases/{case_no}/actions: parse → app_workflow_step → reply --------- */

int api_workflow_case_action(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    const char *case_no = http_param(req, "case_no");
    json_t *fields = json_object_get(body, "fields");
    /* an approval's 审批意见 may come as "opinion"; it is the step's note */
    const char *note = str(body, "opinion") ? str(body, "opinion") : str(body, "note");
    WorkflowStepInput in = {str(body, "action"), note,
                            str(body, "target") ? str(body, "target") : str(fields, "target"), str(body, "approver"),
                            fields};
    AppContext cx = api_context(req);
    WorkflowStepDone done;
    ZfError err;
    int rc;
    if (app_workflow_step(&cx, case_no, &in, &done, &err) != ZF_OK) {
        if (err.status == 422 || err.status == 409 || err.status == 403)
            auth_audit(req, "workflow_refused", case_no, "refused", err.message);
        rc = http_reply_zferror(req, &err);
    } else {
        recheck_case(req, str(done.row, "case_no"));
        /* 移送立案 opened a penalty case in the same transaction: the rules look at it too */
        const char *linked = str(json_object_get(done.row, "state"), "transferred_case");
        if (linked && in.action && strcmp(in.action, "inspection_transfer") == 0) recheck_case(req, linked);
        auth_audit(req, done.audit_action, str(done.row, "case_no"), "ok", in.action);
        rc = reply_view(req, 200, done.rec, done.row);
        workflow_step_done_free(&done);
    }
    json_decref(body);
    return rc;
}

/* ---- lent to workflow_publicity.c (workflow_cases.h) ---------------------------------- */

void wf_case_recheck(HttpRequest *req, const char *case_no) { recheck_case(req, case_no); }
int wf_case_reply(HttpRequest *req, int status, const json_t *rec, const json_t *row) { return reply_view(req, status, rec, row); }
