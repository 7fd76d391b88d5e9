/* /api/v1/reconsiderations: the 行政复议 platform (docs/reconsideration.md). Thin: parameters and
 * bodies are read here, every rule is app/reconsideration*.c and domain/recon_*.c. */
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/list_export.h"
#include "api/params.h"
#include "app/reconsideration.h"
#include "domain/recon_act_kinds.h"
#include "domain/recon_flow.h"
#include "http/auth.h"
#include "http/response.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int reply_record(HttpRequest *req, int status, int rc, json_t *record, ZfError *err, const char *what)
{
    if (rc != ZF_OK) {
        if (err->status == 409 || err->status == 422 || err->status == 403)
            auth_audit(req, "reconsideration_refused", http_param(req, "id"), "refused", err->message);
        return http_reply_zferror(req, err);
    }
    auth_audit(req, what, str(record, "case_no"), "ok", str(record, "status"));
    int r = http_reply_json(req, status, record);
    return r;
}

int api_recons_create(HttpRequest *req)
{
    json_t *body = http_body_json(req), *record = NULL;
    if (!body) return 0;
    ZfError err;
    AppContext cx = api_context(req);
    if (str(body, "channel") && strcmp(str(body, "channel"), "portal") == 0) json_object_set_new(body, "channel", json_string("counter"));
    int rc = app_recon_create(&cx, body, &record, &err);
    json_decref(body);
    return reply_record(req, 201, rc, record, &err, "reconsideration_register");
}

int api_recon_action(HttpRequest *req)
{
    long long id;
    if (param_path_id(req, "id", "行政复议案件不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *record = NULL;
    if (!body) return 0;
    ZfError err;
    AppContext cx = api_context(req);
    int rc = app_recon_act(&cx, id, body, &record, &err);
    char what[48] = "reconsideration_";
    const char *action = str(body, "action");
    strncat(what, recon_action(action) ? action : "act", sizeof what - strlen(what) - 1);
    rc = reply_record(req, 200, rc, record, &err, what);
    json_decref(body);
    return rc;
}

int api_recon_get(HttpRequest *req)
{
    long long id;
    json_t *record;
    ZfError err;
    if (param_path_id(req, "id", "行政复议案件不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    if (app_recon_get(&cx, id, &record, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, record);
}

static const char *const STATUSES[] = {"received", "correcting", "accepted", "copy_sent", "answered", "suspended",
                                       "mediated", "decided",  "rejected", "closed",    NULL};
#define CODE_CHARS "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

static int read_filter(HttpRequest *req, ReconFilter *f)
{
    *f = (ReconFilter){0};
    return param_enum(req, "status", STATUSES, &f->status) ||
           param_code(req, "respondent", CODE_CHARS, 1, 18, &f->respondent) || param_text(req, "q", 100, &f->q) ||
           param_date(req, "from", &f->received_from) || param_date(req, "to", &f->received_to);
}

int api_recons_list(HttpRequest *req)
{
    ReconFilter f;
    int page, size;
    json_t *out;
    ZfError err;
    if (read_filter(req, &f) || param_page(req, &page, &size)) return 0;
    AppContext cx = api_context(req);
    if (app_recons_list(&cx, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_recons_stats(HttpRequest *req)
{
    ReconFilter f;
    json_t *out;
    ZfError err;
    if (read_filter(req, &f)) return 0;
    AppContext cx = api_context(req);
    if (app_recons_stats(&cx, &f, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

static json_t *pairs_of(const char *const table[][2])
{
    json_t *list = json_array();
    for (size_t i = 0; table[i][0]; i++)
        json_array_append_new(list, json_pack("{s:s, s:s}", "code", table[i][0], "name", table[i][1]));
    return list;
}

void api_recon_dicts_add(json_t *out)
{
    static const char *const CHANNELS[][2] = {
        {"counter", "当面提出"}, {"letter", "来信"}, {"post", "邮寄"}, {"portal", "网上申请"}, {NULL, NULL}};
    json_t *actions = json_array(), *suspend = json_array();
    for (const ReconActionDef *a = RECON_ACTIONS; a->code; a++)
        json_array_append_new(actions, json_pack("{s:s, s:s}", "code", a->code, "name", a->name));
    for (int n = 1; recon_suspend_reason(n); n++)
        json_array_append_new(suspend, json_pack("{s:i, s:s}", "code", n, "name", recon_suspend_reason(n)));
    json_object_set_new(out, "reconsideration_statuses", pairs_of(RECON_STATUSES));
    json_object_set_new(out, "reconsideration_actions", actions);
    json_object_set_new(out, "reconsideration_outcomes", pairs_of(RECON_OUTCOMES));
    json_object_set_new(out, "reconsideration_reject_reasons", pairs_of(RECON_REJECT_REASONS));
    json_object_set_new(out, "reconsideration_suspend_reasons", suspend);
    json_object_set_new(out, "reconsideration_channels", pairs_of(CHANNELS));
    json_object_set_new(out, "reconsideration_act_kinds", pairs_of(RECON_ACT_KINDS));
}

/* ---- Excel: the list and the statistics by respondent, as their pages show them ---- */

static const ListExportColumn LIST_COLUMNS[] = {
    {"case_no", "复议案号", 24, LX_TEXT, NULL},           {"body.applicant.name", "申请人", 16, LX_TEXT, NULL},
    {"respondent_name", "被申请人", 28, LX_TEXT, NULL},   {"status_name", "状态", 10, LX_TEXT, NULL},
    {"procedure_name", "程序", 8, LX_TEXT, NULL},              {"received_on", "收到申请", 12, LX_TEXT, NULL},
    {"accepted_on", "受理日期", 12, LX_TEXT, NULL},       {"deadlines.decision_due_on", "决定期限", 12, LX_TEXT, NULL},
    {"decided_on", "决定日期", 12, LX_TEXT, NULL},        {"outcome_name", "决定结果", 10, LX_TEXT, NULL},
    {"reject_reason_name", "不予受理理由", 40, LX_TEXT, NULL},
};

static const ListExportColumn STATS_COLUMNS[] = {
    {"respondent_name", "被申请人", 28, LX_TEXT, NULL}, {"received", "收到申请（件）", 12, LX_NUMBER, NULL},
    {"accepted", "受理（件）", 10, LX_NUMBER, NULL},     {"rejected", "不予受理（件）", 12, LX_NUMBER, NULL},
    {"decided", "审结（件）", 10, LX_NUMBER, NULL},      {"corrected", "纠错（件）", 10, LX_NUMBER, NULL},
    {"correction_rate", "纠错率（%）", 10, LX_NUMBER, NULL}, {"avg_days", "平均审理天数", 12, LX_NUMBER, NULL},
};

int api_recons_export(HttpRequest *req)
{
    static const ListExport ex = {"reconsiderations_export", "行政复议案件", "reconsiderations.xlsx", "行政复议案件.xlsx",
                                  api_recons_list, (int)(sizeof LIST_COLUMNS / sizeof *LIST_COLUMNS), LIST_COLUMNS};
    return list_export_reply(req, &ex);
}

int api_recons_stats_export(HttpRequest *req)
{
    static const ListExport ex = {"reconsideration_stats_export", "行政复议统计", "reconsideration-stats.xlsx",
                                  "行政复议统计.xlsx", api_recons_stats,
                                  (int)(sizeof STATS_COLUMNS / sizeof *STATS_COLUMNS), STATS_COLUMNS};
    return list_export_reply(req, &ex);
}

/* ---- the portal: apply and track (no login) ---- */

int api_public_recons_create(HttpRequest *req)
{
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    char addr[64];
    ZfError err;
    auth_client_addr(req, addr, sizeof addr);
    int rc = app_recon_apply_public(&cx, body, addr, (long long)time(NULL), &out, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 201, out);
}

int api_public_recons_track(HttpRequest *req)
{
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    char addr[64];
    ZfError err;
    auth_client_addr(req, addr, sizeof addr);
    int rc = app_recon_track_public(&cx, str(body, "case_no"), str(body, "id_no"), str(body, "phone"), addr,
                                    (long long)time(NULL), &out, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}
