/* /api/v1/reviews/tasks, /items and /defenses: the reviewer's score sheets, arbitration, 申辩 and
 * → order (docs/reviews.md). Thin: app/reviews_tasks.c and app/reviews_results.c decide. */
#include <string.h>

#include "api/api.h"
#include "api/case_timeline.h"
#include "api/params.h"
#include "api/reviews.h"
#include "api/stored_file.h"
#include "api/review_reply.h"
#include "app/reviews.h"
#include "http/auth.h"

static const char *const TASK_STATUSES[] = {"assigned", "submitted", NULL};
static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

int api_review_tasks_list(HttpRequest *req)
{
    const char *status;
    int page, size;
    json_t *out;
    ZfError err;
    if (param_enum(req, "status", TASK_STATUSES, &status) || param_page(req, &page, &size)) return 0;
    AppContext cx = api_context(req);
    if (app_review_tasks_mine(&cx, status, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_review_task_get(HttpRequest *req)
{
    long long id;
    json_t *out;
    ZfError err;
    if (param_path_id(req, "id", "评查任务不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    if (app_review_task_get(&cx, id, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    api_timeline_name(json_object_get(out, "timeline"));
    auth_audit(req, "review_task_read", str(out, "case_no"), "ok", ""); /* a reviewer reading a file: audited */
    return http_reply_json(req, 200, out);
}

int api_review_task_put(HttpRequest *req)
{
    long long id;
    json_t *out = NULL, *body;
    ZfError err;
    if (param_path_id(req, "id", "评查任务不存在", &id) != ZF_OK) return 0;
    if (!(body = http_body_json(req))) return 0;
    json_t *submit = json_object_get(body, "submit");
    if (submit && !json_is_boolean(submit)) {
        json_decref(body);
        return http_reply_error(req, 400, "invalid_field", "submit", "submit 应为 true 或 false");
    }
    AppContext cx = api_context(req);
    int rc = app_review_task_put(&cx, id, json_object_get(body, "deductions"), json_is_true(submit), &out, &err);
    json_decref(body);
    return api_review_reply(req, 200, rc, out, &err, json_is_true(submit) ? "review_task_submit" : "review_task_save");
}

int api_review_task_attachment(HttpRequest *req)
{
    long long id, att;
    json_t *a;
    ZfError err;
    if (param_path_id(req, "id", "评查任务不存在", &id) != ZF_OK || param_path_id(req, "att", "附件不存在", &att) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    if (app_review_task_attachment(&cx, id, att, &a, &err) != ZF_OK) return http_reply_zferror(req, &err);
    StoredFile f = {str(a, "sm3"), str(a, "mime"), str(a, "name"), json_integer_value(json_object_get(a, "size")), att};
    int rc = api_reply_stored_file(req, &f, "review_attachment_download", str(a, "case_no") ? str(a, "case_no") : "");
    json_decref(a);
    return rc;
}

int api_review_item_arbitrate(HttpRequest *req)
{
    long long id;
    json_t *out = NULL, *body;
    ZfError err;
    if (param_path_id(req, "id", "评查案卷不存在", &id) != ZF_OK) return 0;
    if (!(body = http_body_json(req))) return 0;
    AppContext cx = api_context(req);
    int rc = app_review_item_arbitrate(&cx, id, json_object_get(body, "deductions"), str(body, "note"), &out, &err);
    json_decref(body);
    return api_review_reply(req, 200, rc, out, &err, "review_arbitrate");
}

int api_review_item_defense(HttpRequest *req)
{
    long long id;
    json_t *out = NULL, *body;
    ZfError err;
    if (param_path_id(req, "id", "评查案卷不存在", &id) != ZF_OK) return 0;
    if (!(body = http_body_json(req))) return 0;
    AppContext cx = api_context(req);
    int rc = app_review_item_defense(&cx, id, str(body, "text"), &out, &err);
    json_decref(body);
    return api_review_reply(req, 201, rc, out, &err, "review_defense");
}

int api_review_defense_answer(HttpRequest *req)
{
    long long id;
    json_t *out = NULL, *body;
    ZfError err;
    if (param_path_id(req, "id", "申辩不存在", &id) != ZF_OK) return 0;
    if (!(body = http_body_json(req))) return 0;
    json_t *accepted = json_object_get(body, "accepted");
    if (!json_is_boolean(accepted)) {
        json_decref(body);
        return http_reply_error(req, 400, "invalid_field", "accepted", "请选择是否采纳申辩");
    }
    AppContext cx = api_context(req);
    int rc = app_review_defense_answer(&cx, id, str(body, "text"), json_is_true(accepted), json_object_get(body, "new_total"),
                                       &out, &err);
    json_decref(body);
    return api_review_reply(req, 200, rc, out, &err, "review_defense_answer");
}

int api_review_item_order(HttpRequest *req)
{
    long long id;
    json_t *out = NULL;
    ZfError err;
    if (param_path_id(req, "id", "评查案卷不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    int rc = app_review_item_order(&cx, id, &out, &err);
    return api_review_reply(req, 201, rc, out, &err, "review_order");
}
