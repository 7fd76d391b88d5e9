/* /api/v1/inspection-entities, /inspection-officers, /inspection-plans, /joint-…: 双随机、一公开 and
 * 综合查一次 (docs/inspections.md). Thin: parameters and bodies are read here; every rule and every
 * scope check is app/insp_*.c and app/joint_inspections.c. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/inspections.h"
#include "api/params.h"
#include "app/inspections.h"
#include "http/auth.h"
#include "http/response.h"

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

typedef int (*JsonAct)(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err);

/* A write with a JSON body: the service's reply, audited under its action. */
static int body_act(HttpRequest *req, long long id, JsonAct act, int status, const char *audit)
{
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = act(&cx, id, body, &out, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    char target[32];
    snprintf(target, sizeof target, "%lld", id ? id : json_integer_value(json_object_get(out, "id")));
    auth_audit(req, audit, target, "ok", "");
    return http_reply_json(req, status, out);
}

static int reply(HttpRequest *req, int rc, json_t *out, ZfError *err)
{
    return rc == ZF_OK ? http_reply_json(req, 200, out) : http_reply_zferror(req, err);
}

/* ---- 检查对象名录 ---- */

int api_insp_entities_list(HttpRequest *req)
{
    const char *agency, *q;
    if (param_code(req, "agency", "0123456789ABCDEFGHJKLMNPQRTUWXY", 18, 18, &agency) != ZF_OK ||
        param_text(req, "q", 100, &q) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = app_insp_entities(&cx, agency, q, &out, &err);
    return reply(req, rc, out, &err);
}

static int entity_create(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err)
{
    (void)id;
    return app_insp_entity_save(cx, 0, in, out, err);
}

int api_insp_entities_create(HttpRequest *req) { return body_act(req, 0, entity_create, 201, "insp_entity_save"); }

int api_insp_entity_put(HttpRequest *req)
{
    long long id;
    if (param_path_id(req, "id", "检查对象不存在", &id) != ZF_OK) return 0;
    return body_act(req, id, app_insp_entity_save, 200, "insp_entity_save");
}

int api_insp_entities_import(HttpRequest *req)
{
    const char *agency;
    if (param_code(req, "agency", "0123456789ABCDEFGHJKLMNPQRTUWXY", 18, 18, &agency) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = app_insp_entities_import(&cx, agency, req->body, req->body_len, &out, &err);
    if (rc == ZF_OK) auth_audit(req, "insp_entities_import", agency ? agency : "", "ok", "");
    return reply(req, rc, out, &err);
}

int api_insp_entity_template(HttpRequest *req)
{
    void *buf;
    size_t len;
    ZfError err;
    if (app_insp_entity_template(&buf, &len, &err) != ZF_OK) return http_reply_zferror(req, &err);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(buf);
        return http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    }
    MHD_add_response_header(resp, "Content-Type", XLSX_MIME);
    http_add_disposition(resp, "zhifa-inspection-entities.xlsx", "检查对象名录导入模板.xlsx");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    return http_queue(req, 200, resp);
}

/* ---- 检查人员名录 ---- */

int api_insp_officers_list(HttpRequest *req)
{
    const char *agency;
    if (param_code(req, "agency", "0123456789ABCDEFGHJKLMNPQRTUWXY", 18, 18, &agency) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = app_insp_officers(&cx, agency, &out, &err);
    return reply(req, rc, out, &err);
}

int api_insp_recusals_put(HttpRequest *req)
{
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    const char *cert_no = http_param(req, "cert_no");
    int rc = app_insp_recusals_put(&cx, cert_no, body, &out, &err);
    json_decref(body);
    if (rc == ZF_OK) auth_audit(req, "insp_recusals_put", cert_no, "ok", "");
    return reply(req, rc, out, &err);
}

/* ---- 抽查计划 ---- */

static int plan_create(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err)
{
    (void)id;
    return app_insp_plan_create(cx, in, out, err);
}

int api_insp_plans_create(HttpRequest *req) { return body_act(req, 0, plan_create, 201, "insp_plan_create"); }

int api_insp_plans_list(HttpRequest *req)
{
    const char *agency;
    if (param_code(req, "agency", "0123456789ABCDEFGHJKLMNPQRTUWXY", 18, 18, &agency) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = app_insp_plans(&cx, agency, &out, &err);
    return reply(req, rc, out, &err);
}

typedef int (*IdAct)(const AppContext *cx, long long id, json_t **out, ZfError *err);

static int id_act(HttpRequest *req, const char *what, IdAct act, const char *audit)
{
    long long id;
    if (param_path_id(req, "id", what, &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = act(&cx, id, &out, &err);
    if (rc == ZF_OK && audit) {
        char target[24];
        snprintf(target, sizeof target, "%lld", id);
        auth_audit(req, audit, target, "ok", "");
    }
    return reply(req, rc, out, &err);
}

int api_insp_plan_get(HttpRequest *req) { return id_act(req, "抽查计划不存在", app_insp_plan, NULL); }
int api_insp_plan_draw(HttpRequest *req) { return id_act(req, "抽查计划不存在", app_insp_plan_draw, "insp_plan_draw"); }
int api_insp_plan_publish(HttpRequest *req) { return id_act(req, "抽查计划不存在", app_insp_plan_publish, "insp_plan_publish"); }

int api_insp_plan_result(HttpRequest *req)
{
    long long id;
    if (param_path_id(req, "id", "抽查计划不存在", &id) != ZF_OK) return 0;
    return body_act(req, id, app_insp_plan_result, 200, "insp_plan_result");
}

int api_public_inspection_results(HttpRequest *req)
{
    json_t *out = NULL;
    ZfError err;
    int rc = app_insp_public_results(req->store, &out, &err);
    return reply(req, rc, out, &err);
}

/* ---- 综合查一次 ---- */

int api_joint_catalogue_list(HttpRequest *req)
{
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = app_joint_catalogue(&cx, &out, &err);
    return reply(req, rc, out, &err);
}

int api_joint_catalogue_create(HttpRequest *req) { return body_act(req, 0, app_joint_catalogue_save, 201, "joint_catalogue_save"); }

int api_joint_catalogue_put(HttpRequest *req)
{
    long long id;
    if (param_path_id(req, "id", "事项目录不存在", &id) != ZF_OK) return 0;
    return body_act(req, id, app_joint_catalogue_save, 200, "joint_catalogue_save");
}

int api_joint_plans_list(HttpRequest *req)
{
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = app_joint_plans(&cx, &out, &err);
    return reply(req, rc, out, &err);
}

static int joint_create(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err)
{
    (void)id;
    return app_joint_plan_create(cx, in, out, err);
}

int api_joint_plans_create(HttpRequest *req) { return body_act(req, 0, joint_create, 201, "joint_plan_create"); }
int api_joint_plan_get(HttpRequest *req) { return id_act(req, "联合检查计划不存在", app_joint_plan, NULL); }

int api_joint_plan_results(HttpRequest *req)
{
    long long id;
    if (param_path_id(req, "id", "联合检查计划不存在", &id) != ZF_OK) return 0;
    return body_act(req, id, app_joint_plan_results, 200, "joint_plan_results");
}

int api_joint_proposals(HttpRequest *req)
{
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = app_joint_proposals(&cx, &out, &err);
    return reply(req, rc, out, &err);
}

int api_joint_stats(HttpRequest *req)
{
    long year;
    int y, m, d;
    date_to_ymd(req->today, &y, &m, &d);
    if (param_int(req, "year", 2000, 2100, y, &year) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    json_t *out = NULL;
    ZfError err;
    int rc = app_joint_stats(&cx, (int)year, &out, &err);
    return reply(req, rc, out, &err);
}
