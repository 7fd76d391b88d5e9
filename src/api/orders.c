/* /api/v1/orders: supervision orders (督办通知书 / 执法监督问诊单 / 执法监督意见书, docs/orders.md).
 * Thin: parameters and bodies are read here, every rule is app/orders.c and domain/orders.c. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "app/orders.h"
#include "http/auth.h"
#include "http/response.h"
#include "store/orders.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* An optional whole number of working days in the body; -1 with a 400 when it is not one. */
static int body_wd(HttpRequest *req, const json_t *body)
{
    json_t *v = json_object_get(body, "deadline_wd");
    if (!v || json_is_null(v)) return 0;
    if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= 120)
        return (int)json_integer_value(v);
    http_reply_error(req, 400, "invalid_field", "deadline_wd", "整改期限应为 1 至 120 个工作日");
    return -1;
}

static int reply_order(HttpRequest *req, int status, int rc, json_t *order, ZfError *err, const char *what)
{
    if (rc != ZF_OK) {
        if (err->status == 409 || err->status == 422 || err->status == 403)
            auth_audit(req, "order_refused", http_param(req, "id"), "refused", err->message);
        return http_reply_zferror(req, err);
    }
    auth_audit(req, what, str(order, "doc_no") ? str(order, "doc_no") : http_param(req, "id"), "ok", str(order, "status"));
    return http_reply_json(req, status, order);
}

int api_orders_create(HttpRequest *req)
{
    json_t *body = http_body_json(req), *order = NULL;
    if (!body) return 0;
    ZfError err;
    int wd = body_wd(req, body);
    if (wd < 0) return json_decref(body), 0;
    OrderDraft in = {str(body, "kind"), str(body, "agency"), json_object_get(body, "case_nos"),
                     json_object_get(body, "finding_ids"), str(body, "problem"), json_object_get(body, "basis"),
                     str(body, "measures"), wd, NULL};
    AppContext cx = api_context(req);
    int rc = app_order_create(&cx, &in, &order, &err);
    json_decref(body);
    return reply_order(req, 201, rc, order, &err, "order_draft");
}

int api_order_action(HttpRequest *req)
{
    long long id;
    if (param_path_id(req, "id", "监督文书不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *order = NULL;
    if (!body) return 0;
    ZfError err;
    int wd = body_wd(req, body);
    if (wd < 0) return json_decref(body), 0;
    OrderActInput in = {str(body, "action"), str(body, "note"), wd, str(body, "on"), json_object_get(body, "corrections")};
    AppContext cx = api_context(req);
    int rc = app_order_act(&cx, id, &in, &order, &err);
    char what[40] = "order_";
    strncat(what, in.action && strlen(in.action) < 20 ? in.action : "act", sizeof what - strlen(what) - 1);
    rc = reply_order(req, 200, rc, order, &err, what);
    json_decref(body);
    return rc;
}

int api_order_get(HttpRequest *req)
{
    long long id;
    json_t *order;
    ZfError err;
    if (param_path_id(req, "id", "监督文书不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    if (app_order_get(&cx, id, &order, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, order);
}

static const char *const STATUSES[] = {"draft", "issued", "received", "responded", "accepted", "returned", NULL};
static const char *const KINDS[] = {"supervise", "consult", "opinion", NULL};
static const char *const YES[] = {"1", "0", NULL};
#define CODE_CHARS "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

int api_orders_list(HttpRequest *req)
{
    OrderFilter f = {0};
    const char *overdue, *todo, *as_of, *escalated;
    long finding;
    int page, size;
    json_t *out;
    ZfError err;
    if (param_enum(req, "status", STATUSES, &f.status) || param_code(req, "agency", CODE_CHARS, 1, 18, &f.agency) ||
        param_enum(req, "kind", KINDS, &f.kind) || param_text(req, "case_no", 128, &f.case_no) ||
        param_int(req, "finding_id", 1, 1L << 40, 0, &finding) || param_enum(req, "overdue", YES, &overdue) ||
        param_enum(req, "todo", YES, &todo) || param_enum(req, "escalated", YES, &escalated) || param_date(req, "as_of", &as_of) || param_text(req, "q", 100, &f.q) ||
        param_page(req, &page, &size))
        return 0;
    AppContext cx = api_context(req);
    char today[ZF_DATE_LEN];
    date_format(cx.today, today);
    f.finding_id = finding;
    if (overdue && strcmp(overdue, "1") == 0) f.overdue_before = as_of ? as_of : today;
    if (as_of) date_parse(as_of, &cx.today); /* colours and days left as of that date too */
    if (todo && strcmp(todo, "1") == 0) f.statuses = app_orders_todo_statuses(&cx);
    f.escalated = escalated;
    if (app_orders_list(&cx, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

/* YYYY-MM, or a 400. */
static int param_month(HttpRequest *req, const char *name, const char **out)
{
    if (param_code(req, name, "0123456789-", 7, 7, out) != ZF_OK) return ZF_ERR;
    if (*out && ((*out)[4] != '-' || strchr(*out + 5, '-') || atoi(*out + 5) < 1 || atoi(*out + 5) > 12))
        return http_reply_error(req, 400, "invalid_param", name, "月份格式应为 YYYY-MM"), ZF_ERR;
    return ZF_OK;
}

int api_orders_stats(HttpRequest *req)
{
    OrderStatsFilter f = {0};
    json_t *out;
    ZfError err;
    if (param_month(req, "from", &f.from_month) || param_month(req, "to", &f.to_month) ||
        param_code(req, "agency", CODE_CHARS, 1, 18, &f.agency))
        return 0;
    AppContext cx = api_context(req);
    if (app_orders_stats(&cx, &f, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}
