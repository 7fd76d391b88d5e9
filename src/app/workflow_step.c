/* One step of online case handling (see workflow_step.h): the facts applied, the step checked
 * against the pure workflow core (gates with their articles, approvals), then written. */
#include "app/workflow_step.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/case_log.h"
#include "app/documents.h"
#include "app/filings.h"
#include "app/import.h"
#include "app/logged_row.h"
#include "app/sweep.h"
#include "app/workflow_approver.h"
#include "app/workflow_discretion.h"
#include "app/workflow_messages.h"
#include "app/workflow_doc_no.h"
#include "app/workflow_filing_no.h"
#include "app/workflow_holdings.h"
#include "app/workflow_kinds.h"
#include "app/workflow_state.h"
#include "store/findings.h"
#include "store/settings.h"
#include "util/text.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

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
    /* 处罚依据 proposed at 告知 is the decision's basis (docs/case-record.md); else the power's */
    if (json_array_size(json_object_get(rec, "penalty_basis")) > 0)
        json_object_set(d, "basis", json_object_get(rec, "penalty_basis"));
    else if (store_record_get(st, REC_POWER, str(rec, "power"), &body, &err) == ZF_OK) {
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

/* What the step is: one of the workflow core's acts, or one of the three steps beside them. */
typedef enum { STEP_ACT, STEP_RECORD, STEP_SEND_BACK, STEP_ADD_APPROVER, STEP_REFUSE } StepKind;

typedef struct {
    const AppContext *cx;
    StepKind kind;
    WfAction act;          /* STEP_ACT */
    const char *action, *note, *target;
    bool discretion;       /* the step sets the discretion facts or the tier */
    bool notifies;         /* the step records the notice (告知): its 案情 gate applies */
    char note_buf[2048];   /* the note with the discretion record appended */
    char opinion[APPROVAL_OPINION_LEN]; /* an approval step's 审批意见: the note or the default */
    char refusal[1200];    /* the timeline note of a refusal: the step refused and why */
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
static int sign_step(const AppContext *cx, Step *s, WfAction a, const CaseState *cs, ZfError *err)
{
    const char *case_no = str(s->row, "case_no");
    if (store_approval_pending(cx->store, case_no, &s->task, err) == ZF_OK) {
        if (s->task.task.action != a)
            return zf_fail(err, 409, "invalid_transition", "action", "本案待审批的是“%s”",
                           workflow_action_name(s->task.task.action));
    } else if (err->status == 404) {
        memset(&s->task, 0, sizeof s->task);
        snprintf(s->task.case_no, sizeof s->task.case_no, "%s", case_no);
        snprintf(s->task.requested_by, sizeof s->task.requested_by, "%s", cx->user->username);
        /* requested on the act's date: a back-entered step keeps its paper dates in order */
        approval_task_init(&s->task.task, &s->policy, a, cs, s->on, cx->calendar);
        s->task_is_new = true;
    } else {
        return ZF_ERR;
    }
    s->has_task = true;
    approval_require(&s->task.task, &s->policy, cs);
    return approval_sign(&s->task.task, &s->policy, &s->me, s->on, err);
}

/* 同意 with the approver's opinion, or the standard text (setting approval_default_opinion) when
 * he wrote none; kept with his sign-off and written as the step's note on the timeline. */
static void keep_opinion(const AppContext *cx, Step *s)
{
    char now[32];
    if (s->note && !text_blank(s->note)) snprintf(s->opinion, sizeof s->opinion, "%s", s->note);
    else store_setting_text(cx->store, "approval_default_opinion", "同意。", s->opinion, sizeof s->opinion);
    s->note = s->opinion;
    app_utc_now(now);
    approval_note_opinion(&s->task.task, s->me.user, s->opinion, now);
}

/* 不同意（退回）: an approver the open task awaits refuses it with his opinion; the case goes back
 * to the stage it stood at when the approval was requested, and the task is closed. */
static int check_refusal(const AppContext *cx, Step *s, const CaseState *cs, ZfError *err)
{
    char now[32];
    if (store_approval_pending(cx->store, str(s->row, "case_no"), &s->task, err) != ZF_OK)
        return err->status == 404 ? zf_fail(err, 409, "invalid_transition", "action", "本案没有待审批的事项，不能退回")
                                  : ZF_ERR;
    app_utc_now(now);
    if (approval_refuse(&s->task.task, &s->policy, &s->me, s->on, s->note, now, err) != ZF_OK) return ZF_ERR;
    s->has_task = true;
    s->to = approval_return_stage(&s->task.task, cs->procedure);
    s->moves = true;
    snprintf(s->refusal, sizeof s->refusal, "不同意“%s”：%s", workflow_action_name(s->task.task.action), s->note);
    s->note = s->refusal;
    return ZF_OK;
}

/* The act's own gate: who may sign, then the legal gates on the act's date, then the order of the
 * dates; for a step that needs no approval, the core's transition check. An approval step moves
 * only with its last required sign-off. */
static int check_act(const AppContext *cx, Step *s, const CaseState *cs, const RuleConfig *cfg, ZfError *err)
{
    const WfTransition *t = workflow_transition(workflow_case_type(cs->procedure), cs->stage, s->act);
    s->approval = t && t->approval;
    int rc = s->approval ? (sign_step(cx, s, s->act, cs, err) == ZF_OK &&
                                    workflow_check_step(cs, s->act, s->on, cx->calendar, cfg, err) == ZF_OK
                                ? approval_check_date(&s->task.task, s->on, err)
                                : ZF_ERR)
                         : workflow_can_transition(cs, s->act, wf_role_of(cx->user), s->on, cx->calendar, cfg, err);
    if (rc == ZF_OK && s->approval) keep_opinion(cx, s);
    if (rc == ZF_OK && (!s->approval || approval_complete(&s->task.task))) {
        s->to = (WfStage)workflow_next_stage(cs, s->act);
        s->moves = true;
        s->decides = s->act == WA_APPROVE_DECISION || s->act == WA_DECIDE_ON_SPOT;
        record_act(cx->store, s->act, s->rec, s->state, s->on, NULL);
        wf_kind_record_act(cx->store, cx->calendar, s->act, s->rec, s->state, s->on);
    }
    return rc;
}

/* Checks the step against the workflow core; ZF_OK when it may be taken (to/moves/decides set).
 * The case state is built once, after the facts the act implies are in the record. */
static int check_step(const AppContext *cx, Step *s, ZfError *err)
{
    CaseState cs;
    RuleConfig cfg;
    WfStage stage;
    if (workflow_stage_by_code(str(s->row, "stage"), &stage) != ZF_OK)
        return zf_fail(err, 500, "internal_error", NULL, "案件环节无法识别");
    if (s->kind == STEP_ACT) imply_before(stage, s->act, s->rec, s->on);
    if (s->kind == STEP_ACT) wf_kind_before(cx->store, cx->calendar, s->act, s->rec, s->state, s->on);
    json_t *probe = json_pack("{s:O, s:O}", "stage", json_object_get(s->row, "stage"), "state", s->state);
    int rc = wf_state_build(cx->store, s->rec, probe, &cs, err);
    json_decref(probe);
    if (rc != ZF_OK || sweep_load_config(cx->store, &cfg, err) != ZF_OK) return ZF_ERR;
    s->from = s->to = cs.stage;
    if (s->discretion && wf_discretion_settle(&cs, s->state, s->note, s->note_buf, sizeof s->note_buf, err) != ZF_OK)
        return ZF_ERR;
    if (s->note_buf[0]) s->note = s->note_buf;
    if (s->notifies && cs.procedure == WF_PROC_ORDINARY &&
        workflow_check_gate(WG_SUBSTANCE_NOTICE, &cs, s->on, cx->calendar, &cfg, err) != ZF_OK)
        return ZF_ERR;
    switch (s->kind) {
    case STEP_RECORD:
        return cs.stage == WS_CLOSED ? zf_fail(err, 409, "invalid_transition", "action", "已结案的案件不能再登记办理信息")
                                     : ZF_OK;
    case STEP_SEND_BACK: {
        WfStage target;
        if (!s->target || workflow_stage_by_code(s->target, &target) != ZF_OK)
            return zf_fail(err, 422, "invalid_send_back", "target", "请选择退回到的环节");
        if (workflow_can_send_back(&cs, target, wf_role_of(cx->user), s->note, err) != ZF_OK) return ZF_ERR;
        s->to = target, s->moves = true;
        return ZF_OK;
    }
    case STEP_ACT: return check_act(cx, s, &cs, &cfg, err);
    case STEP_REFUSE: return check_refusal(cx, s, &cs, err);
    case STEP_ADD_APPROVER: break;
    }
    return zf_fail(err, 500, "internal_error", NULL, "无法识别的办案操作");
}

/* The approval bookkeeping of a step inside its transaction: the sign-off saved (the task done
 * when complete), the task of a stage that waits for approval opened, a send-back's cancelled. */
static int commit_approval(const AppContext *cx, Step *s, ZfError *err)
{
    const char *case_no = str(s->row, "case_no"), *agency = str(s->row, "agency");
    if (s->has_task) {
        const char *status = s->kind == STEP_REFUSE ? "cancelled" : s->moves ? "done" : "pending";
        if (s->task_is_new ? store_approval_open(cx->store, case_no, agency, s->task.requested_by, &s->task.task,
                                                 status, err)
                           : store_approval_update(cx->store, s->task.id, &s->task.task, status, err))
            return ZF_ERR;
    }
    if (!s->moves || s->kind == STEP_REFUSE) return ZF_OK;
    if (s->kind == STEP_SEND_BACK && store_approval_cancel_pending(cx->store, case_no, err) != ZF_OK)
        return ZF_ERR;
    WfAction next = approval_opened_on_entering(s->to);
    if (next == WF_ACTION_COUNT || s->to == s->from) return ZF_OK;
    CaseState cs;
    ApprovalTask t;
    json_t *probe = json_pack("{s:s, s:O}", "stage", workflow_stage_code(s->to), "state", s->state);
    int rc = wf_state_build(cx->store, s->rec, probe, &cs, err);
    json_decref(probe);
    if (rc != ZF_OK) return ZF_ERR;
    approval_task_init(&t, &s->policy, next, &cs, s->on, cx->calendar);
    t.return_to = s->from; /* a refusal sends the case back here */
    return store_approval_open(cx->store, case_no, agency, cx->user->username, &t, "pending", err);
}

/* The timeline entry of a sign-off that does not complete its task yet (会签). */
static int note_signoff(const AppContext *cx, Step *s, ZfError *err)
{
    char note[1200];
    snprintf(note, sizeof note, "%s（%zu/%zu）%s%s", workflow_action_name(s->task.task.action),
             approval_signed_count(&s->task.task), s->task.task.slot_count, s->note && *s->note ? "：" : "",
             s->note ? s->note : "");
    return app_timeline_add(cx->store, str(s->row, "case_no"), cx->user->username, "sign",
                                       workflow_stage_code(s->from), workflow_stage_code(s->to), note, err);
}

/* Row, 文号, timeline, approval task and the exchange record in the step's transaction: a failure
 * at any point leaves none of them. */
static int commit_step(const AppContext *cx, Step *s, ZfError *err)
{
    char doc_no[200];
    const char *case_no = str(s->row, "case_no");
    /* 移送立案 opens its penalty case in this transaction, and the state names it */
    if (s->moves && s->kind == STEP_ACT && wf_kind_after_act(cx, s->act, s->rec, s->state, s->on, err) != ZF_OK)
        return ZF_ERR;
    json_t *row = json_deep_copy(s->row);
    json_object_set(row, "state", s->state);
    json_object_set_new(row, "stage", json_string(workflow_stage_code(s->to)));
    json_object_set(row, "assignees", json_object_get(s->rec, "officers") ? json_object_get(s->rec, "officers")
                                                                          : json_object_get(row, "assignees"));
    /* The 文号 is taken in the request's BEGIN IMMEDIATE transaction that moves the case to 送达,
     * so numbers are serialised and a refused or failed step leaves no gap. */
    if (s->decides) {
        if (wf_doc_no_allocate(cx->store, str(s->rec, "agency"), s->on, doc_no, sizeof doc_no, err) != ZF_OK) {
            json_decref(row);
            return ZF_ERR;
        }
        json_object_set_new(row, "doc_no", json_string(doc_no));
        json_object_set_new(json_object_get(s->rec, "decision"), "doc_no", json_string(doc_no));
    }
    /* the 案件编号 likewise, with 立案 (kept when a case sent back is filed again) */
    if (s->moves && s->kind == STEP_ACT && s->act == WA_APPROVE_FILING && !json_object_get(s->rec, "filing_no")) {
        if (wf_filing_no_allocate(cx->store, str(s->rec, "agency"), s->on, doc_no, sizeof doc_no, err) != ZF_OK) {
            json_decref(row);
            return ZF_ERR;
        }
        json_object_set_new(s->rec, "filing_no", json_string(doc_no));
    }
    bool signoff = s->approval && !s->moves;
    if (app_workflow_put(cx->store, row, err) != ZF_OK ||
        (signoff ? note_signoff(cx, s, err)
                 : app_timeline_add(cx->store, case_no, cx->user->username, s->action,
                                               workflow_stage_code(s->from), workflow_stage_code(s->to), s->note,
                                               err)) != ZF_OK ||
        commit_approval(cx, s, err) != ZF_OK ||
        (s->moves && wf_message_moved(cx->store, case_no, s->rec, s->from, s->to, &s->policy, err) != ZF_OK) ||
        ((s->kind == STEP_SEND_BACK || s->kind == STEP_REFUSE) &&
         wf_message_returned(cx->store, case_no, str(s->row, "created_by"), cx->user, s->note, err) != ZF_OK) ||
        import_one_record_in(cx->store, s->rec, err) != ZF_OK ||
        (s->decides && app_filing_case_in(cx, s->rec, err) != ZF_OK)) {
        json_decref(row);
        return ZF_ERR;
    }
    json_decref(s->row);
    s->row = row;
    return ZF_OK;
}

/* 加签: an approver of the open task adds another approver of his agency. */
static int add_approver(const AppContext *cx, Step *s, const char *name, ZfError *err)
{
    const char *case_no = str(s->row, "case_no");
    Approver added;
    char note[1200];
    if (store_approval_pending(cx->store, case_no, &s->task, err) != ZF_OK)
        return err->status == 404 ? zf_fail(err, 409, "invalid_transition", "action", "本案没有待审批的事项，不能加签")
                                  : ZF_ERR;
    if (wf_approver_named(cx->store, cx->user, &s->policy, name, &added, err) != ZF_OK ||
        approval_add(&s->task.task, &s->me, &added, err) != ZF_OK)
        return ZF_ERR;
    snprintf(note, sizeof note, "加签 %s：%s%s%s", name, workflow_action_name(s->task.task.action),
             s->note && *s->note ? "，" : "", s->note ? s->note : "");
    if (store_approval_update(cx->store, s->task.id, &s->task.task, "pending", err) != ZF_OK) return ZF_ERR;
    return app_timeline_add(cx->store, case_no, cx->user->username, "add_approver", str(s->row, "stage"),
                                       str(s->row, "stage"), note, err);
}

/* What the approvers sign (处罚法 57, 58): while a task is pending these facts may not change,
 * or a signature would cover a penalty its signer never saw. Sending back reopens them. */
static const char *const SIGNED_FACTS[] = {"measures", "fine",  "confiscated", "tier",              "tier_reason",
                                           "reduced",  "major", "complex",     "health_or_finance", "discretion_facts",
                                           "penalty_basis", /* the decision's basis (docs/case-record.md) */
                                           NULL};

static int refuse_change_under_approval(const AppContext *cx, const json_t *row, const json_t *fields, ZfError *err)
{
    ApprovalRow pending;
    for (size_t i = 0; SIGNED_FACTS[i]; i++) {
        if (!json_object_get(fields, SIGNED_FACTS[i])) continue;
        if (store_approval_pending(cx->store, str(row, "case_no"), &pending, err) != ZF_OK)
            return err->status == 404 ? ZF_OK : ZF_ERR;
        return zf_fail(err, 409, "under_approval", SIGNED_FACTS[i],
                       "“%s”审批中，不能修改处罚内容（%s）；如需修改，请审批人先退回（《行政处罚法》第五十七条）",
                       workflow_action_name(pending.task.action), SIGNED_FACTS[i]);
    }
    return ZF_OK;
}

static const char *audit_action(const Step *s)
{
    if (s->kind == STEP_ADD_APPROVER) return "workflow_add_approver";
    if (s->kind == STEP_REFUSE) return "workflow_refuse";
    return s->approval && !s->moves ? "workflow_sign" : "workflow_action";
}

/* The action code as a step kind (and the core's act); 400 for a code no step has. */
static int step_kind(Step *s, ZfError *err)
{
    static const struct {
        const char *code;
        StepKind kind;
    } BESIDE[] = {{"record", STEP_RECORD},
                  {"send_back", STEP_SEND_BACK},
                  {"add_approver", STEP_ADD_APPROVER},
                  {"refuse", STEP_REFUSE}};
    for (size_t i = 0; i < sizeof BESIDE / sizeof *BESIDE; i++)
        if (strcmp(s->action, BESIDE[i].code) == 0) return s->kind = BESIDE[i].kind, ZF_OK;
    s->kind = STEP_ACT;
    if (workflow_action_by_code(s->action, &s->act) == ZF_OK) return ZF_OK;
    return zf_fail(err, 400, "invalid_field", "action", "无法识别的办案操作“%s”", s->action);
}

/* The facts of the step applied to the working copies of the record and the state; the step's
 * date (`on`, a paper act back-entered, never in the future) taken from them, default today. */
static int apply_fields(const AppContext *cx, Step *s, const json_t *fields, ZfError *err)
{
    json_t *plain = json_deep_copy(fields ? fields : json_object());
    if (!plain) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    json_object_del(plain, "target");
    int rc = refuse_change_under_approval(cx, s->row, plain, err);
    s->discretion = json_object_get(plain, "discretion_facts") || json_object_get(plain, "tier");
    s->notifies = json_is_string(json_object_get(plain, "notified_on"));
    s->on = cx->today;
    if (json_is_string(json_object_get(plain, "on"))) date_parse(str(plain, "on"), &s->on);
    /* 实施强制执行: the act is dated by its time (行政强制法 43 looks at the hour) */
    int minute;
    zf_day at;
    if (json_is_string(json_object_get(plain, "executed_at")) && datetime_parse(str(plain, "executed_at"), &at, &minute) &&
        at <= cx->today)
        s->on = at;
    if (rc == ZF_OK) rc = wf_fields_apply(plain, s->rec, s->state, cx->today, cx->user->username, err);
    json_decref(plain);
    return rc;
}

/* Inside the step's transaction: the case loaded, the step checked and written. */
static int take_step(const AppContext *cx, const char *case_no, const WorkflowStepInput *in, Step *s, ZfError *err)
{
    json_t *rec;
    if (wf_case_load(cx->store, cx->user, case_no, &s->row, &rec, err) != ZF_OK ||
        store_approval_policy(cx->store, &s->policy, err) != ZF_OK ||
        wf_approver_of(cx->store, cx->user, &s->policy, &s->me, err) != ZF_OK)
        return ZF_ERR;
    s->rec = rec;
    s->state = json_deep_copy(json_object_get(s->row, "state"));
    if (!json_is_object(s->state)) json_decref(s->state), s->state = json_object();
    if (s->kind == STEP_ADD_APPROVER) {
        if (!in->approver) return zf_fail(err, 400, "missing_field", "approver", "请选择加签的审批人");
        return add_approver(cx, s, in->approver, err);
    }
    if (apply_fields(cx, s, in->fields, err) != ZF_OK || check_step(cx, s, err) != ZF_OK ||
        wf_case_validate(cx->store, s->rec, err) != ZF_OK)
        return ZF_ERR;
    return commit_step(cx, s, err);
}

int app_workflow_step(const AppContext *cx, const char *case_no, const WorkflowStepInput *in, WorkflowStepDone *done,
                      ZfError *err)
{
    Step s = {.cx = cx, .action = in->action, .note = in->note, .target = in->target};
    memset(done, 0, sizeof *done);
    if (!s.action) return zf_fail(err, 400, "missing_field", "action", "请指定办案操作");
    if (s.note && strlen(s.note) > 1000) return zf_fail(err, 400, "invalid_field", "note", "意见不超过 1000 字节");
    if (step_kind(&s, err) != ZF_OK || store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = take_step(cx, case_no, in, &s, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    /* the documents the stage calls for, each in its own short transaction after the step's:
     * rendering (tens of ms) never holds the step's write lock (docs/documents.md) */
    int issued;
    if (rc == ZF_OK) app_documents_due(cx, str(s.row, "case_no"), &issued);
    json_decref(s.state);
    if (rc != ZF_OK) {
        json_decref(s.rec);
        json_decref(s.row);
        return ZF_ERR;
    }
    *done = (WorkflowStepDone){s.rec, s.row, audit_action(&s)};
    return ZF_OK;
}

void workflow_step_done_free(WorkflowStepDone *done)
{
    json_decref(done->rec);
    json_decref(done->row);
    done->rec = done->row = NULL;
}


/* app_workflow_step inside the caller's transaction (电子送达's confirmation): the same checks and
 * writes, no BEGIN/COMMIT of its own; on failure the caller rolls back (to its savepoint). Kept apart
 * from app_workflow_step, which also runs what follows a committed step. */
int app_workflow_step_in(const AppContext *cx, const char *case_no, const WorkflowStepInput *in, WorkflowStepDone *done,
                         ZfError *err)
{
    Step s = {.cx = cx, .action = in->action, .note = in->note, .target = in->target};
    memset(done, 0, sizeof *done);
    if (!s.action) return zf_fail(err, 400, "missing_field", "action", "请指定办案操作");
    if (s.note && strlen(s.note) > 1000) return zf_fail(err, 400, "invalid_field", "note", "意见不超过 1000 字节");
    if (step_kind(&s, err) != ZF_OK) return ZF_ERR;
    int rc = take_step(cx, case_no, in, &s, err);
    json_decref(s.state);
    if (rc != ZF_OK) {
        json_decref(s.rec);
        json_decref(s.row);
        return ZF_ERR;
    }
    *done = (WorkflowStepDone){s.rec, s.row, audit_action(&s)};
    return ZF_OK;
}
