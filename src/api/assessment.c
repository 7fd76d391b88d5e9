/* /api/v1/assessment/plans…: the plans, fillings, reviews, scores, ranking, tasks and the orders
 * they turn into (docs/assessment.md). Thin: parses, calls app/assessment*.c, replies, audits. */
#include "api/assessment.h"

#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/list_export.h"
#include "api/params.h"
#include "app/assessment.h"
#include "http/auth.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int reply(HttpRequest *req, int status, int rc, json_t *out, const ZfError *err, const char *audit)
{
    if (rc != ZF_OK) return http_reply_zferror(req, err);
    if (audit) auth_audit(req, audit, http_param(req, "id") ? http_param(req, "id") : "", "ok", "");
    return http_reply_json(req, status, out);
}

static int plan_id(HttpRequest *req, long long *id) { return param_path_id(req, "id", "考核方案不存在", id); }

/* Path segments naming a unit (agency code) or an indicator code: short printable text. */
static int path_code(HttpRequest *req, const char *name, const char **out)
{
    const char *v = http_param(req, name);
    size_t n = v ? strlen(v) : 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x21 || v[i] == '/' || (unsigned char)v[i] > 0x7e) n = 0;
    if (n == 0 || n > 32) {
        http_reply_error(req, 404, "not_found", name, "考核单位或指标不存在");
        return ZF_ERR;
    }
    *out = v;
    return ZF_OK;
}

int api_assess_plans_list(HttpRequest *req)
{
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = app_assess_plans_list(&cx, &out, &err);
    return reply(req, 200, rc, out, &err, NULL);
}

int api_assess_plans_create(HttpRequest *req)
{
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_assess_plan_create(&cx, body, &out, &err);
    json_decref(body);
    return reply(req, 201, rc, out, &err, "assessment_plan_create");
}

int api_assess_plan_get(HttpRequest *req)
{
    long long id;
    json_t *out = NULL;
    ZfError err;
    if (plan_id(req, &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    int rc = app_assess_plan_get(&cx, id, &out, &err);
    return reply(req, 200, rc, out, &err, NULL);
}

int api_assess_plan_put(HttpRequest *req)
{
    long long id;
    if (plan_id(req, &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_assess_plan_update(&cx, id, body, &out, &err);
    json_decref(body);
    return reply(req, 200, rc, out, &err, "assessment_plan_update");
}

int api_assess_plan_copy(HttpRequest *req)
{
    long long id;
    if (plan_id(req, &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_assess_plan_copy(&cx, id, str(body, "year"), &out, &err);
    json_decref(body);
    return reply(req, 201, rc, out, &err, "assessment_plan_copy");
}

static int plan_act(HttpRequest *req, const char *act, const char *audit)
{
    long long id;
    json_t *out = NULL;
    ZfError err;
    if (plan_id(req, &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    int rc = app_assess_plan_act(&cx, id, act, &out, &err);
    return reply(req, strcmp(act, "revise") == 0 ? 201 : 200, rc, out, &err, audit);
}

int api_assess_plan_publish(HttpRequest *req) { return plan_act(req, "publish", "assessment_plan_publish"); }
int api_assess_plan_revise(HttpRequest *req) { return plan_act(req, "revise", "assessment_plan_revise"); }
int api_assess_plan_close(HttpRequest *req) { return plan_act(req, "close", "assessment_plan_close"); }

int api_assess_ranking(HttpRequest *req)
{
    long long id;
    json_t *out = NULL;
    ZfError err;
    if (plan_id(req, &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    int rc = app_assess_ranking(&cx, id, &out, &err);
    return reply(req, 200, rc, out, &err, NULL);
}

static const ListExportColumn RANKING[] = {
    {"rank", "名次", 6, LX_NUMBER, NULL},           {"unit_name", "被考核单位", 30, LX_TEXT, NULL},
    {"unit", "单位代码", 20, LX_TEXT, NULL},         {"total", "总分", 10, LX_NUMBER, NULL},
    {"previous_total", "上年总分", 10, LX_NUMBER, NULL}, {"change", "较上年变化", 10, LX_NUMBER, NULL},
};

int api_assess_ranking_export(HttpRequest *req)
{
    static const ListExport ex = {"assessment_ranking_export", "考核排名", "assessment-ranking.xlsx", "法治督察考核排名.xlsx",
                                  api_assess_ranking, (int)(sizeof RANKING / sizeof *RANKING), RANKING};
    return list_export_reply(req, &ex);
}

int api_assess_unit(HttpRequest *req)
{
    long long id;
    const char *unit;
    json_t *out = NULL;
    ZfError err;
    if (plan_id(req, &id) != ZF_OK || path_code(req, "unit", &unit) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    int rc = app_assess_unit(&cx, id, unit, &out, &err);
    return reply(req, 200, rc, out, &err, NULL);
}

int api_assess_filling_put(HttpRequest *req)
{
    long long id;
    const char *unit, *indicator;
    if (plan_id(req, &id) != ZF_OK || path_code(req, "unit", &unit) != ZF_OK || path_code(req, "indicator", &indicator) != ZF_OK)
        return 0;
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_assess_filling_put(&cx, id, unit, indicator, body, &out, &err);
    json_decref(body);
    return reply(req, 200, rc, out, &err, "assessment_filling");
}

int api_assess_filling_review(HttpRequest *req)
{
    long long id;
    const char *unit, *indicator;
    if (plan_id(req, &id) != ZF_OK || path_code(req, "unit", &unit) != ZF_OK || path_code(req, "indicator", &indicator) != ZF_OK)
        return 0;
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_assess_filling_review(&cx, id, unit, indicator, str(body, "action"), str(body, "note"), &out, &err);
    json_decref(body);
    return reply(req, 200, rc, out, &err, "assessment_filling_review");
}

int api_assess_contests_create(HttpRequest *req)
{
    long long id;
    if (plan_id(req, &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_assess_contest(&cx, id, str(body, "unit"), str(body, "indicator"), str(body, "reason"), &out, &err);
    json_decref(body);
    return reply(req, 201, rc, out, &err, "assessment_contest");
}

int api_assess_scores_create(HttpRequest *req)
{
    long long id;
    if (plan_id(req, &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_assess_score(&cx, id, body, &out, &err);
    json_decref(body);
    return reply(req, 201, rc, out, &err, "assessment_score");
}

int api_assess_tasks_list(HttpRequest *req)
{
    long long id;
    json_t *out = NULL;
    ZfError err;
    if (plan_id(req, &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    int rc = app_assess_tasks(&cx, id, &out, &err);
    return reply(req, 200, rc, out, &err, NULL);
}

int api_assess_tasks_create(HttpRequest *req)
{
    long long id;
    if (plan_id(req, &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_assess_task_create(&cx, id, body, &out, &err);
    json_decref(body);
    return reply(req, 201, rc, out, &err, "assessment_task_create");
}

int api_assess_task_progress(HttpRequest *req)
{
    long long id;
    if (param_path_id(req, "id", "考核任务不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_assess_task_progress(&cx, id, str(body, "note"), json_is_true(json_object_get(body, "done")), &out, &err);
    json_decref(body);
    return reply(req, 200, rc, out, &err, "assessment_task_progress");
}

int api_assess_orders_create(HttpRequest *req)
{
    long long id;
    if (plan_id(req, &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_assess_order(&cx, id, body, &out, &err);
    json_decref(body);
    return reply(req, 201, rc, out, &err, "assessment_order");
}

int api_assess_survey(HttpRequest *req)
{
    long long id;
    json_t *out = NULL;
    ZfError err;
    if (plan_id(req, &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    int rc = app_assess_survey_tally(&cx, id, &out, &err);
    return reply(req, 200, rc, out, &err, NULL);
}

/* The portal's 民意调查 (no login): the published questionnaires, and one answer per solved challenge. */
int api_public_surveys(HttpRequest *req)
{
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = app_assess_public_surveys(&cx, &out, &err);
    return reply(req, 200, rc, out, &err, NULL);
}

int api_public_survey_answer(HttpRequest *req)
{
    long long id;
    char addr[64];
    if (param_path_id(req, "id", "问卷不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req);
    if (!body) return 0;
    json_t *ch = json_object_get(body, "challenge");
    AssessSurveyAnswer in = {str(body, "unit"), json_object_get(body, "answers"), str(ch, "id"), str(ch, "nonce")};
    AppContext cx = api_context(req);
    ZfError err;
    auth_client_addr(req, addr, sizeof addr);
    int rc = app_assess_survey_answer(&cx, id, &in, addr, (long long)time(NULL), &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 201, json_pack("{s:b}", "ok", 1));
}
