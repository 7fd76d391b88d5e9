/* 任务分解: yearly key tasks of a plan decomposed to units with a time node (due_on), the units'
 * progress reports, and the colour of each (red past the node and not done, yellow within the
 * setting assessment_task_warn_days of it). An overdue task or a low-scoring indicator (below the
 * setting assessment_low_share % of its points) becomes a 督办通知书 draft in one click (app/orders). */
#include "app/assessment_internal.h"

#include <stdio.h>
#include <string.h>

#include "app/logged_row.h"
#include "app/orders.h"
#include "domain/assessment.h"
#include "store/settings.h"
#include "util/text.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* red | yellow | green | none, and the days left (negative when past). */
static const char *task_colour(const AppContext *cx, const json_t *task, long long *days_left)
{
    zf_day due;
    *days_left = 0;
    if (strcmp(str(task, "status"), "done") == 0) return "none";
    if (!date_parse(str(json_object_get(task, "body"), "due_on"), &due)) return "none";
    *days_left = (long long)(due - cx->today);
    if (*days_left < 0) return "red";
    return *days_left <= store_setting_int(cx->store, "assessment_task_warn_days", 7) ? "yellow" : "green";
}

static json_t *task_json(const AppContext *cx, const json_t *row, const json_t *plan)
{
    long long left;
    json_t *out = json_deep_copy(json_object_get(row, "body"));
    static const char *const COLS[] = {"id", "plan_id", "unit", "status"};
    for (size_t i = 0; i < sizeof COLS / sizeof *COLS; i++) json_object_set(out, COLS[i], json_object_get(row, COLS[i]));
    const char *colour = task_colour(cx, row, &left);
    json_object_set_new(out, "colour", json_string(colour));
    json_object_set_new(out, "days_left", json_integer(left));
    json_object_set_new(out, "overdue", json_boolean(strcmp(colour, "red") == 0));
    if (plan)
        json_object_set(out, "unit_name", json_object_get(json_object_get(json_object_get(plan, "body"), "unit_names"), str(row, "unit")));
    return out;
}

typedef struct {
    long long id;
    const json_t *in;
    const char *note;
    bool done;
    json_t *out;
} TaskArgs;

static int create_tx(const AppContext *cx, void *arg, ZfError *err)
{
    TaskArgs *a = arg;
    json_t *plan;
    zf_day due;
    const char *unit = str(a->in, "unit"), *title = str(a->in, "title"), *due_on = str(a->in, "due_on");
    if (assess_plan_load(cx, a->id, NEED_MANAGE, &plan, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    if (!assess_plan_has_unit(plan, unit)) rc = zf_fail(err, 422, "unit_not_in_plan", "unit", "该单位不在本考核方案中");
    else if (!title || text_blank(title) || strlen(title) > 500) rc = zf_fail(err, 400, "invalid_param", "title", "请填写任务内容（不超过 500 字节）");
    else if (!due_on || !date_parse(due_on, &due)) rc = zf_fail(err, 400, "invalid_param", "due_on", "请填写时间节点（YYYY-MM-DD）");
    if (rc == ZF_OK) {
        char now[32];
        app_utc_now(now);
        json_t *row = json_pack("{s:I, s:s, s:s, s:{s:s, s:s, s:s, s:s, s:[]}}", "plan_id", (json_int_t)a->id, "unit", unit,
                                "status", "open", "body", "title", title, "due_on", due_on, "created_by",
                                cx->user ? cx->user->username : "system", "created_at", now, "progress");
        rc = assess_put(cx->store, ASSESS_TASK, row, err);
        if (rc == ZF_OK) a->out = task_json(cx, row, plan);
        json_decref(row);
    }
    json_decref(plan);
    return rc;
}

int app_assess_task_create(const AppContext *cx, long long plan_id, const json_t *in, json_t **out, ZfError *err)
{
    if (!json_is_object(in)) return zf_fail(err, 400, "invalid_json", NULL, "请求内容应为 JSON 对象");
    TaskArgs a = {.id = plan_id, .in = in};
    int rc = assess_in_tx(cx, create_tx, &a, err);
    *out = a.out;
    return rc;
}

int app_assess_tasks(const AppContext *cx, long long plan_id, json_t **out, ZfError *err)
{
    json_t *plan, *rows, *r, *items = json_array();
    size_t i;
    if (assess_plan_load(cx, plan_id, NEED_READ, &plan, err) != ZF_OK) return json_decref(items), ZF_ERR;
    bool all = assess_sees_all(cx, plan);
    AssessFilter f = {.plan_id = plan_id, .unit = all ? NULL : cx->scope.agency};
    if (store_assess_rows(cx->store, ASSESS_TASK, &f, &rows, err) != ZF_OK) return json_decref(plan), json_decref(items), ZF_ERR;
    json_array_foreach(rows, i, r) json_array_append_new(items, task_json(cx, r, plan));
    json_decref(rows);
    json_decref(plan);
    *out = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items));
    return ZF_OK;
}

static int progress_tx(const AppContext *cx, void *arg, ZfError *err)
{
    TaskArgs *a = arg;
    json_t *row, *plan = NULL;
    if (store_assess_get(cx->store, ASSESS_TASK, a->id, &row, err) != ZF_OK) return ZF_ERR;
    ZfError e;
    int rc = assess_plan_load(cx, json_integer_value(json_object_get(row, "plan_id")), NEED_READ, &plan, &e) == ZF_OK &&
                     assess_is_unit_user(cx, str(row, "unit"))
                 ? ZF_OK
                 : zf_fail(err, 404, "not_found", NULL, "考核任务不存在");
    if (rc == ZF_OK && strcmp(str(row, "status"), "done") == 0) rc = zf_fail(err, 409, "done", NULL, "任务已完成");
    if (rc == ZF_OK) {
        char now[32], today[ZF_DATE_LEN];
        app_utc_now(now);
        date_format(cx->today, today);
        json_array_append_new(json_object_get(json_object_get(row, "body"), "progress"),
                              json_pack("{s:s, s:b, s:s, s:s, s:s}", "note", a->note, "done", a->done, "on", today, "by",
                                        cx->user ? cx->user->username : "system", "at", now));
        if (a->done) {
            json_object_set_new(row, "status", json_string("done"));
            json_object_set_new(json_object_get(row, "body"), "done_on", json_string(today));
        }
        rc = assess_put(cx->store, ASSESS_TASK, row, err);
        if (rc == ZF_OK) a->out = task_json(cx, row, plan);
    }
    json_decref(plan);
    json_decref(row);
    return rc;
}

int app_assess_task_progress(const AppContext *cx, long long task_id, const char *note, bool done, json_t **out,
                             ZfError *err)
{
    if (!note || text_blank(note) || strlen(note) > 2000 || !text_utf8_valid(note, strlen(note)))
        return zf_fail(err, 400, "invalid_param", "note", "请填写进展情况（不超过 2000 字节）");
    TaskArgs a = {.id = task_id, .note = note, .done = done};
    int rc = assess_in_tx(cx, progress_tx, &a, err);
    *out = a.out;
    return rc;
}

/* ---- one click: an order ---- */

static int low_indicator_problem(const AppContext *cx, const json_t *plan, const char *unit, const char *code,
                                 char *problem, size_t n, ZfError *err)
{
    const json_t *inds = json_object_get(json_object_get(plan, "body"), "indicators"), *ind = assess_indicator(inds, code);
    if (!ind || !assess_indicator_is_leaf(inds, code)) return zf_fail(err, 404, "not_found", "indicator", "考核指标不存在");
    json_t *metrics = assess_metrics(cx->store), *scores = NULL;
    AssessFilter f = {.plan_id = json_integer_value(json_object_get(plan, "id")), .unit = unit};
    AssessUnitPoints p = {0};
    long long max = 0;
    int rc = store_assess_rows(cx->store, ASSESS_SCORE, &f, &scores, err);
    if (rc == ZF_OK) rc = assess_unit_points(cx, plan, metrics, scores, unit, &p, err);
    long long cp = json_integer_value(json_object_get(json_object_get(p.leaves, code), "cp"));
    assess_points_cp(json_object_get(ind, "points"), &max);
    int low = store_setting_int(cx->store, "assessment_low_share", 60);
    if (rc == ZF_OK && cp * 100 >= max * low)
        rc = zf_fail(err, 422, "not_low", "indicator", "指标“%s”得分不低于其分值的 %d%%，不是低分指标", str(ind, "name"), low);
    if (rc == ZF_OK)
        snprintf(problem, n, "%s年度法治督察考核（%s）指标“%s”得分 %.2f 分（满分 %.2f 分），低于 %d%%，列为重点督察事项。",
                 str(plan, "year"), str(json_object_get(plan, "body"), "name"), str(ind, "name"), (double)cp / 100.0,
                 (double)max / 100.0, low);
    assess_unit_points_free(&p);
    json_decref(metrics), json_decref(scores);
    return rc;
}

static int overdue_task_problem(const AppContext *cx, const json_t *plan, long long task_id, const char **unit,
                                json_t **task, char *problem, size_t n, ZfError *err)
{
    long long left;
    if (store_assess_get(cx->store, ASSESS_TASK, task_id, task, err) != ZF_OK) return ZF_ERR;
    if (json_integer_value(json_object_get(*task, "plan_id")) != json_integer_value(json_object_get(plan, "id")))
        return zf_fail(err, 404, "not_found", "task", "考核任务不存在");
    if (strcmp(task_colour(cx, *task, &left), "red") != 0)
        return zf_fail(err, 422, "not_overdue", "task", "任务未逾期，不能转为督办");
    *unit = str(*task, "unit");
    snprintf(problem, n, "%s年度法治督察考核任务“%s”的时间节点为 %s，逾期 %lld 日未完成。", str(plan, "year"),
             str(json_object_get(*task, "body"), "title"), str(json_object_get(*task, "body"), "due_on"), -left);
    return ZF_OK;
}

int app_assess_order(const AppContext *cx, long long plan_id, const json_t *in, json_t **out, ZfError *err)
{
    json_t *plan, *task = NULL;
    char problem[1200], source[48];
    const char *unit = str(in, "unit");
    if (!json_is_object(in)) return zf_fail(err, 400, "invalid_json", NULL, "请求内容应为 JSON 对象");
    if (assess_plan_load(cx, plan_id, NEED_MANAGE, &plan, err) != ZF_OK) return ZF_ERR;
    int rc;
    if (json_is_integer(json_object_get(in, "task")))
        rc = overdue_task_problem(cx, plan, json_integer_value(json_object_get(in, "task")), &unit, &task, problem,
                                  sizeof problem, err);
    else if (!assess_plan_has_unit(plan, unit)) rc = zf_fail(err, 422, "unit_not_in_plan", "unit", "该单位不在本考核方案中");
    else rc = low_indicator_problem(cx, plan, unit, str(in, "indicator"), problem, sizeof problem, err);
    snprintf(source, sizeof source, "assessment_plan:%lld", plan_id);
    OrderDraft d = {.kind = "supervise", .agency = unit, .problem = problem, .source = source,
                    .measures = "请于期限内对照考核指标和评分标准整改到位，并书面报告整改情况。"};
    if (rc == ZF_OK) rc = app_order_create(cx, &d, out, err);
    json_decref(task);
    json_decref(plan);
    return rc;
}
