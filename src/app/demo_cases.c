/* Loads the demo's online cases (see demo_cases.h). A step's facts go through wf_fields_apply,
 * its legality through workflow_can_transition / publicity_can_*, exactly as in the API; what
 * the act itself records (filed_on, the decision…) is written in the script as `sets`, and
 * tests/api/demo.test.mjs replays every script through the API to prove both agree. */
#include "app/demo_cases.h"

#include <stdlib.h>
#include <string.h>

#include "app/case_log.h"
#include "app/workflow_doc_no.h"
#include "app/workflow_filing_no.h"
#include "app/workflow_kinds.h"
#include "app/workflow_state.h"
#include "domain/workflow/publicity.h"
#include "app/import.h"
#include "app/sweep.h"
#include "store/approval.h"
#include "store/publicity.h"
#include "store/settings.h"
#include "store/workflow.h"
#include "store/workflow_seed.h"

typedef struct {
    Store *st;
    const Calendar *cal;
    RuleConfig cfg;
    zf_day today;
    /* the case's last step that moved it: who asked for what waits at the stage, from where, when */
    struct {
        char user[33], from[32];
        zf_day on;
    } entered;
} Seeder;

/* The demo users who act in the scripts (cmd/init.c creates them, after the cases), their workflow
 * roles and the approver level init gives them (the head is the 主要负责人). */
static const struct {
    const char *user;
    WfRole role;
    const char *level;
} ACTORS[] = {{"officer", WR_OFFICER, NULL}, {"head", WR_AGENCY_HEAD, "principal"}, {"reviewer", WR_LEGAL_REVIEWER, NULL}};

static int level_of_actor(const ApprovalPolicy *p, const char *user)
{
    int level = 0;
    for (size_t i = 0; user && i < sizeof ACTORS / sizeof *ACTORS; i++)
        if (strcmp(ACTORS[i].user, user) == 0 && ACTORS[i].level) approval_level_by_code(p, ACTORS[i].level, &level);
    return level;
}

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static zf_day shift_wd(const Calendar *cal, zf_day today, long n)
{
    if (n > 0) return add_wd(cal, today, (int)n);
    zf_day d = today;
    for (; n < 0; n++)
        do d--;
        while (!calendar_is_workday(cal, d));
    return d;
}

/* Replaces every "@±N" string in v by the date N working days from today. */
static void resolve_dates(json_t *v, const Calendar *cal, zf_day today)
{
    const char *key;
    json_t *child;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, key, child) {
            const char *s = json_string_value(child);
            char *end;
            long n = s && s[0] == '@' ? strtol(s + 1, &end, 10) : 0;
            if (s && s[0] == '@' && s[1] && !*end && n > -1000 && n < 1000) {
                char t[ZF_DATE_LEN];
                date_format(shift_wd(cal, today, n), t);
                json_object_set_new(v, key, json_string(t));
            } else {
                resolve_dates(child, cal, today);
            }
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, child) resolve_dates(child, cal, today);
    }
}

static int role_of(const char *user, WfRole *role, ZfError *err)
{
    for (size_t i = 0; user && i < sizeof ACTORS / sizeof *ACTORS; i++)
        if (strcmp(ACTORS[i].user, user) == 0) return *role = ACTORS[i].role, ZF_OK;
    return zf_fail(err, 400, "invalid_field", "user", "未知的演示用户“%s”", user ? user : "");
}

static int case_state(Seeder *s, const json_t *rec, const json_t *row, CaseState *cs, ZfError *err)
{
    return wf_state_build(s->st, rec, row, cs, err);
}

/* publish / revoke / withdraw_publication: the publicity acts (workflow_publicity.c). */
static int publicity_step(Seeder *s, const json_t *step, zf_day on, json_t *rec, json_t *row, char *note,
                          size_t note_size, ZfError *err)
{
    const char *action = str(step, "action"), *case_no = str(row, "case_no"), *user = str(step, "user");
    char t[ZF_DATE_LEN];
    CaseState cs;
    date_format(on, t);
    if (case_state(s, rec, row, &cs, err) != ZF_OK) return ZF_ERR;
    json_t *state = json_object_get(row, "state");
    if (strcmp(action, "publish") == 0) {
        if (publicity_can_publish(&cs, on, err) != ZF_OK) return ZF_ERR;
        json_object_set_new(rec, "published_on", json_string(t));
        return store_publicity_publish(s->st, case_no, str(row, "agency"), t, user, err);
    }
    if (strcmp(action, "revoke") == 0) {
        const json_t *r = json_object_get(step, "revocation");
        WfRevokeKind kind;
        WfRevokeBy by;
        if (publicity_revoke_kind_by_code(str(r, "kind"), &kind) != ZF_OK ||
            publicity_revoke_by_by_code(str(r, "by"), &by) != ZF_OK || !str(r, "reason"))
            return zf_fail(err, 400, "invalid_field", "revocation", "撤销记录不完整");
        if (publicity_can_revoke(&cs, on, err) != ZF_OK) return ZF_ERR;
        json_object_set_new(state, "revocation",
                            json_pack("{s:s, s:s, s:s, s:s, s:s}", "revoked_on", t, "kind", str(r, "kind"), "by",
                                      str(r, "by"), "reason", str(r, "reason"), "user", user));
        snprintf(note, note_size, "%s（%s）：%s", publicity_revoke_kind_name(kind), publicity_revoke_by_name(by),
                 str(r, "reason"));
        return ZF_OK;
    }
    const char *reason = str(step, "reason");
    if (publicity_can_withdraw(&cs, on, reason, err) != ZF_OK) return ZF_ERR;
    json_object_set_new(state, "withdrawal",
                        json_pack("{s:s, s:s, s:s}", "withdrawn_on", t, "reason", reason, "user", user));
    snprintf(note, note_size, "%s", reason);
    return store_publicity_withdraw(s->st, case_no, t, user, reason, err);
}

/* A workflow action or `record`: facts applied, gates checked, the act's own facts (`sets`)
 * recorded, the 案件编号 taken at 立案 and the 文号 when the step decides, the stage moved. */
static int workflow_step(Seeder *s, const json_t *step, zf_day on, json_t *rec, json_t *row, ZfError *err)
{
    const char *action = str(step, "action");
    json_t *state = json_object_get(row, "state");
    WfRole role = WR_OFFICER;
    WfAction a;
    CaseState cs;
    if (role_of(str(step, "user"), &role, err) != ZF_OK ||
        wf_fields_apply(json_object_get(step, "fields"), rec, state, s->today, str(step, "user"), err) != ZF_OK)
        return ZF_ERR;
    if (strcmp(action, "record") == 0) return ZF_OK;
    if (workflow_action_by_code(action, &a) != ZF_OK)
        return zf_fail(err, 400, "invalid_field", "action", "无法识别的办案操作“%s”", action);
    wf_kind_before(s->st, s->cal, a, rec, state, on); /* the kinds of issue 20, as the API (workflow_step.c) */
    if (case_state(s, rec, row, &cs, err) != ZF_OK ||
        workflow_can_transition(&cs, a, role, on, s->cal, &s->cfg, err) != ZF_OK)
        return ZF_ERR;
    int to = workflow_next_stage(&cs, a);
    wf_kind_record_act(s->st, s->cal, a, rec, state, on);
    const json_t *sets = json_object_get(step, "sets");
    if (sets) json_object_update(rec, (json_t *)sets);
    json_t *decision = json_object_get(rec, "decision");
    if (json_object_get(sets, "decision")) {
        char doc_no[200];
        if (wf_doc_no_allocate(s->st, str(rec, "agency"), on, doc_no, sizeof doc_no, err) != ZF_OK) return ZF_ERR;
        json_object_set_new(decision, "doc_no", json_string(doc_no));
        json_object_set_new(row, "doc_no", json_string(doc_no));
    }
    if (a == WA_APPROVE_FILING && !json_object_get(rec, "filing_no")) { /* as the API does (workflow_step.c) */
        char filing_no[200];
        if (wf_filing_no_allocate(s->st, str(rec, "agency"), on, filing_no, sizeof filing_no, err) != ZF_OK) return ZF_ERR;
        json_object_set_new(rec, "filing_no", json_string(filing_no));
    }
    json_object_set_new(row, "stage", json_string(workflow_stage_code((WfStage)to)));
    return ZF_OK;
}

/* A past approval of the script kept as the task it was, so the case's 审批记录 shows it: asked for
 * by the step that entered the stage, signed by the step's user with the step's note as his opinion
 * (the standard text when it has none, as the API records it). A sign-off the policy would not
 * accept from him is left out rather than invented. */
static int keep_signed_task(Seeder *s, const json_t *rec, const json_t *row, const json_t *step, zf_day on,
                            const char *time, char *note, size_t note_size, ZfError *err)
{
    WfAction a;
    WfStage at;
    const WfTransition *t = NULL;
    if (workflow_action_by_code(str(step, "action"), &a) == ZF_OK &&
        workflow_stage_by_code(s->entered.from, &at) == ZF_OK)
        t = workflow_transition_of_action(a);
    if (!t || !t->approval || !s->entered.user[0]) return ZF_OK;
    ApprovalPolicy policy;
    ApprovalTask task;
    CaseState cs;
    Approver who = {str(step, "user"), WR_OFFICER, 0};
    if (store_approval_policy(s->st, &policy, err) != ZF_OK || case_state(s, rec, row, &cs, err) != ZF_OK ||
        role_of(who.user, &who.role, err) != ZF_OK)
        return ZF_ERR;
    who.level = level_of_actor(&policy, who.user);
    if (who.role == WR_AGENCY_HEAD && who.level <= 0) who.level = policy.unassigned_head_level;
    approval_task_init(&task, &policy, a, &cs, s->entered.on, s->cal);
    task.return_to = at;
    ZfError refused;
    if (approval_sign(&task, &policy, &who, on, &refused) != ZF_OK || !approval_complete(&task)) return ZF_OK;
    if (!note[0]) store_setting_text(s->st, "approval_default_opinion", "同意。", note, note_size);
    approval_note_opinion(&task, who.user, note, time);
    return store_approval_open(s->st, str(row, "case_no"), str(row, "agency"), s->entered.user, &task, "done", err);
}

static int seed_steps(Seeder *s, const json_t *line, json_t *rec, json_t *row, ZfError *err)
{
    size_t i;
    json_t *step;
    const char *case_no = str(row, "case_no");
    json_array_foreach(json_object_get(line, "steps"), i, step) {
        const char *action = str(step, "action"), *on_text = str(step, "on");
        char note[1200], from[32], time[32];
        zf_day on;
        if (!action || !on_text || !date_parse(on_text, &on))
            return zf_fail(err, 400, "invalid_field", "steps", "第 %zu 步缺少操作或日期", i + 1);
        snprintf(note, sizeof note, "%s", str(step, "note") ? str(step, "note") : "");
        snprintf(from, sizeof from, "%s", str(row, "stage"));
        int rc;
        if (i == 0)
            rc = strcmp(action, "file") == 0 ? ZF_OK : zf_fail(err, 400, "invalid_field", "steps", "第一步应为 file");
        else if (strcmp(action, "publish") == 0 || strcmp(action, "revoke") == 0 ||
                 strcmp(action, "withdraw_publication") == 0)
            rc = publicity_step(s, step, on, rec, row, note, sizeof note, err);
        else
            rc = workflow_step(s, step, on, rec, row, err);
        if (rc != ZF_OK) return ZF_ERR;
        /* 09:00 China time on the act's day, a minute apart to keep the order */
        snprintf(time, sizeof time, "%sT01:%02zu:00Z", on_text, i % 60);
        if (i > 0 && keep_signed_task(s, rec, row, step, on, time, note, sizeof note, err) != ZF_OK) return ZF_ERR;
        if (strcmp(from, str(row, "stage")) != 0) {
            snprintf(s->entered.user, sizeof s->entered.user, "%s", str(step, "user") ? str(step, "user") : "");
            snprintf(s->entered.from, sizeof s->entered.from, "%s", from);
            s->entered.on = on;
        }
        if (app_timeline_add_at(s->st, case_no, time, str(step, "user"), action, i ? from : NULL,
                                           str(row, "stage"), note, err) != ZF_OK)
            return ZF_ERR;
    }
    return ZF_OK;
}

/* A case left at 立案审批 or 决定审批 waits in the approvers' 审批待办, as one moved there online
 * does: the task opened by the script's last step, on its day and by its user. */
static int open_waiting_task(Seeder *s, const json_t *line, const json_t *rec, const json_t *row, ZfError *err)
{
    WfStage stage;
    if (workflow_stage_by_code(str(row, "stage"), &stage) != ZF_OK) return ZF_OK;
    WfAction next = approval_opened_on_entering(stage);
    const json_t *steps = json_object_get(line, "steps");
    const json_t *last = json_array_get(steps, json_array_size(steps) - 1);
    zf_day on;
    if (next == WF_ACTION_COUNT || !last || !date_parse(str(last, "on"), &on)) return ZF_OK;
    ApprovalPolicy policy;
    CaseState cs;
    ApprovalTask t;
    if (store_approval_policy(s->st, &policy, err) != ZF_OK || case_state(s, rec, row, &cs, err) != ZF_OK)
        return ZF_ERR;
    approval_task_init(&t, &policy, next, &cs, on, s->cal);
    if (workflow_stage_by_code(s->entered.from, &t.return_to) != ZF_OK) t.return_to = WF_STAGE_COUNT;
    return store_approval_open(s->st, str(row, "case_no"), str(row, "agency"), str(last, "user"), &t, "pending", err);
}

/* True when the agency already handles cases online: init --demo run again adds none twice. */
static bool agency_has_cases(Store *st, const char *agency)
{
    json_t *out;
    ZfError err;
    if (store_workflow_list(st, agency, NULL, NULL, 1, 1, &out, &err) != ZF_OK) return false;
    bool some = json_integer_value(json_object_get(out, "total")) > 0;
    json_decref(out);
    return some;
}

static int seed_case(Seeder *s, json_t *line, ZfError *err)
{
    const char *agency = str(line, "agency"), *type = str(line, "case_type");
    if (!agency || !type || !json_is_object(json_object_get(line, "case")) || !str(line, "created_by"))
        return zf_fail(err, 400, "invalid_field", NULL, "缺少 agency、case_type、created_by 或 case");
    bool simple = strcmp(type, "penalty_simple") == 0;
    WfProcedure proc;
    const WfCaseType *ctype = workflow_case_type_by_code(type, &proc);
    if (!ctype) return zf_fail(err, 400, "invalid_field", "case_type", "无法识别的案件类型");
    memset(&s->entered, 0, sizeof s->entered);
    resolve_dates(line, s->cal, s->today);
    json_t *rec = json_deep_copy(json_object_get(line, "case"));
    /* the kinds of issue 20 as POST /workflow/cases opens them (api/inspections.c) */
    json_t *common = proc >= WF_PROC_INSPECTION
                         ? json_pack("{s:s, s:s, s:s}", "type", "case", "agency", agency, "kind", wf_kind_of_case_type(type))
                         : json_pack("{s:s, s:s, s:s, s:s}", "type", "case", "agency", agency, "kind", "penalty",
                                     "procedure", simple ? "simple" : "ordinary");
    if (proc == WF_PROC_ENFORCE) json_object_set_new(common, "measure", json_string("enforce"));
    json_object_update(rec, common);
    json_decref(common);
    json_t *row = NULL;
    long seq;
    char case_no[96];
    if (store_begin(s->st, err) != ZF_OK) {
        json_decref(rec);
        return ZF_ERR;
    }
    if (store_workflow_next_seq(s->st, agency, 0, &seq, err) != ZF_OK) goto fail;
    static const char *const PREFIX[WF_PROC_COUNT] = {"线索", "线索", "检查", "强制", "执行", "许可"};
    snprintf(case_no, sizeof case_no, "%s-%s-%ld", PREFIX[proc], agency, seq);
    json_object_set_new(rec, "case_no", json_string(case_no));
    row = json_pack("{s:s, s:s, s:s, s:s, s:{}, s:O, s:n, s:s}", "case_no", case_no, "agency", agency, "case_type",
                    type, "stage", workflow_stage_code(ctype->stages[0].stage), "state", "assignees",
                    json_object_get(rec, "officers") ? json_object_get(rec, "officers") : json_array(), "doc_no",
                    "created_by", str(line, "created_by"));
    if (seed_steps(s, line, rec, row, err) != ZF_OK || app_workflow_put(s->st, row, err) != ZF_OK ||
        open_waiting_task(s, line, rec, row, err) != ZF_OK || import_one_record_in(s->st, rec, err) != ZF_OK ||
        store_commit(s->st, err) != ZF_OK)
        goto fail;
    json_decref(rec);
    json_decref(row);
    return ZF_OK;
fail:
    store_rollback(s->st);
    json_decref(rec);
    json_decref(row);
    return ZF_ERR;
}

int demo_cases_load(Store *st, const Calendar *cal, zf_day today, FILE *in, long *loaded, ZfError *err)
{
    Seeder s = {.st = st, .cal = cal, .today = today};
    char buf[16384];
    long line_no = 0;
    *loaded = 0;
    if (sweep_load_config(st, &s.cfg, err) != ZF_OK) return ZF_ERR;
    json_t *skip = json_object(); /* agency → it had online cases before this load */
    while (fgets(buf, sizeof buf, in)) {
        line_no++;
        if (buf[0] == '\n' || buf[0] == '\0') continue;
        json_error_t jerr;
        json_t *line = json_loads(buf, 0, &jerr);
        ZfError step_err;
        json_t *taken = json_object_get(line, "doc_numbers_taken");
        const char *agency = str(taken ? taken : line, "agency");
        if (agency && !json_object_get(skip, agency)) /* first sight: before any of its demo cases */
            json_object_set_new(skip, agency, json_boolean(agency_has_cases(st, agency)));
        bool skipped = agency && json_is_true(json_object_get(skip, agency));
        int rc = !line    ? zf_fail(&step_err, 400, "invalid_json", NULL, "%s", jerr.text)
                 : skipped ? ZF_OK
                 : taken   ? store_workflow_seq_skip(st, agency, (int)json_integer_value(json_object_get(taken, "year")),
                                                     (long)json_integer_value(json_object_get(taken, "used")), &step_err)
                           : seed_case(&s, line, &step_err);
        bool counted = line && !taken && !skipped;
        json_decref(line);
        if (rc != ZF_OK) {
            json_decref(skip);
            return zf_fail(err, step_err.status, step_err.code, step_err.field, "第 %ld 行：%s", line_no,
                           step_err.message);
        }
        if (counted) (*loaded)++;
    }
    json_decref(skip);
    return ZF_OK;
}
