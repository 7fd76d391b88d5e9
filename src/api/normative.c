/* /api/v1/normative-docs and /api/v1/public/normative-docs: 规范性文件备案审查 (docs/normative-docs.md).
 * Parse → app/normative*.c → reply. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/list_export.h"
#include "api/params.h"
#include "app/normative.h"
#include "app/normative_incidental.h"
#include "domain/normative.h"
#include "http/auth.h"

static const char *const statuses[] = {"submitted", "held", "reviewing", "concluded", "declined", NULL};
static const char *const flags[] = {"0", "1", NULL};

/* A string field or absent; anything else is refused with the field named. */
static bool text_field(HttpRequest *req, const json_t *body, const char *name, const char **out)
{
    const json_t *v = json_object_get(body, name);
    *out = json_string_value(v);
    if (!v || json_is_null(v) || json_is_string(v)) return true;
    http_reply_error(req, 400, "invalid_field", name, "应为文字");
    return false;
}

static bool text_fields(HttpRequest *req, const json_t *body, const char *const *names, const char **out[])
{
    for (size_t i = 0; names[i]; i++)
        if (!text_field(req, body, names[i], out[i])) return false;
    return true;
}

static int reply_doc(HttpRequest *req, int status, int rc, json_t *doc, ZfError *err)
{
    if (rc != ZF_OK) return http_reply_zferror(req, err);
    return http_reply_json(req, status, doc);
}

int api_normative_file(HttpRequest *req)
{
    NormativeFiling in = {0};
    static const char *const names[] = {"title", "issuer", "doc_no", "signed_on", "published_on", "effective_on",
                                        "text", "drafting_note", "legality_opinion", "short_effect_reason",
                                        "valid_until", NULL};
    const char **out[] = {&in.title, &in.issuer, &in.doc_no, &in.signed_on, &in.published_on, &in.effective_on,
                          &in.text, &in.drafting_note, &in.legality_opinion, &in.short_effect_reason, &in.valid_until};
    json_t *body = http_body_json(req), *doc = NULL;
    ZfError err;
    if (!body) return 0;
    const json_t *rev = json_object_get(body, "revision_of");
    if (!text_fields(req, body, names, out)) return json_decref(body), 0;
    if (rev && !json_is_null(rev) && (!json_is_integer(rev) || json_integer_value(rev) <= 0)) {
        json_decref(body);
        return http_reply_error(req, 400, "invalid_field", "revision_of", "所修订的文件编号应为正整数");
    }
    in.revision_of = json_is_integer(rev) ? (long long)json_integer_value(rev) : 0;
    AppContext cx = api_context(req);
    int rc = app_normative_file(&cx, &in, &doc, &err);
    json_decref(body);
    return reply_doc(req, 201, rc, doc, &err);
}

int api_normative_list(HttpRequest *req)
{
    NormativeQuery q = {0};
    const char *mine;
    int page, size;
    json_t *out = NULL;
    ZfError err;
    if (param_enum(req, "status", statuses, &q.status) || param_text(req, "q", 100, &q.q) ||
        param_enum(req, "mine", flags, &mine) || param_page(req, &page, &size))
        return 0;
    q.mine = mine && strcmp(mine, "1") == 0;
    AppContext cx = api_context(req);
    int rc = app_normative_list(&cx, &q, page, size, &out, &err);
    return reply_doc(req, 200, rc, out, &err);
}

int api_normative_get(HttpRequest *req)
{
    long long id;
    json_t *doc = NULL;
    ZfError err;
    if (param_path_id(req, "id", "规范性文件不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    int rc = app_normative_get(&cx, id, &doc, &err);
    return reply_doc(req, 200, rc, doc, &err);
}

int api_normative_act(HttpRequest *req)
{
    long long id;
    NormativeAct in = {0};
    static const char *const names[] = {"action", "step", "opinion", "outcome", "on", NULL};
    const char **out[] = {&in.action, &in.step, &in.opinion, &in.outcome, &in.on};
    json_t *doc = NULL;
    ZfError err;
    if (param_path_id(req, "id", "规范性文件不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req);
    if (!body) return 0;
    if (!text_fields(req, body, names, out)) return json_decref(body), 0;
    in.points = json_object_get(body, "points");
    in.citations = json_object_get(body, "citations");
    in.items = json_object_get(body, "items");
    if (in.points && !json_is_array(in.points)) {
        json_decref(body);
        return http_reply_error(req, 400, "invalid_field", "points", "审查要点应为列表");
    }
    if ((in.citations && !json_is_null(in.citations) && !json_is_array(in.citations)) || (in.items && !json_is_array(in.items))) {
        json_decref(body);
        return http_reply_error(req, 400, "invalid_field", in.items && !json_is_array(in.items) ? "items" : "citations", "应为列表");
    }
    AppContext cx = api_context(req);
    int rc = app_normative_act(&cx, id, &in, &doc, &err);
    json_decref(body);
    return reply_doc(req, 200, rc, doc, &err);
}

int api_normative_cleanup_list(HttpRequest *req)
{
    const char *as_of_s;
    zf_day as_of;
    json_t *items = NULL;
    ZfError err;
    if (param_date(req, "as_of", &as_of_s)) return 0;
    as_of = req->today;
    if (as_of_s) date_parse(as_of_s, &as_of);
    AppContext cx = api_context(req);
    int rc = app_normative_cleanup_due(&cx, as_of, &items, &err);
    return reply_doc(req, 200, rc, rc == ZF_OK ? json_pack("{s:o}", "items", items) : NULL, &err);
}

int api_normative_cleanup_answer(HttpRequest *req)
{
    long long id;
    const char *answer, *reason;
    json_t *doc = NULL;
    ZfError err;
    if (param_path_id(req, "id", "规范性文件不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req);
    if (!body) return 0;
    if (!text_field(req, body, "answer", &answer) || !text_field(req, body, "reason", &reason))
        return json_decref(body), 0;
    AppContext cx = api_context(req);
    int rc = app_normative_cleanup_answer(&cx, id, answer, reason, &doc, &err);
    json_decref(body);
    return reply_doc(req, 200, rc, doc, &err);
}

int api_normative_stats(HttpRequest *req)
{
    json_t *out = NULL;
    ZfError err;
    AppContext cx = api_context(req);
    int rc = app_normative_stats(&cx, &out, &err);
    return reply_doc(req, 200, rc, out, &err);
}

static const ListExportColumn STATS[] = {
    {"issuer_name", "制定机关", 30, LX_TEXT, NULL},  {"year", "年度", 8, LX_NUMBER, NULL},
    {"filed", "报备件数", 10, LX_NUMBER, NULL},      {"registered", "登记件数", 10, LX_NUMBER, NULL},
    {"filing_rate", "报备登记率", 10, LX_NUMBER, NULL}, {"on_time", "按时报备", 10, LX_NUMBER, NULL},
    {"on_time_rate", "及时率", 10, LX_NUMBER, NULL}, {"reviewed", "审结件数", 10, LX_NUMBER, NULL},
    {"unlawful", "纠正或提请撤销", 12, LX_NUMBER, NULL}, {"lawful_rate", "规范率", 10, LX_NUMBER, NULL},
    {"review_days_avg", "平均审查天数", 12, LX_NUMBER, NULL},
};

int api_normative_stats_export(HttpRequest *req)
{
    static const ListExport ex = {"normative_stats_export", "规范性文件备案统计", "normative-stats.xlsx",
                                  "规范性文件备案统计.xlsx", api_normative_stats, (int)(sizeof STATS / sizeof *STATS),
                                  STATS};
    return list_export_reply(req, &ex);
}

/* 附带审查 handed over by the reconsideration organ (行政复议法 第十三条) through the module's seam. */
int api_normative_incidental(HttpRequest *req)
{
    NormativeIncidentalRequest in = {0};
    static const char *const names[] = {"recon_case_no", "doc_no", "title", "reason", "received_on", NULL};
    const char **out[] = {&in.recon_case_no, &in.doc_no, &in.title, &in.reason, &in.received_on};
    long long task_id = 0;
    ZfError err;
    json_t *body = http_body_json(req);
    if (!body) return 0;
    if (!text_fields(req, body, names, out)) return json_decref(body), 0;
    in.reconsideration_id = json_integer_value(json_object_get(body, "reconsideration_id"));
    AppContext cx = api_context(req);
    int rc = store_begin(req->store, &err);
    if (rc == ZF_OK) rc = app_normative_incidental_open_in(&cx, &in, &task_id, &err);
    if (rc == ZF_OK) rc = store_commit(req->store, &err);
    else store_rollback(req->store);
    json_decref(body);
    return reply_doc(req, 201, rc, rc == ZF_OK ? json_pack("{s:I}", "task_id", (json_int_t)task_id) : NULL, &err);
}

int api_normative_task_answer(HttpRequest *req)
{
    long long id;
    const char *answer;
    json_t *task = NULL;
    ZfError err;
    if (param_path_id(req, "id", "审查任务不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req);
    if (!body) return 0;
    if (!text_field(req, body, "answer", &answer)) return json_decref(body), 0;
    AppContext cx = api_context(req);
    int rc = app_normative_task_answer(&cx, id, answer, &task, &err);
    json_decref(body);
    return reply_doc(req, 200, rc, task, &err);
}

/* ---- the public register ---- */

int api_public_normative_list(HttpRequest *req)
{
    static const char *const validities[] = {"valid", "amended", "repealed", "all", NULL};
    const char *q, *validity;
    int page, size;
    json_t *out = NULL;
    ZfError err;
    if (param_text(req, "q", 100, &q) || param_enum(req, "validity", validities, &validity) || param_page(req, &page, &size))
        return 0;
    AppContext cx = api_context(req);
    int rc = app_normative_public(&cx, q, validity, page, size, &out, &err);
    return reply_doc(req, 200, rc, out, &err);
}

int api_public_normative_suggest(HttpRequest *req)
{
    long long id, task_id = 0;
    NormativeSuggestion in = {0};
    static const char *const names[] = {"content", "name", "phone", NULL};
    const char **out[] = {&in.content, &in.name, &in.phone};
    char addr[64];
    ZfError err;
    if (param_path_id(req, "id", "规范性文件不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req);
    if (!body) return 0;
    if (!text_fields(req, body, names, out)) return json_decref(body), 0;
    json_t *ch = json_object_get(body, "challenge");
    in.challenge_id = json_string_value(json_object_get(ch, "id"));
    in.nonce = json_string_value(json_object_get(ch, "nonce"));
    AppContext cx = api_context(req);
    auth_client_addr(req, addr, sizeof addr);
    int rc = app_normative_suggest(&cx, id, &in, addr, (long long)time(NULL), &task_id, &err);
    json_decref(body);
    return reply_doc(req, 201, rc, rc == ZF_OK ? json_pack("{s:b}", "received", 1) : NULL, &err);
}

int api_public_normative_cleanup_results(HttpRequest *req)
{
    json_t *items = NULL;
    ZfError err;
    AppContext cx = api_context(req);
    int rc = app_normative_cleanup_results(&cx, &items, &err);
    return reply_doc(req, 200, rc, rc == ZF_OK ? json_pack("{s:o}", "items", items) : NULL, &err);
}

/* The checklist of 不予登记 (domain/normative.h): what is not a normative document, with its basis. */
int api_normative_decline_items(HttpRequest *req)
{
    json_t *items = json_array();
    const NormDeclineItem *d;
    for (size_t i = 0; (d = norm_decline_item_at(i)); i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:s}", "code", d->code, "name", d->name, "basis", d->basis));
    return http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}
