/* /api/v1/workflow/cases/{case_no}/publication and /revocation: 公示 of a penalty decision on the
 * public portal, the record that it was revoked or changed, and its withdrawal from the portal
 * (行政处罚法 第四十八条). published_on goes into the case record through the record path (ledger,
 * rules); the revocation and the withdrawal have no exchange-v1 field, so they live in the
 * workflow row state and in case_publicity. Every act is a timeline event and audited.
 * GET /workflow/publicity lists the agency's decisions still to publish or to withdraw. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "app/outcome_leads.h"
#include "api/workflow_cases.h"
#include "app/case_log.h"
#include "app/workflow_holdings.h"
#include "app/workflow_state.h"
#include "domain/workflow/deadlines.h"
#include "domain/workflow/publicity.h"
#include "http/auth.h"
#include "app/import.h"
#include "app/sweep.h"
#include "store/publicity.h"
#include "store/workflow.h"

#define REASON_MAX 500

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The act's date from body[key]: today when absent, never in the future (a back-entry). */
static int body_date(const json_t *body, const char *key, const char *label, zf_day today, zf_day *out, ZfError *err)
{
    json_t *v = json_object_get(body, key);
    *out = today;
    if (!v || json_is_null(v)) return ZF_OK;
    if (!json_is_string(v) || !date_parse(json_string_value(v), out))
        return zf_fail(err, 400, "invalid_date", key, "%s应为 YYYY-MM-DD 格式的有效日期", label);
    if (*out > today) return zf_fail(err, 400, "invalid_date", key, "%s不能晚于今天", label);
    return ZF_OK;
}

/* body[key] as text of at most REASON_MAX bytes; NULL when absent (the domain decides if required). */
static int body_text(const json_t *body, const char *key, const char *label, const char **out, ZfError *err)
{
    json_t *v = json_object_get(body, key);
    *out = NULL;
    if (!v || json_is_null(v)) return ZF_OK;
    if (!json_is_string(v) || strlen(json_string_value(v)) > REASON_MAX)
        return zf_fail(err, 400, "invalid_field", key, "%s应为不超过 %d 字节的文字", label, REASON_MAX);
    *out = json_string_value(v);
    return ZF_OK;
}

/* One publicity act on a case of the caller's agency: its date, its reason or note, the case as
 * loaded, and what the timeline and the audit log will say. */
typedef struct {
    HttpRequest *req;
    json_t *body, *row, *rec;
    CaseState cs;
    zf_day on;
    char day[ZF_DATE_LEN]; /* on, as text */
    const char *reason;
    char note[REASON_MAX + 128];
} Act;

/* What differs between the three acts: the body's keys, the check-and-change step (`prepare`,
 * before anything is written), the store write inside the transaction, and whether the case
 * record changed and so goes through the record path. */
typedef struct {
    const char *date_key, *date_label, *reason_key, *reason_label;
    const char *timeline_action, *audit_action;
    int (*prepare)(Act *a, ZfError *err);
    int (*write)(Act *a, ZfError *err);
    bool record_changes;
} ActDef;

static int act_open(Act *a, const ActDef *def, ZfError *err)
{
    if (wf_case_load(a->req->store, a->req->auth, http_param(a->req, "case_no"), &a->row, &a->rec, err) != ZF_OK) return ZF_ERR;
    if (body_date(a->body, def->date_key, def->date_label, a->req->today, &a->on, err) != ZF_OK ||
        body_text(a->body, def->reason_key, def->reason_label, &a->reason, err) != ZF_OK)
        return ZF_ERR;
    date_format(a->on, a->day);
    return wf_state_build(a->req->store, a->rec, a->row, &a->cs, err);
}

/* The prepared row (stage unchanged), a timeline event, def->write and the changed record
 * (ledger event), inside run_act's transaction. */
static int act_commit(Act *a, const ActDef *def, ZfError *err)
{
    Store *st = a->req->store;
    const char *stage = str(a->row, "stage");
    if ((def->write && def->write(a, err) != ZF_OK) || app_workflow_put(st, a->row, err) != ZF_OK ||
        app_timeline_add(st, str(a->row, "case_no"), a->req->auth->username, def->timeline_action,
                                    stage, stage, a->note, err) != ZF_OK)
        return ZF_ERR;
    return def->record_changes ? import_one_record_in(st, a->rec, err) : ZF_OK;
}

static int run_act(HttpRequest *req, const ActDef *def)
{
    Act a = {.req = req, .body = http_body_json(req)};
    if (!a.body) return 0;
    ZfError err;
    int rc;
    /* read, check and write in one BEGIN IMMEDIATE transaction: concurrent acts on a case are
     * serialised, none works from a stale copy */
    if (store_begin(req->store, &err) != ZF_OK || act_open(&a, def, &err) != ZF_OK || def->prepare(&a, &err) != ZF_OK ||
        (def->record_changes && wf_case_validate(req->store, a.rec, &err) != ZF_OK) || act_commit(&a, def, &err) != ZF_OK ||
        store_commit(req->store, &err) != ZF_OK) {
        store_rollback(req->store);
        if (err.status == 422 || err.status == 409)
            auth_audit(req, "workflow_refused", str(a.row, "case_no"), "refused", err.message);
        rc = http_reply_zferror(req, &err);
    } else {
        if (def->record_changes) wf_case_recheck(req, str(a.row, "case_no"));
        auth_audit(req, def->audit_action, str(a.row, "case_no"), "ok", a.note[0] ? a.note : a.day);
        rc = wf_case_reply(req, 200, a.rec, a.row);
    }
    json_decref(a.body);
    json_decref(a.row);
    json_decref(a.rec);
    return rc;
}

/* ---- POST …/publication: 公示 ---------------------------------------------------------- */

static int prepare_publication(Act *a, ZfError *err)
{
    if (publicity_can_publish(&a->cs, a->on, err) != ZF_OK) return ZF_ERR;
    json_object_set_new(a->rec, "published_on", json_string(a->day));
    snprintf(a->note, sizeof a->note, "%s", a->reason ? a->reason : "");
    return ZF_OK;
}

static int write_publication(Act *a, ZfError *err)
{
    return store_publicity_publish(a->req->store, str(a->row, "case_no"), str(a->row, "agency"), a->day,
                                   a->req->auth->username, err);
}

int api_workflow_publication_create(HttpRequest *req)
{
    static const ActDef def = {"on", "公示日期", "note", "说明", "publish", "workflow_publish",
                               prepare_publication, write_publication, true};
    return run_act(req, &def);
}

/* ---- DELETE …/publication: 撤回公示 ------------------------------------------------------ */

static int prepare_withdrawal(Act *a, ZfError *err)
{
    if (publicity_can_withdraw(&a->cs, a->on, a->reason, err) != ZF_OK) return ZF_ERR;
    json_object_set_new(json_object_get(a->row, "state"), "withdrawal",
                        json_pack("{s:s, s:s, s:s}", "withdrawn_on", a->day, "reason", a->reason, "user",
                                  a->req->auth->username));
    snprintf(a->note, sizeof a->note, "%s", a->reason);
    return ZF_OK;
}

static int write_withdrawal(Act *a, ZfError *err)
{
    return store_publicity_withdraw(a->req->store, str(a->row, "case_no"), a->day, a->req->auth->username,
                                    a->reason, err);
}

int api_workflow_publication_delete(HttpRequest *req)
{
    static const ActDef def = {"on", "撤回日期", "reason", "撤回理由", "withdraw_publication",
                               "workflow_withdraw_publication", prepare_withdrawal, write_withdrawal, false};
    return run_act(req, &def);
}

/* ---- POST …/revocation: 处罚决定被撤销、变更、确认违法或无效 ---------------------------- */

/* A decision revoked, changed or found illegal in 行政复议 or 行政诉讼 becomes a supervision lead on the
 * case and its agency at once, in the same transaction ("在行政复议中发现的执法问题线索，直接转入行政执法
 * 监督程序"; 行政复议法 第七十六条). */
static int revocation_lead(Act *a, WfRevokeBy by, ZfError *err)
{
    AppContext cx = api_context(a->req);
    cx.user = NULL; /* the system files it: the officer who records the outcome is not its author */
    bool created;
    return app_outcome_lead_in(&cx, str(a->row, "case_no"), str(a->row, "agency"), str(a->body, "kind"),
                               by == WF_REVOKE_BY_LITIGATION ? "litigation" : "review", a->reason, &created, err);
}

static int prepare_revocation(Act *a, ZfError *err)
{
    WfRevokeKind kind;
    WfRevokeBy by;
    const char *reason = a->reason;
    while (reason && isspace((unsigned char)*reason)) reason++;
    if (publicity_revoke_kind_by_code(str(a->body, "kind"), &kind) != ZF_OK)
        return zf_fail(err, 400, "invalid_field", "kind", "请选择决定被撤销、变更、确认违法还是确认无效");
    if (publicity_revoke_by_by_code(str(a->body, "by"), &by) != ZF_OK)
        return zf_fail(err, 400, "invalid_field", "by", "请选择行政复议、行政诉讼或自行纠正");
    if (!reason || !*reason)
        return zf_fail(err, 400, "missing_field", "reason", "请填写撤销或变更的理由（文书名称、文号）");
    if (publicity_can_revoke(&a->cs, a->on, err) != ZF_OK) return ZF_ERR;
    json_object_set_new(json_object_get(a->row, "state"), "revocation",
                        json_pack("{s:s, s:s, s:s, s:s, s:s}", "revoked_on", a->day, "kind", str(a->body, "kind"),
                                  "by", str(a->body, "by"), "reason", a->reason, "user", a->req->auth->username));
    snprintf(a->note, sizeof a->note, "%s（%s）：%s", publicity_revoke_kind_name(kind), publicity_revoke_by_name(by),
             a->reason);
    return by == WF_REVOKE_BY_SELF ? ZF_OK : revocation_lead(a, by, err);
}

int api_workflow_revocation_create(HttpRequest *req)
{
    static const ActDef def = {"revoked_on", "撤销（变更）日期", "reason", "理由", "revoke", "workflow_revoke",
                               prepare_revocation, NULL, false};
    return run_act(req, &def);
}

/* ---- GET /workflow/publicity: 公示待办 of the caller's agency ----------------------------- */

static json_t *pending_item(HttpRequest *req, const json_t *item, const Calendar *cal, const RuleConfig *cfg,
                            zf_day today)
{
    const json_t *row = json_object_get(item, "row"), *rec = json_object_get(item, "record");
    CaseState cs;
    ZfError err;
    Deadline dl[WF_MAX_DEADLINES];
    if (!json_is_object(rec) || wf_state_build(req->store, rec, row, &cs, &err) != ZF_OK) return NULL;
    DeadlineKind want = case_has(cs.published_on) ? DL_WITHDRAWAL : DL_PUBLICITY;
    size_t n = workflow_deadlines(&cs, today, cal, cfg, dl, WF_MAX_DEADLINES);
    for (size_t i = 0; i < n && i < WF_MAX_DEADLINES; i++) {
        if (dl[i].kind != want) continue;
        char due[ZF_DATE_LEN];
        date_format(dl[i].due, due);
        return json_pack("{s:O, s:O, s:O, s:O, s:O, s:O*, s:s, s:O*, s:{s:s, s:s, s:s, s:i, s:s}}", "case_no",
                         json_object_get(row, "case_no"), "doc_no", json_object_get(row, "doc_no"), "stage",
                         json_object_get(row, "stage"), "party", json_object_get(rec, "party"), "decided_on",
                         json_object_get(rec, "decided_on"), "published_on", json_object_get(rec, "published_on"),
                         "todo", want == DL_WITHDRAWAL ? "withdraw" : "publish", "revocation",
                         json_object_get(json_object_get(row, "state"), "revocation"), "deadline", "name",
                         dl[i].name, "article", dl[i].article, "due", due, "days_left", dl[i].days_left, "colour",
                         deadline_colour_code(dl[i].colour));
    }
    return NULL;
}

int api_workflow_publicity_pending(HttpRequest *req)
{
    json_t *items = json_array(), *rows;
    ZfError err;
    RuleConfig cfg;
    if (req->auth && req->auth->agency[0]) {
        if (sweep_load_config(req->store, &cfg, &err) != ZF_OK ||
            store_publicity_pending(req->store, req->auth->agency, &rows, &err) != ZF_OK) {
            json_decref(items);
            return http_reply_zferror(req, &err);
        }
        size_t i;
        json_t *item;
        zf_day today = req->today;
        json_array_foreach(rows, i, item) {
            json_t *out = pending_item(req, item, req->calendar, &cfg, today);
            if (out) json_array_append_new(items, out);
        }
        json_decref(rows);
    }
    return http_reply_json(req, 200, json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items), "items", items));
}
