/* /api/v1/workflow/cases: online case handling (mode 3). The case is an exchange-v1 record
 * stored through the import path (validation, ledger event) and re-checked by the rules at
 * once, exactly like a form entry; the workflow row holds the stage and what the record has no
 * field for. Every step is checked by the pure workflow core before anything is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/intake_common.h"
#include "api/params.h"
#include "api/workflow_approvals.h"
#include "api/workflow_cases.h"
#include "app/case_log.h"
#include "app/workflow_holdings.h"
#include "app/workflow_doc_no.h"
#include "app/workflow_discretion.h"
#include "app/workflow_state.h"
#include "domain/workflow/deadlines.h"
#include "http/auth.h"
#include "app/import.h"
#include "app/sweep.h"
#include "store/findings.h"
#include "store/workflow.h"


static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* After the step's transaction committed: the rules look at the changed case at once. */
static void recheck_case(HttpRequest *req, const char *case_no)
{
    ChangedSet t = {0};
    changed_note(&t, REC_CASE, case_no);
    changed_recheck(req->store, req->calendar, req->today, &t);
}

static int validate_record(Store *st, const json_t *rec, ZfError *err)
{
    json_t *copy = json_deep_copy(rec);
    RecordKeys keys;
    int rc = exchange_validate(copy, &keys, err);
    json_decref(copy);
    if (rc == ZF_OK) rc = wf_holdings_check(st, rec, err);
    if (rc != ZF_OK && err->status != 400) err->status = 400;
    return rc;
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
        store_approval_policy(req->store, &policy, err) != ZF_OK || wf_approver_of(req, &policy, &me, err) != ZF_OK)
        return ZF_ERR;
    bool pending = store_approval_pending(req->store, str(row, "case_no"), &task, err) == ZF_OK;
    if (!pending && err->status != 404) return ZF_ERR;
    json_t *next, *timeline;
    if (store_workflow_timeline(req->store, str(row, "case_no"), &timeline, err) != ZF_OK) return ZF_ERR;
    json_t *dl = deadlines_json(&cs, req->today, req->calendar, &cfg, &next);
    json_t *wf = json_pack("{s:s, s:s, s:s, s:O, s:O, s:O, s:o, s:o, s:o, s:o, s:o}", "case_type", str(row, "case_type"),
                           "stage", workflow_stage_code(cs.stage), "stage_name", workflow_stage_name(cs.stage),
                           "doc_no", json_object_get(row, "doc_no"), "state", json_object_get(row, "state"),
                           "created_by", json_object_get(row, "created_by"), "actions",
                           actions_json(&cs, wf_role_of(req), pending ? &task.task : NULL, &me), "deadlines", dl,
                           "next_deadline", next, "approval",
                           pending ? wf_approval_json(&task, &policy, &me) : json_null(), "approvers",
                           wf_approvers_json(req, &policy));
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
                                          "health_or_finance"};
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
    if (rc == ZF_OK) rc = validate_record(req->store, rec, err);
    if (rc != ZF_OK) {
        json_decref(rec);
        return ZF_ERR;
    }
    *out = rec;
    return ZF_OK;
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
    if (!type || (strcmp(type, "penalty_ordinary") != 0 && strcmp(type, "penalty_simple") != 0)) {
        rc = http_reply_error(req, 400, "invalid_field", "case_type", "案件类型应为 penalty_ordinary 或 penalty_simple");
        goto done;
    }
    bool simple = strcmp(type, "penalty_simple") == 0;
    if (build_new_record(req, body, simple, req->today, &rec, &err) != ZF_OK) {
        rc = http_reply_zferror(req, &err);
        goto done;
    }
    long seq;
    char case_no[96];
    if (store_begin(req->store, &err) != ZF_OK) {
        rc = http_reply_zferror(req, &err);
        goto done;
    }
    if (store_workflow_next_seq(req->store, req->auth->agency, 0, &seq, &err) != ZF_OK) goto fail;
    snprintf(case_no, sizeof case_no, "线索-%s-%ld", req->auth->agency, seq);
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
    const char *mine, *stage;
    int page, size;
    WfStage st;
    ZfError err;
    json_t *out;
    RuleConfig cfg;
    if (param_text(req, "mine", 1, &mine) != ZF_OK || param_text(req, "stage", 32, &stage) != ZF_OK ||
        param_page(req, &page, &size) != ZF_OK)
        return 0;
    if (stage && *stage && workflow_stage_by_code(stage, &st) != ZF_OK)
        return http_reply_error(req, 400, "invalid_param", "stage", "无法识别的办案环节");
    if (!req->auth || !req->auth->agency[0])
        return http_reply_json(req, 200, json_pack("{s:[], s:i, s:i, s:i}", "items", "total", 0, "page", page,
                                                   "size", size));
    if (sweep_load_config(req->store, &cfg, &err) != ZF_OK ||
        store_workflow_list(req->store, req->auth->agency,
                            mine && strcmp(mine, "1") == 0 ? req->auth->username : NULL,
                            stage && *stage ? stage : NULL, page, size, &out, &err) != ZF_OK)
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

/* ---- POST /workflow/cases/{case_no}/actions ------------------------------------------- */

static void set_date(json_t *rec, const char *field, zf_day d, bool keep)
{
    char t[ZF_DATE_LEN];
    if (keep && json_object_get(rec, field)) return;
    date_format(d, t);
    json_object_set_new(rec, field, json_string(t));
}

/* Facts a step implies before its gates are checked: passing legal review by submitting, the
 * collective discussion dated the day its outcome is submitted. */
static void imply_before(WfStage stage, WfAction a, json_t *rec, zf_day on)
{
    if (stage == WS_LEGAL_REVIEW && (a == WA_SUBMIT_DECISION || a == WA_SUBMIT_COLLECTIVE) &&
        !json_object_get(rec, "legal_review")) {
        char t[ZF_DATE_LEN];
        date_format(on, t);
        json_object_set_new(rec, "legal_review", json_pack("{s:s, s:b}", "reviewed_on", t, "passed", 1));
    }
    if (stage == WS_COLLECTIVE && a == WA_SUBMIT_DECISION) set_date(rec, "collective_discussion_on", on, true);
}

static void decide(Store *st, json_t *rec, const json_t *state, zf_day on, const char *doc_no)
{
    const json_t *p = json_object_get(state, "proposal");
    json_t *d = json_pack("{s:s}", "outcome", "penalty");
    static const char *const keys[] = {"measures", "fine", "confiscated", "tier", "reduced"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (json_object_get(p, keys[i])) json_object_set(d, keys[i], json_object_get(p, keys[i]));
    char *body;
    ZfError err;
    if (store_record_get(st, REC_POWER, str(rec, "power"), &body, &err) == ZF_OK) {
        json_t *power = json_loads(body, 0, NULL);
        free(body);
        if (json_is_array(json_object_get(power, "basis"))) json_object_set(d, "basis", json_object_get(power, "basis"));
        json_decref(power);
    }
    if (doc_no) json_object_set_new(d, "doc_no", json_string(doc_no));
    json_object_set_new(rec, "decision", d);
    set_date(rec, "decided_on", on, false);
}

/* The act's own date(s) recorded after its gates passed. */
static void record_act(Store *st, WfAction a, json_t *rec, const json_t *state, zf_day on, const char *doc_no)
{
    switch (a) {
    case WA_APPROVE_FILING: set_date(rec, "filed_on", on, false); break;
    case WA_REQUEST_HEARING: set_date(rec, "hearing_requested_on", on, true); break;
    case WA_APPROVE_DECISION:
    case WA_DECIDE_ON_SPOT: decide(st, rec, state, on, doc_no); break;
    case WA_SERVE: set_date(rec, "served_on", on, false); break;
    case WA_SERVE_ON_SPOT:
        set_date(rec, "served_on", on, false);
        set_date(rec, "closed_on", on, false);
        break;
    case WA_CLOSE: set_date(rec, "closed_on", on, false); break;
    default: break;
    }
}

typedef struct {
    const char *action, *note, *target;
    bool discretion;       /* the step sets the discretion facts or the tier */
    char note_buf[2048];   /* the note with the discretion record appended */
    zf_day on;
    json_t *rec, *row, *state; /* rec and state: the working copies, row: as stored */
    WfStage from, to;
    bool moves, decides;
    /* an approval step: its task (open or new), and whether this sign-off completes it */
    ApprovalPolicy policy;
    Approver me;
    ApprovalRow task;
    bool approval, has_task, task_is_new;
} Step;

/* The approval task of the step: the case's open one, or a new one opened by this sign-off (cases
 * whose task predates migration 011), required signers updated to the case as it is now;
 * then the caller's sign-off on it. */
static int sign_step(HttpRequest *req, Step *s, WfAction a, const CaseState *cs, ZfError *err)
{
    const char *case_no = str(s->row, "case_no");
    if (store_approval_pending(req->store, case_no, &s->task, err) == ZF_OK) {
        if (s->task.task.action != a)
            return zf_fail(err, 409, "invalid_transition", "action", "本案待审批的是“%s”",
                           workflow_action_name(s->task.task.action));
    } else if (err->status == 404) {
        memset(&s->task, 0, sizeof s->task);
        snprintf(s->task.case_no, sizeof s->task.case_no, "%s", case_no);
        snprintf(s->task.requested_by, sizeof s->task.requested_by, "%s", req->auth->username);
        /* requested on the act's date: a back-entered step keeps its paper dates in order */
        approval_task_init(&s->task.task, &s->policy, a, cs, s->on, req->calendar);
        s->task_is_new = true;
    } else {
        return ZF_ERR;
    }
    s->has_task = true;
    approval_require(&s->task.task, &s->policy, cs);
    return approval_sign(&s->task.task, &s->policy, &s->me, s->on, err);
}

/* Checks the step against the workflow core; ZF_OK when it may be taken (to/moves/decides set).
 * An approval step moves only with its last required sign-off. */
static int check_step(HttpRequest *req, Step *s, ZfError *err)
{
    CaseState cs;
    RuleConfig cfg;
    json_t *probe = json_pack("{s:O, s:O}", "stage", json_object_get(s->row, "stage"), "state", s->state);
    int rc = ZF_OK;
    WfAction a = WF_ACTION_COUNT;
    if (strcmp(s->action, "record") != 0 && strcmp(s->action, "send_back") != 0 &&
        workflow_action_by_code(s->action, &a) != ZF_OK) {
        json_decref(probe);
        return zf_fail(err, 400, "invalid_field", "action", "无法识别的办案操作“%s”", s->action);
    }
    if (wf_state_build(req->store, s->rec, probe, &cs, err) != ZF_OK || sweep_load_config(req->store, &cfg, err) != ZF_OK) {
        json_decref(probe);
        return ZF_ERR;
    }
    s->from = s->to = cs.stage;
    if (s->discretion && wf_discretion_settle(&cs, s->state, s->note, s->note_buf, sizeof s->note_buf, err) != ZF_OK) {
        json_decref(probe);
        return ZF_ERR;
    }
    if (s->note_buf[0]) s->note = s->note_buf;
    if (strcmp(s->action, "record") == 0) {
        if (cs.stage == WS_CLOSED) rc = zf_fail(err, 409, "invalid_transition", "action", "已结案的案件不能再登记办理信息");
    } else if (strcmp(s->action, "send_back") == 0) {
        WfStage target;
        if (!s->target || workflow_stage_by_code(s->target, &target) != ZF_OK)
            rc = zf_fail(err, 422, "invalid_send_back", "target", "请选择退回到的环节");
        else if ((rc = workflow_can_send_back(&cs, target, wf_role_of(req), s->note, err)) == ZF_OK)
            s->to = target, s->moves = true;
    } else {
        imply_before(cs.stage, a, s->rec, s->on);
        json_decref(probe);
        probe = json_pack("{s:O, s:O}", "stage", json_object_get(s->row, "stage"), "state", s->state);
        const WfTransition *t = workflow_transition(workflow_case_type(cs.procedure), cs.stage, a);
        s->approval = t && t->approval;
        if ((rc = wf_state_build(req->store, s->rec, probe, &cs, err)) == ZF_OK) {
            /* who may sign, then the legal gates on the act's date, then the order of the dates */
            if (s->approval)
                rc = sign_step(req, s, a, &cs, err) == ZF_OK &&
                             workflow_check_step(&cs, a, s->on, req->calendar, &cfg, err) == ZF_OK
                         ? approval_check_date(&s->task.task, s->on, err)
                         : ZF_ERR;
            else
                rc = workflow_can_transition(&cs, a, wf_role_of(req), s->on, req->calendar, &cfg, err);
        }
        if (rc == ZF_OK && (!s->approval || approval_complete(&s->task.task))) {
            s->to = (WfStage)workflow_next_stage(&cs, a);
            s->moves = true;
            s->decides = a == WA_APPROVE_DECISION || a == WA_DECIDE_ON_SPOT;
            record_act(req->store, a, s->rec, s->state, s->on, NULL);
        }
    }
    json_decref(probe);
    return rc;
}

/* The approval bookkeeping of a step inside its transaction: the sign-off saved (the task done
 * when complete), the task of a stage that waits for approval opened, a send-back's cancelled. */
static int commit_approval(HttpRequest *req, Step *s, ZfError *err)
{
    const char *case_no = str(s->row, "case_no"), *agency = str(s->row, "agency");
    if (s->has_task) {
        const char *status = s->moves ? "done" : "pending";
        if (s->task_is_new ? store_approval_open(req->store, case_no, agency, s->task.requested_by, &s->task.task,
                                                 status, err)
                           : store_approval_update(req->store, s->task.id, &s->task.task, status, err))
            return ZF_ERR;
    }
    if (!s->moves) return ZF_OK;
    if (strcmp(s->action, "send_back") == 0 && store_approval_cancel_pending(req->store, case_no, err) != ZF_OK)
        return ZF_ERR;
    WfAction next = approval_opened_on_entering(s->to);
    if (next == WF_ACTION_COUNT || s->to == s->from) return ZF_OK;
    CaseState cs;
    ApprovalTask t;
    json_t *probe = json_pack("{s:s, s:O}", "stage", workflow_stage_code(s->to), "state", s->state);
    int rc = wf_state_build(req->store, s->rec, probe, &cs, err);
    json_decref(probe);
    if (rc != ZF_OK) return ZF_ERR;
    approval_task_init(&t, &s->policy, next, &cs, s->on, req->calendar);
    return store_approval_open(req->store, case_no, agency, req->auth->username, &t, "pending", err);
}

/* The timeline entry of a sign-off that does not complete its task yet (会签). */
static int note_signoff(HttpRequest *req, Step *s, ZfError *err)
{
    char note[1200];
    snprintf(note, sizeof note, "%s（%zu/%zu）%s%s", workflow_action_name(s->task.task.action),
             approval_signed_count(&s->task.task), s->task.task.slot_count, s->note && *s->note ? "：" : "",
             s->note ? s->note : "");
    return app_timeline_add(req->store, str(s->row, "case_no"), req->auth->username, "sign",
                                       workflow_stage_code(s->from), workflow_stage_code(s->to), note, err);
}

/* Row, 文号, timeline, approval task and the exchange record in one transaction: a failure at any
 * point leaves none of them. */
/* Writes the step inside the request's transaction (api_workflow_case_action). */
static int commit_step(HttpRequest *req, Step *s, ZfError *err)
{
    char doc_no[200];
    const char *case_no = str(s->row, "case_no");
    json_t *row = json_deep_copy(s->row);
    json_object_set(row, "state", s->state);
    json_object_set_new(row, "stage", json_string(workflow_stage_code(s->to)));
    json_object_set(row, "assignees", json_object_get(s->rec, "officers") ? json_object_get(s->rec, "officers")
                                                                          : json_object_get(row, "assignees"));
    /* The 文号 is taken in the request's BEGIN IMMEDIATE transaction that moves the case to 送达,
     * so numbers are serialised and a refused or failed step leaves no gap. */
    if (s->decides) {
        if (wf_doc_no_allocate(req->store, str(s->rec, "agency"), s->on, doc_no, sizeof doc_no, err) != ZF_OK) {
            json_decref(row);
            return ZF_ERR;
        }
        json_object_set_new(row, "doc_no", json_string(doc_no));
        json_object_set_new(json_object_get(s->rec, "decision"), "doc_no", json_string(doc_no));
    }
    bool signoff = s->approval && !s->moves;
    if (app_workflow_put(req->store, row, err) != ZF_OK ||
        (signoff ? note_signoff(req, s, err)
                 : app_timeline_add(req->store, case_no, req->auth->username, s->action,
                                               workflow_stage_code(s->from), workflow_stage_code(s->to), s->note,
                                               err)) != ZF_OK ||
        commit_approval(req, s, err) != ZF_OK || import_one_record_in(req->store, s->rec, err) != ZF_OK) {
        json_decref(row);
        return ZF_ERR;
    }
    json_decref(s->row);
    s->row = row;
    return ZF_OK;
}

/* 加签: an approver of the open task adds another approver of his agency. */
static int add_approver(HttpRequest *req, Step *s, const char *name, ZfError *err)
{
    const char *case_no = str(s->row, "case_no");
    Approver added;
    char note[1200];
    if (store_approval_pending(req->store, case_no, &s->task, err) != ZF_OK)
        return err->status == 404 ? zf_fail(err, 409, "invalid_transition", "action", "本案没有待审批的事项，不能加签")
                                  : ZF_ERR;
    if (wf_approver_named(req, &s->policy, name, &added, err) != ZF_OK ||
        approval_add(&s->task.task, &s->me, &added, err) != ZF_OK)
        return ZF_ERR;
    snprintf(note, sizeof note, "加签 %s：%s%s%s", name, workflow_action_name(s->task.task.action),
             s->note && *s->note ? "，" : "", s->note ? s->note : "");
    if (store_approval_update(req->store, s->task.id, &s->task.task, "pending", err) != ZF_OK) return ZF_ERR;
    return app_timeline_add(req->store, case_no, req->auth->username, "add_approver", str(s->row, "stage"),
                                       str(s->row, "stage"), note, err);
}

/* What the approvers sign (处罚法 57, 58): while a task is pending these facts may not change,
 * or a signature would cover a penalty its signer never saw. Sending back reopens them. */
static const char *const SIGNED_FACTS[] = {"measures", "fine",  "confiscated", "tier",              "tier_reason",
                                           "reduced",  "major", "complex",     "health_or_finance", "discretion_facts",
                                           NULL};

static int refuse_change_under_approval(HttpRequest *req, const json_t *row, const json_t *fields, ZfError *err)
{
    ApprovalRow pending;
    for (size_t i = 0; SIGNED_FACTS[i]; i++) {
        if (!json_object_get(fields, SIGNED_FACTS[i])) continue;
        if (store_approval_pending(req->store, str(row, "case_no"), &pending, err) != ZF_OK)
            return err->status == 404 ? ZF_OK : ZF_ERR;
        return zf_fail(err, 409, "under_approval", SIGNED_FACTS[i],
                       "“%s”审批中，不能修改处罚内容（%s）；如需修改，请审批人先退回（《行政处罚法》第五十七条）",
                       workflow_action_name(pending.task.action), SIGNED_FACTS[i]);
    }
    return ZF_OK;
}

static const char *audit_action(const Step *s)
{
    if (strcmp(s->action, "add_approver") == 0) return "workflow_add_approver";
    return s->approval && !s->moves ? "workflow_sign" : "workflow_action";
}

int api_workflow_case_action(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    Step s = {.action = str(body, "action"), .note = str(body, "note")};
    json_t *rec = NULL;
    ZfError err;
    int rc;
    zf_day today = req->today;
    if (!s.action) {
        rc = http_reply_error(req, 400, "missing_field", "action", "请指定办案操作");
        goto done;
    }
    if (s.note && strlen(s.note) > 1000) {
        rc = http_reply_error(req, 400, "invalid_field", "note", "意见不超过 1000 字节");
        goto done;
    }
    /* Everything the step reads (the case, its approval task) and writes, in one BEGIN IMMEDIATE
     * transaction: two approvers signing at once are serialised, neither sign-off is lost and a
     * case is decided (and numbered) once. */
    if (store_begin(req->store, &err) != ZF_OK) {
        rc = http_reply_zferror(req, &err);
        goto done;
    }
    if (wf_case_load(req->store, req->auth, http_param(req, "case_no"), &s.row, &rec, &err) != ZF_OK ||
        store_approval_policy(req->store, &s.policy, &err) != ZF_OK || wf_approver_of(req, &s.policy, &s.me, &err) != ZF_OK)
        goto refused;
    s.rec = json_deep_copy(rec);
    s.state = json_deep_copy(json_object_get(s.row, "state"));
    if (!json_is_object(s.state)) json_decref(s.state), s.state = json_object();
    if (strcmp(s.action, "add_approver") == 0) {
        json_t *who = json_object_get(body, "approver");
        if (!json_is_string(who)) {
            zf_fail(&err, 400, "missing_field", "approver", "请选择加签的审批人");
            goto refused;
        }
        if (add_approver(req, &s, json_string_value(who), &err) != ZF_OK || store_commit(req->store, &err) != ZF_OK)
            goto refused;
        goto replied;
    }
    json_t *fields = json_object_get(body, "fields");
    s.target = str(body, "target") ? str(body, "target") : str(fields, "target");
    json_t *plain = json_deep_copy(fields ? fields : json_object());
    json_object_del(plain, "target");
    if (refuse_change_under_approval(req, s.row, plain, &err) != ZF_OK) {
        json_decref(plain);
        goto refused;
    }
    s.discretion = json_object_get(plain, "discretion_facts") || json_object_get(plain, "tier");
    /* `on` back-enters an act done on paper earlier (never in the future); default today. */
    s.on = today;
    if (json_is_string(json_object_get(plain, "on"))) date_parse(str(plain, "on"), &s.on);
    rc = wf_fields_apply(plain, s.rec, s.state, today, req->auth->username, &err);
    json_decref(plain);
    if (rc != ZF_OK || check_step(req, &s, &err) != ZF_OK || validate_record(req->store, s.rec, &err) != ZF_OK ||
        commit_step(req, &s, &err) != ZF_OK || store_commit(req->store, &err) != ZF_OK)
        goto refused;
    recheck_case(req, str(s.row, "case_no"));
replied:
    auth_audit(req, audit_action(&s), str(s.row, "case_no"), "ok", s.action);
    rc = reply_view(req, 200, s.rec, s.row);
    goto done;
refused:
    store_rollback(req->store);
    if (err.status == 422 || err.status == 409 || err.status == 403)
        auth_audit(req, "workflow_refused", str(s.row, "case_no"), "refused", err.message);
    rc = http_reply_zferror(req, &err);
done:
    json_decref(body);
    json_decref(rec);
    json_decref(s.rec);
    json_decref(s.state);
    json_decref(s.row);
    return rc;
}

/* ---- lent to workflow_publicity.c (workflow_cases.h) ---------------------------------- */

int wf_case_validate(Store *st, const json_t *rec, ZfError *err) { return validate_record(st, rec, err); }
void wf_case_recheck(HttpRequest *req, const char *case_no) { recheck_case(req, case_no); }
int wf_case_reply(HttpRequest *req, int status, const json_t *rec, const json_t *row) { return reply_view(req, status, rec, row); }
