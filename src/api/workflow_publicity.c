/* /api/v1/workflow/cases/{case_no}/publication and /revocation: 公示 of a penalty decision on the
 * public portal, the record that it was revoked or changed, and its withdrawal from the portal
 * (行政处罚法 第四十八条). published_on goes into the case record through the record path (ledger,
 * rules); the revocation and the withdrawal have no exchange-v1 field, so they live in the
 * workflow row state and in case_publicity. Every act is a timeline event and audited. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/workflow_cases.h"
#include "api/workflow_state.h"
#include "domain/workflow/publicity.h"
#include "http/auth.h"
#include "jobs/sweep.h"
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

static void day_text(zf_day d, char out[ZF_DATE_LEN]) { date_format(d, out); }

/* One publicity act on a case: loaded, checked by `check`, written by `write`. */
typedef struct {
    HttpRequest *req;
    json_t *body, *row, *rec;
    CaseState cs;
    zf_day on;
    const char *reason;
} Act;

static int act_open(Act *a, HttpRequest *req, json_t *body, const char *date_key, const char *date_label,
                    const char *reason_key, const char *reason_label, ZfError *err)
{
    memset(a, 0, sizeof *a);
    a->req = req;
    a->body = body;
    if (wf_case_load(req, http_param(req, "case_no"), &a->row, &a->rec, err) != ZF_OK) return ZF_ERR;
    if (body_date(body, date_key, date_label, sweep_today(), &a->on, err) != ZF_OK ||
        body_text(body, reason_key, reason_label, &a->reason, err) != ZF_OK)
        return ZF_ERR;
    return wf_state_build(req->store, a->rec, a->row, &a->cs, err);
}

static void act_close(Act *a)
{
    json_decref(a->body);
    json_decref(a->row);
    json_decref(a->rec);
}

/* Row (state changed or not) and a timeline event in one transaction, after `extra` wrote its own. */
typedef int (*ActWrite)(Act *a, ZfError *err);

static int act_commit(Act *a, const char *action, const char *note, ActWrite extra, ZfError *err)
{
    Store *st = a->req->store;
    const char *stage = str(a->row, "stage");
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    if ((extra && extra(a, err) != ZF_OK) || store_workflow_put(st, a->row, err) != ZF_OK ||
        store_workflow_timeline_add(st, str(a->row, "case_no"), a->req->auth->username, action, stage, stage,
                                    note, err) != ZF_OK ||
        store_commit(st, err) != ZF_OK) {
        store_rollback(st);
        return ZF_ERR;
    }
    return ZF_OK;
}

static int act_refuse(Act *a, const ZfError *err)
{
    if (err->status == 422 || err->status == 409)
        auth_audit(a->req, "workflow_refused", str(a->row, "case_no"), "refused", err->message);
    return http_reply_zferror(a->req, err);
}

static int act_done(Act *a, const char *audit_action, const char *detail)
{
    auth_audit(a->req, audit_action, str(a->row, "case_no"), "ok", detail);
    return wf_case_reply(a->req, 200, a->rec, a->row);
}

/* ---- POST …/publication: 公示 ---------------------------------------------------------- */

static int write_publication(Act *a, ZfError *err)
{
    char on[ZF_DATE_LEN];
    day_text(a->on, on);
    return store_publicity_publish(a->req->store, str(a->row, "case_no"), str(a->row, "agency"), on,
                                   a->req->auth->username, err);
}

int api_workflow_publication_create(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    Act a;
    ZfError err;
    int rc;
    char on[ZF_DATE_LEN];
    if (act_open(&a, req, body, "on", "公示日期", "note", "说明", &err) != ZF_OK ||
        publicity_can_publish(&a.cs, a.on, &err) != ZF_OK) {
        rc = act_refuse(&a, &err);
        goto done;
    }
    day_text(a.on, on);
    json_object_set_new(a.rec, "published_on", json_string(on));
    if (wf_case_validate(a.rec, &err) != ZF_OK ||
        act_commit(&a, "publish", a.reason, write_publication, &err) != ZF_OK ||
        wf_case_store_record(req, a.rec, &err) != ZF_OK) {
        rc = act_refuse(&a, &err);
        goto done;
    }
    rc = act_done(&a, "workflow_publish", on);
done:
    act_close(&a);
    return rc;
}

/* ---- DELETE …/publication: 撤回公示 ------------------------------------------------------ */

static int write_withdrawal(Act *a, ZfError *err)
{
    char on[ZF_DATE_LEN];
    day_text(a->on, on);
    return store_publicity_withdraw(a->req->store, str(a->row, "case_no"), on, a->req->auth->username,
                                    a->reason, err);
}

int api_workflow_publication_delete(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    Act a;
    ZfError err;
    int rc;
    char on[ZF_DATE_LEN];
    if (act_open(&a, req, body, "on", "撤回日期", "reason", "撤回理由", &err) != ZF_OK ||
        publicity_can_withdraw(&a.cs, a.on, a.reason, &err) != ZF_OK) {
        rc = act_refuse(&a, &err);
        goto done;
    }
    day_text(a.on, on);
    json_object_set_new(json_object_get(a.row, "state"), "withdrawal",
                        json_pack("{s:s, s:s, s:s}", "withdrawn_on", on, "reason", a.reason, "user",
                                  req->auth->username));
    if (act_commit(&a, "withdraw_publication", a.reason, write_withdrawal, &err) != ZF_OK) {
        rc = act_refuse(&a, &err);
        goto done;
    }
    rc = act_done(&a, "workflow_withdraw_publication", a.reason);
done:
    act_close(&a);
    return rc;
}

/* ---- POST …/revocation: 处罚决定被撤销、变更、确认违法或无效 ---------------------------- */

int api_workflow_revocation_create(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    Act a;
    ZfError err;
    int rc;
    WfRevokeKind kind;
    WfRevokeBy by;
    char on[ZF_DATE_LEN], note[REASON_MAX + 128];
    const char *reason;
    if (act_open(&a, req, body, "revoked_on", "撤销（变更）日期", "reason", "理由", &err) != ZF_OK) {
        rc = act_refuse(&a, &err);
        goto done;
    }
    reason = a.reason;
    while (reason && isspace((unsigned char)*reason)) reason++;
    if (publicity_revoke_kind_by_code(str(body, "kind"), &kind) != ZF_OK)
        rc = zf_fail(&err, 400, "invalid_field", "kind", "请选择决定被撤销、变更、确认违法还是确认无效");
    else if (publicity_revoke_by_by_code(str(body, "by"), &by) != ZF_OK)
        rc = zf_fail(&err, 400, "invalid_field", "by", "请选择行政复议、行政诉讼或自行纠正");
    else if (!reason || !*reason)
        rc = zf_fail(&err, 400, "missing_field", "reason", "请填写撤销或变更的理由（文书名称、文号）");
    else
        rc = publicity_can_revoke(&a.cs, a.on, &err);
    if (rc != ZF_OK) {
        rc = act_refuse(&a, &err);
        goto done;
    }
    day_text(a.on, on);
    json_object_set_new(json_object_get(a.row, "state"), "revocation",
                        json_pack("{s:s, s:s, s:s, s:s, s:s}", "revoked_on", on, "kind", str(body, "kind"), "by",
                                  str(body, "by"), "reason", a.reason, "user", req->auth->username));
    snprintf(note, sizeof note, "%s（%s）：%s", publicity_revoke_kind_name(kind), publicity_revoke_by_name(by),
             a.reason);
    if (act_commit(&a, "revoke", note, NULL, &err) != ZF_OK) {
        rc = act_refuse(&a, &err);
        goto done;
    }
    rc = act_done(&a, "workflow_revoke", note);
done:
    act_close(&a);
    return rc;
}
