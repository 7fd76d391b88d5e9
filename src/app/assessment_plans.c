/* Assessment plans: drafted by a supervisor for the units of his region, checked by the rules of
 * domain/assessment.c, copied from last year's, frozen once published (a correction is a new
 * version that supersedes it when published), closed to lock the scores. */
#include "app/assessment_internal.h"

#include <stdio.h>
#include <string.h>

#include "app/logged_row.h"
#include "domain/assessment.h"
#include "store/agencies.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static bool year_ok(const char *y)
{
    if (!y || strlen(y) != 4) return false;
    for (int i = 0; i < 4; i++)
        if (y[i] < '0' || y[i] > '9') return false;
    return y[0] == '2';
}

/* The units as agency codes of the owner's region, each once: {code: name} into names. */
static int check_units(const AppContext *cx, const json_t *units, json_t *names, ZfError *err)
{
    size_t i;
    json_t *u;
    if (!json_is_array(units) || json_array_size(units) == 0 || json_array_size(units) > 500)
        return zf_fail(err, 400, "invalid_param", "units", "请选择被考核单位（1 至 500 个）");
    json_array_foreach(units, i, u) {
        const char *code = json_string_value(u);
        json_t *list = NULL;
        if (!code || strlen(code) > 18) return zf_fail(err, 400, "invalid_param", "units", "被考核单位应为执法主体代码");
        if (json_object_get(names, code)) return zf_fail(err, 400, "invalid_param", "units", "被考核单位重复：%s", code);
        AgencyFilter f = {.scope_agency = code, .scope_region_prefix = cx->user ? cx->scope.region_prefix : NULL};
        if (store_agencies_list(cx->store, &f, 1, 1, &list, err) != ZF_OK) return ZF_ERR;
        json_t *a = json_array_get(json_object_get(list, "items"), 0);
        const char *name = str(a, "name");
        if (!a || strcmp(str(a, "code") ? str(a, "code") : "", code) != 0) {
            json_decref(list);
            return zf_fail(err, 422, "unit_out_of_scope", "units", "被考核单位 %s 不存在或不在本辖区", code);
        }
        json_object_set_new(names, code, json_string(name ? name : code));
        json_decref(list);
    }
    return ZF_OK;
}

/* Keeps the fields a plan holds, as given. */
static json_t *clean_indicators(const json_t *in)
{
    static const char *const KEYS[] = {"code", "name", "part", "parent", "points", "standard", "evidence", "source", "metric",
                                       "reviewers"};
    json_t *out = json_array(), *x;
    size_t i;
    json_array_foreach(in, i, x) {
        json_t *c = json_object();
        for (size_t k = 0; k < sizeof KEYS / sizeof *KEYS; k++) {
            json_t *v = json_object_get(x, KEYS[k]);
            if (v && !json_is_null(v)) json_object_set(c, KEYS[k], v);
        }
        json_array_append_new(out, c);
    }
    return out;
}

static json_t *clean_parts(const json_t *in)
{
    json_t *out = json_array(), *p;
    size_t i;
    json_array_foreach(in, i, p)
        json_array_append_new(out, json_pack("{s:O, s:O, s:O}", "key", json_object_get(p, "key"), "name",
                                             json_object_get(p, "name"), "weight", json_object_get(p, "weight")));
    return out;
}

/* The body of a draft from the request: checked whole. */
static int body_from(const AppContext *cx, const json_t *in, json_t **body, ZfError *err)
{
    const char *name = str(in, "name");
    json_t *metrics = assess_metrics(cx->store), *names = json_object();
    int rc = ZF_OK;
    if (!json_is_object(in)) rc = zf_fail(err, 400, "invalid_json", NULL, "请求内容应为 JSON 对象");
    else if (!year_ok(str(in, "year"))) rc = zf_fail(err, 400, "invalid_param", "year", "请填写考核年度（四位数字）");
    else if (!name || !*name || strlen(name) > 200) rc = zf_fail(err, 400, "invalid_param", "name", "请填写方案名称（不超过 200 字节）");
    if (rc == ZF_OK) rc = assess_plan_check(json_object_get(in, "parts"), json_object_get(in, "indicators"), metrics, err);
    zf_day fill_by;
    if (rc == ZF_OK && json_object_get(in, "fill_by") && !json_is_null(json_object_get(in, "fill_by")) &&
        !date_parse(str(in, "fill_by"), &fill_by))
        rc = zf_fail(err, 400, "invalid_param", "fill_by", "填报截止日期应为 YYYY-MM-DD");
    if (rc == ZF_OK) rc = assess_survey_check(json_object_get(in, "survey"), json_object_get(in, "indicators"), err);
    if (rc == ZF_OK) rc = check_units(cx, json_object_get(in, "units"), names, err);
    json_decref(metrics);
    if (rc != ZF_OK) return json_decref(names), ZF_ERR;
    *body = json_pack("{s:s, s:O, s:o, s:o, s:o}", "name", name, "units", json_object_get(in, "units"), "unit_names", names,
                      "parts", clean_parts(json_object_get(in, "parts")), "indicators",
                      clean_indicators(json_object_get(in, "indicators")));
    if (str(in, "fill_by")) json_object_set_new(*body, "fill_by", json_string(str(in, "fill_by")));
    json_t *survey = json_object_get(in, "survey");
    if (survey && !json_is_null(survey))
        json_object_set_new(*body, "survey", json_pack("{s:O, s:O}", "indicator", json_object_get(survey, "indicator"), "questions",
                                                       json_object_get(survey, "questions")));
    return ZF_OK;
}

static const char *region_of(const AppContext *cx)
{
    return cx->user ? cx->scope.region_prefix : "";
}

typedef struct {
    const json_t *in;
    long long id;
    const char *year, *act;
    json_t *out;
} PlanArgs;

static int insert_draft(const AppContext *cx, const char *year, json_t *body, long long copied_from, long long previous,
                        int version, json_t **out, ZfError *err)
{
    char now[32];
    app_utc_now(now);
    json_object_set_new(body, "version", json_integer(version));
    json_object_set_new(body, "copied_from", copied_from ? json_integer(copied_from) : json_null());
    json_object_set_new(body, "previous_version", previous ? json_integer(previous) : json_null());
    json_object_set_new(body, "created_at", json_string(now));
    json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:o}", "region", region_of(cx), "year", year, "status", "draft",
                            "created_by", cx->user ? cx->user->username : "system", "body", body);
    int rc = assess_put(cx->store, ASSESS_PLAN, row, err);
    if (rc == ZF_OK) *out = assess_plan_json(row);
    json_decref(row);
    return rc;
}

static int create_tx(const AppContext *cx, void *arg, ZfError *err)
{
    PlanArgs *a = arg;
    json_t *body;
    if (body_from(cx, a->in, &body, err) != ZF_OK) return ZF_ERR;
    return insert_draft(cx, str(a->in, "year"), body, 0, 0, 1, &a->out, err);
}

int app_assess_plan_create(const AppContext *cx, const json_t *in, json_t **plan, ZfError *err)
{
    if (cx->user && cx->scope.kind != SCOPE_REGION)
        return zf_fail(err, 403, "forbidden", NULL, "只有行政执法监督机构可以制定考核方案");
    PlanArgs a = {.in = in};
    int rc = assess_in_tx(cx, create_tx, &a, err);
    *plan = a.out;
    return rc;
}

static int update_tx(const AppContext *cx, void *arg, ZfError *err)
{
    PlanArgs *a = arg;
    json_t *row, *body;
    if (assess_plan_load(cx, a->id, NEED_MANAGE, &row, err) != ZF_OK) return ZF_ERR;
    int rc = strcmp(str(row, "status"), "draft") == 0 ? ZF_OK
             : zf_fail(err, 409, "frozen", NULL, "考核方案已发布，不能修改；如需更正请生成新版本");
    if (rc == ZF_OK) rc = body_from(cx, a->in, &body, err);
    if (rc == ZF_OK) {
        json_t *old = json_object_get(row, "body");
        static const char *const KEEP[] = {"version", "copied_from", "previous_version", "created_at"};
        for (size_t i = 0; i < sizeof KEEP / sizeof *KEEP; i++) json_object_set(body, KEEP[i], json_object_get(old, KEEP[i]));
        json_object_set_new(row, "body", body);
        json_object_set(row, "year", json_object_get(a->in, "year"));
        rc = assess_put(cx->store, ASSESS_PLAN, row, err);
        if (rc == ZF_OK) a->out = assess_plan_json(row);
    }
    json_decref(row);
    return rc;
}

int app_assess_plan_update(const AppContext *cx, long long id, const json_t *in, json_t **plan, ZfError *err)
{
    PlanArgs a = {.in = in, .id = id};
    int rc = assess_in_tx(cx, update_tx, &a, err);
    *plan = a.out;
    return rc;
}

static int copy_tx(const AppContext *cx, void *arg, ZfError *err)
{
    PlanArgs *a = arg;
    json_t *row;
    if (!year_ok(a->year)) return zf_fail(err, 400, "invalid_param", "year", "请填写新方案的考核年度（四位数字）");
    if (assess_plan_load(cx, a->id, NEED_MANAGE, &row, err) != ZF_OK) return ZF_ERR;
    json_t *old = json_object_get(row, "body");
    json_t *body = json_pack("{s:O, s:O, s:O, s:O, s:O}", "name", json_object_get(old, "name"), "units",
                             json_object_get(old, "units"), "unit_names", json_object_get(old, "unit_names"), "parts",
                             json_object_get(old, "parts"), "indicators", json_object_get(old, "indicators"));
    if (json_object_get(old, "survey")) json_object_set(body, "survey", json_object_get(old, "survey"));
    int rc = insert_draft(cx, a->year, body, a->id, 0, 1, &a->out, err);
    json_decref(row);
    return rc;
}

int app_assess_plan_copy(const AppContext *cx, long long id, const char *year, json_t **plan, ZfError *err)
{
    PlanArgs a = {.id = id, .year = year};
    int rc = assess_in_tx(cx, copy_tx, &a, err);
    *plan = a.out;
    return rc;
}

static int set_status(const AppContext *cx, json_t *row, const char *status, const char *stamp, ZfError *err)
{
    char now[32];
    app_utc_now(now);
    json_object_set_new(row, "status", json_string(status));
    json_object_set_new(json_object_get(row, "body"), stamp, json_string(now));
    return assess_put(cx->store, ASSESS_PLAN, row, err);
}

static int publish(const AppContext *cx, json_t *row, ZfError *err)
{
    if (strcmp(str(row, "status"), "draft") != 0) return zf_fail(err, 409, "invalid_transition", NULL, "只有草稿可以发布");
    long long prev = json_integer_value(json_object_get(json_object_get(row, "body"), "previous_version"));
    if (prev) {
        json_t *old;
        if (store_assess_get(cx->store, ASSESS_PLAN, prev, &old, err) != ZF_OK) return ZF_ERR;
        int rc = strcmp(str(old, "status"), "published") == 0 ? set_status(cx, old, "superseded", "superseded_at", err) : ZF_OK;
        json_decref(old);
        if (rc != ZF_OK) return rc;
    }
    return set_status(cx, row, "published", "published_at", err);
}

static int revise(const AppContext *cx, json_t *row, json_t **out, ZfError *err)
{
    if (strcmp(str(row, "status"), "published") != 0)
        return zf_fail(err, 409, "invalid_transition", NULL, "只有已发布的方案可以生成更正版本");
    json_t *body = json_deep_copy(json_object_get(row, "body"));
    static const char *const DROP[] = {"published_at", "updated_at", "created_at"};
    for (size_t i = 0; i < sizeof DROP / sizeof *DROP; i++) json_object_del(body, DROP[i]);
    long long copied = json_integer_value(json_object_get(body, "copied_from"));
    int version = (int)json_integer_value(json_object_get(body, "version")) + 1;
    return insert_draft(cx, str(row, "year"), body, copied, json_integer_value(json_object_get(row, "id")), version, out,
                        err);
}

static int act_tx(const AppContext *cx, void *arg, ZfError *err)
{
    PlanArgs *a = arg;
    json_t *row;
    int rc;
    if (assess_plan_load(cx, a->id, NEED_MANAGE, &row, err) != ZF_OK) return ZF_ERR;
    if (strcmp(a->act, "publish") == 0) rc = publish(cx, row, err);
    else if (strcmp(a->act, "revise") == 0) rc = revise(cx, row, &a->out, err);
    else if (strcmp(str(row, "status"), "published") != 0)
        rc = zf_fail(err, 409, "invalid_transition", NULL, "只有已发布的方案可以关闭");
    else rc = set_status(cx, row, "closed", "closed_at", err);
    if (rc == ZF_OK && !a->out) a->out = assess_plan_json(row);
    json_decref(row);
    return rc;
}

int app_assess_plan_act(const AppContext *cx, long long id, const char *act, json_t **plan, ZfError *err)
{
    if (!act || (strcmp(act, "publish") != 0 && strcmp(act, "revise") != 0 && strcmp(act, "close") != 0))
        return zf_fail(err, 404, "not_found", NULL, "没有这项操作");
    PlanArgs a = {.id = id, .act = act};
    int rc = assess_in_tx(cx, act_tx, &a, err);
    *plan = a.out;
    return rc;
}

int app_assess_plans_list(const AppContext *cx, json_t **out, ZfError *err)
{
    json_t *rows, *r, *items = json_array();
    size_t i;
    ZfError ignore;
    if (store_assess_rows(cx->store, ASSESS_PLAN, NULL, &rows, err) != ZF_OK) return json_decref(items), ZF_ERR;
    for (i = json_array_size(rows); i-- > 0;) {
        r = json_array_get(rows, i);
        json_t *p;
        if (assess_plan_load(cx, json_integer_value(json_object_get(r, "id")), NEED_READ, &p, &ignore) != ZF_OK) continue;
        json_t *v = assess_plan_json(p);
        json_object_del(v, "indicators");
        json_array_append_new(items, v);
        json_decref(p);
    }
    json_decref(rows);
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items));
    return ZF_OK;
}

int app_assess_plan_get(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    json_t *row;
    if (assess_plan_load(cx, id, NEED_READ, &row, err) != ZF_OK) return ZF_ERR;
    *out = assess_plan_json(row);
    json_t *metrics = assess_metrics(cx->store);
    json_object_set_new(*out, "metrics", metrics);
    json_object_set_new(*out, "sees_all", json_boolean(assess_sees_all(cx, row)));
    json_decref(row);
    return ZF_OK;
}
