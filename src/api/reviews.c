/* /api/v1/reviews/standards, /reviewers and /plans: the supervisor's side of 案卷评查
 * (docs/reviews.md). Thin: app/reviews_plans.c and app/reviews_results.c decide. */
#include "api/reviews.h"

#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "api/review_reply.h"
#include "app/reviews.h"
#include "http/auth.h"

static const char *const PLAN_STATUSES[] = {"draft", "sampled", "assigned", "scoring", "arbitration", "finished", "published", NULL};

int api_review_standards_list(HttpRequest *req)
{
    AppContext cx = api_context(req);
    json_t *out;
    ZfError err;
    if (app_review_standards(&cx, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_review_standard_get(HttpRequest *req)
{
    const char *code = http_param(req, "code");
    AppContext cx = api_context(req);
    json_t *out;
    ZfError err;
    if (!code || strlen(code) > 64) return http_reply_error(req, 404, "not_found", NULL, "评查标准不存在");
    if (app_review_standard(&cx, code, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_review_standards_create(HttpRequest *req)
{
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_review_standard_copy(&cx, json_string_value(json_object_get(body, "from")),
                                      json_string_value(json_object_get(body, "code")),
                                      json_string_value(json_object_get(body, "name")), &out, &err);
    json_decref(body);
    return api_review_reply(req, 201, rc, out, &err, "review_standard_copy");
}

int api_review_standard_put(HttpRequest *req)
{
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_review_standard_edit(&cx, http_param(req, "code"), body, &out, &err);
    json_decref(body);
    return api_review_reply(req, 200, rc, out, &err, "review_standard_edit");
}

int api_review_reviewers(HttpRequest *req)
{
    AppContext cx = api_context(req);
    json_t *out;
    ZfError err;
    if (app_review_reviewers(&cx, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_review_plans_create(HttpRequest *req)
{
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_review_plan_create(&cx, body, &out, &err);
    json_decref(body);
    if (rc == ZF_OK) auth_audit(req, "review_plan_create", "", "ok", "");
    return rc == ZF_OK ? http_reply_json(req, 201, out) : http_reply_zferror(req, &err);
}

int api_review_plan_put(HttpRequest *req)
{
    long long id;
    json_t *body, *out = NULL;
    ZfError err;
    if (param_path_id(req, "id", "评查方案不存在", &id) != ZF_OK) return 0;
    if (!(body = http_body_json(req))) return 0;
    AppContext cx = api_context(req);
    int rc = app_review_plan_update(&cx, id, body, &out, &err);
    json_decref(body);
    return api_review_reply(req, 200, rc, out, &err, "review_plan_update");
}

int api_review_plans_list(HttpRequest *req)
{
    const char *status;
    int page, size;
    json_t *out;
    ZfError err;
    if (param_enum(req, "status", PLAN_STATUSES, &status) || param_page(req, &page, &size)) return 0;
    AppContext cx = api_context(req);
    if (app_review_plans_list(&cx, status, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

/* The handlers of /plans/{id}/…: the id, then the service. */
typedef int (*PlanFn)(const AppContext *cx, long long id, json_t **out, ZfError *err);

static int plan_call(HttpRequest *req, PlanFn fn, int status, const char *audit)
{
    long long id;
    json_t *out = NULL;
    ZfError err;
    if (param_path_id(req, "id", "评查方案不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    int rc = fn(&cx, id, &out, &err);
    if (!audit) return rc == ZF_OK ? http_reply_json(req, status, out) : http_reply_zferror(req, &err);
    return api_review_reply(req, status, rc, out, &err, audit);
}

static int sample_save(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    return app_review_plan_sample(cx, id, true, out, err);
}
static int sample_preview(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    return app_review_plan_sample(cx, id, false, out, err);
}

int api_review_plan_get(HttpRequest *req) { return plan_call(req, app_review_plan_get, 200, NULL); }
int api_review_plan_sample(HttpRequest *req) { return plan_call(req, sample_save, 200, "review_plan_sample"); }
int api_review_plan_sample_preview(HttpRequest *req) { return plan_call(req, sample_preview, 200, NULL); }
int api_review_plan_publish(HttpRequest *req) { return plan_call(req, app_review_plan_publish, 200, "review_plan_publish"); }
int api_review_plan_results(HttpRequest *req) { return plan_call(req, app_review_plan_results, 200, NULL); }

int api_review_plan_assign(HttpRequest *req)
{
    long long id;
    json_t *out = NULL, *body;
    ZfError err;
    if (param_path_id(req, "id", "评查方案不存在", &id) != ZF_OK) return 0;
    if (!(body = req->body_len ? http_body_json(req) : json_object())) return 0; /* the body is optional */
    AppContext cx = api_context(req);
    int rc = app_review_plan_assign(&cx, id, json_object_get(body, "reviewers"), &out, &err);
    json_decref(body);
    return api_review_reply(req, 200, rc, out, &err, "review_plan_assign");
}
