/* Reviewers' scores (one row per unit and indicator, each write logged as assessment_score.put), the
 * live ranking (competition ranking: equal totals share a rank, the next skips) and one unit's
 * details. A contested item takes a second reviewer; a closed plan's scores are locked. */
#include "app/assessment_internal.h"

#include <stdlib.h>
#include <string.h>

#include "app/logged_row.h"
#include "domain/assessment.h"
#include "util/text.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static json_t *rows_of(const AppContext *cx, AssessTable t, long long plan_id, const char *unit)
{
    json_t *rows = NULL;
    ZfError e;
    AssessFilter f = {.plan_id = plan_id, .unit = unit};
    if (store_assess_rows(cx->store, t, &f, &rows, &e) != ZF_OK) return json_array();
    return rows;
}

static const json_t *row_for(const json_t *rows, const char *unit, const char *indicator)
{
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r)
        if (strcmp(str(r, "unit"), unit) == 0 && strcmp(str(r, "indicator"), indicator) == 0) return r;
    return NULL;
}

typedef struct {
    long long plan_id;
    const json_t *in;
    json_t *out;
} ScoreArgs;

/* Where the points come from: a reviewer (absent), 现场督察 (onsite), a third party's evaluation
 * (third_party) or a survey run elsewhere (survey), each with the name of who scored. */
static int check_source(const json_t *src, ZfError *err)
{
    static const char *const KINDS[] = {"review", "onsite", "third_party", "survey"};
    if (!src || json_is_null(src)) return ZF_OK;
    const char *kind = str(src, "kind"), *name = str(src, "name");
    bool known = false;
    for (size_t i = 0; kind && i < sizeof KINDS / sizeof *KINDS; i++) known = known || strcmp(kind, KINDS[i]) == 0;
    if (!known) return zf_fail(err, 400, "invalid_param", "source", "评分来源应为审核评分、现场督察、第三方评估或民意调查");
    if (strcmp(kind, "review") != 0 && (!name || text_blank(name)))
        return zf_fail(err, 400, "invalid_param", "source", "请写明评分来源（现场督察组、第三方机构或调查机构的名称）");
    if (name && (strlen(name) > 200 || !text_utf8_valid(name, strlen(name))))
        return zf_fail(err, 400, "invalid_param", "source", "评分来源名称过长");
    return ZF_OK;
}

static int check_score_input(const json_t *in, const json_t *ind, long long *cp, ZfError *err)
{
    long long max;
    const char *reason = str(in, "reason");
    if (!assess_points_cp(json_object_get(in, "points"), cp))
        return zf_fail(err, 400, "invalid_param", "points", "得分应为不小于 0 的数，最多两位小数");
    assess_points_cp(json_object_get(ind, "points"), &max);
    if (*cp > max)
        return zf_fail(err, 422, "points_above", "points", "得分不能超过指标“%s”的分值", str(ind, "name"));
    if (reason && (strlen(reason) > 2000 || !text_utf8_valid(reason, strlen(reason))))
        return zf_fail(err, 400, "invalid_param", "reason", "理由过长");
    if (*cp < max && (!reason || text_blank(reason)))
        return zf_fail(err, 422, "reason_required", "reason", "扣分须说明理由");
    return check_source(json_object_get(in, "source"), err);
}

/* A contested item: the first score stands as `first`; the final one must be another reviewer's. */
static int apply_score(const AppContext *cx, json_t *row, bool contested, const json_t *in, ZfError *err)
{
    char now[32];
    app_utc_now(now);
    const char *by = cx->user ? cx->user->username : "system";
    json_t *body = json_object_get(row, "body");
    json_t *entry = json_pack("{s:O, s:O?, s:s, s:s, s:O?}", "points", json_object_get(in, "points"), "reason",
                              json_object_get(in, "reason"), "by", by, "at", now, "source", json_object_get(in, "source"));
    if (contested) {
        json_t *first = json_object_get(body, "first");
        if (!first) {
            json_object_set_new(body, "first", entry);
            json_object_set_new(body, "contested", json_true());
            return ZF_OK; /* no points until the second reviewer */
        }
        if (strcmp(str(first, "by"), by) == 0)
            return json_decref(entry), zf_fail(err, 409, "second_reviewer", NULL, "有异议的指标须由另一名审核人员复核评分");
        json_object_set_new(body, "second", json_deep_copy(entry));
    }
    json_object_update(body, entry);
    json_decref(entry);
    return ZF_OK;
}

static int score_tx(const AppContext *cx, void *arg, ZfError *err)
{
    ScoreArgs *a = arg;
    json_t *plan;
    long long cp;
    const char *unit = str(a->in, "unit"), *code = str(a->in, "indicator");
    if (assess_plan_load(cx, a->plan_id, NEED_SCORE, &plan, err) != ZF_OK) return ZF_ERR;
    const json_t *inds = json_object_get(json_object_get(plan, "body"), "indicators"), *ind = assess_indicator(inds, code);
    int rc = ZF_OK;
    if (strcmp(str(plan, "status"), "closed") == 0) rc = zf_fail(err, 409, "locked", NULL, "考核方案已关闭，评分已锁定");
    else if (strcmp(str(plan, "status"), "published") != 0) rc = zf_fail(err, 409, "not_open", NULL, "考核方案尚未发布");
    else if (!assess_plan_has_unit(plan, unit)) rc = zf_fail(err, 404, "not_found", "unit", "该单位不在本考核方案中");
    else if (!ind) rc = zf_fail(err, 404, "not_found", "indicator", "考核指标不存在");
    else if (!assess_indicator_is_leaf(inds, code)) rc = zf_fail(err, 422, "not_leaf", "indicator", "请对末级指标评分");
    else if (cx->user && !assess_group_reviewer(assess_indicator_group(inds, code), cx->user->username))
        rc = zf_fail(err, 403, "not_group_reviewer", "indicator", "该指标组指定了审核人员，您不在其中");
    if (rc == ZF_OK) rc = check_score_input(a->in, ind, &cp, err);
    json_t *fillings = rc == ZF_OK ? rows_of(cx, ASSESS_FILLING, a->plan_id, unit) : NULL;
    json_t *scores = rc == ZF_OK ? rows_of(cx, ASSESS_SCORE, a->plan_id, unit) : NULL;
    if (rc == ZF_OK) {
        const json_t *f = row_for(fillings, unit, code), *s = row_for(scores, unit, code);
        json_t *row = s ? json_deep_copy(s) : json_pack("{s:I, s:s, s:s, s:{}}", "plan_id", (json_int_t)a->plan_id, "unit", unit,
                                                        "indicator", code, "body");
        rc = apply_score(cx, row, f && strcmp(str(f, "status"), "contested") == 0, a->in, err);
        if (rc == ZF_OK) rc = assess_put(cx->store, ASSESS_SCORE, row, err);
        if (rc == ZF_OK) {
            a->out = json_deep_copy(json_object_get(row, "body"));
            json_object_set(a->out, "id", json_object_get(row, "id"));
            json_object_set(a->out, "unit", json_object_get(row, "unit"));
            json_object_set(a->out, "indicator", json_object_get(row, "indicator"));
        }
        json_decref(row);
    }
    json_decref(fillings);
    json_decref(scores);
    json_decref(plan);
    return rc;
}

int app_assess_score(const AppContext *cx, long long plan_id, const json_t *in, json_t **out, ZfError *err)
{
    if (!json_is_object(in) || !str(in, "unit") || !str(in, "indicator"))
        return zf_fail(err, 400, "invalid_param", "indicator", "请指明被考核单位和指标");
    ScoreArgs a = {.plan_id = plan_id, .in = in};
    int rc = assess_in_tx(cx, score_tx, &a, err);
    *out = a.out;
    return rc;
}

/* ---- ranking ---- */

typedef struct {
    const char *unit;
    long long total;
    json_t *parts;
} Ranked;

static int by_total(const void *x, const void *y)
{
    const Ranked *a = x, *b = y;
    if (a->total != b->total) return a->total > b->total ? -1 : 1;
    return strcmp(a->unit, b->unit);
}

static json_t *parts_json(const json_t *cps)
{
    json_t *out = json_object(), *v;
    const char *k;
    json_object_foreach((json_t *)cps, k, v) json_object_set_new(out, k, assess_points_json(json_integer_value(v)));
    return out;
}

/* Every unit's total in the plan (cp), by unit code: {code: cp}. */
static int totals_of(const AppContext *cx, const json_t *plan, Ranked **out, size_t *n, ZfError *err)
{
    const json_t *units = json_object_get(json_object_get(plan, "body"), "units");
    json_t *metrics = assess_metrics(cx->store);
    json_t *scores = rows_of(cx, ASSESS_SCORE, json_integer_value(json_object_get(plan, "id")), NULL);
    *n = json_array_size(units);
    *out = calloc(*n ? *n : 1, sizeof **out);
    int rc = *out ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    for (size_t i = 0; rc == ZF_OK && i < *n; i++) {
        AssessUnitPoints p;
        (*out)[i].unit = json_string_value(json_array_get(units, i));
        rc = assess_unit_points(cx, plan, metrics, scores, (*out)[i].unit, &p, err);
        (*out)[i].total = p.total;
        (*out)[i].parts = json_incref(p.parts);
        assess_unit_points_free(&p);
    }
    json_decref(metrics);
    json_decref(scores);
    return rc;
}

static void ranked_free(Ranked *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++) json_decref(r[i].parts);
    free(r);
}

/* Last year's total of the unit (the plan this one was copied from), or -1. */
static long long previous_total(const Ranked *prev, size_t n, const char *unit)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(prev[i].unit, unit) == 0) return prev[i].total;
    return -1;
}

int app_assess_ranking(const AppContext *cx, long long plan_id, json_t **out, ZfError *err)
{
    json_t *plan, *prev_plan = NULL;
    Ranked *r = NULL, *prev = NULL;
    size_t n = 0, np = 0;
    ZfError ignore;
    if (assess_plan_load(cx, plan_id, NEED_READ, &plan, err) != ZF_OK) return ZF_ERR;
    int rc = totals_of(cx, plan, &r, &n, err);
    long long copied = json_integer_value(json_object_get(json_object_get(plan, "body"), "copied_from"));
    if (rc == ZF_OK && copied && assess_plan_load(cx, copied, NEED_READ, &prev_plan, &ignore) == ZF_OK)
        totals_of(cx, prev_plan, &prev, &np, &ignore);
    if (rc == ZF_OK) {
        qsort(r, n, sizeof *r, by_total);
        long long *totals = calloc(n ? n : 1, sizeof *totals);
        int *ranks = calloc(n ? n : 1, sizeof *ranks);
        for (size_t i = 0; i < n; i++) totals[i] = r[i].total;
        assess_competition_ranks(totals, n, ranks);
        bool all = assess_sees_all(cx, plan);
        json_t *items = json_array(), *names = json_object_get(json_object_get(plan, "body"), "unit_names");
        for (size_t i = 0; i < n; i++) {
            if (!all && !(cx->scope.kind == SCOPE_AGENCY && strcmp(cx->scope.agency, r[i].unit) == 0)) continue;
            long long pt = previous_total(prev, np, r[i].unit);
            json_array_append_new(items, json_pack("{s:s, s:O?, s:o, s:o, s:i, s:o, s:o}", "unit", r[i].unit, "unit_name",
                                                   json_object_get(names, r[i].unit), "total", assess_points_json(r[i].total),
                                                   "parts", parts_json(r[i].parts), "rank", ranks[i], "previous_total",
                                                   pt >= 0 ? assess_points_json(pt) : json_null(), "change",
                                                   pt >= 0 ? assess_points_json(r[i].total - pt) : json_null()));
        }
        free(totals);
        free(ranks);
        *out = json_pack("{s:o, s:s, s:I, s:b}", "items", items, "ranking", "competition", "units", (json_int_t)n,
                         "sees_all", all);
    }
    ranked_free(r, n);
    ranked_free(prev, np);
    json_decref(prev_plan);
    json_decref(plan);
    return rc;
}

/* ---- one unit ---- */

static json_t *public_row(const json_t *row)
{
    if (!row) return json_null();
    json_t *out = json_deep_copy(json_object_get(row, "body"));
    json_object_set(out, "id", json_object_get(row, "id"));
    if (json_object_get(row, "status")) json_object_set(out, "status", json_object_get(row, "status"));
    return out;
}

int app_assess_unit(const AppContext *cx, long long plan_id, const char *unit, json_t **out, ZfError *err)
{
    json_t *plan;
    size_t i;
    json_t *x;
    if (assess_plan_load(cx, plan_id, NEED_READ, &plan, err) != ZF_OK) return ZF_ERR;
    bool mine = cx->scope.kind == SCOPE_AGENCY && unit && strcmp(cx->scope.agency, unit) == 0;
    if (!assess_plan_has_unit(plan, unit) || !(assess_sees_all(cx, plan) || mine)) {
        json_decref(plan);
        return zf_fail(err, 404, "not_found", NULL, "该单位不在本考核方案中或无权查看");
    }
    json_t *metrics = assess_metrics(cx->store), *fillings = rows_of(cx, ASSESS_FILLING, plan_id, unit),
           *scores = rows_of(cx, ASSESS_SCORE, plan_id, unit), *items = json_array();
    AssessUnitPoints p;
    assess_unit_points(cx, plan, metrics, scores, unit, &p, err);
    json_array_foreach(json_object_get(json_object_get(plan, "body"), "indicators"), i, x) {
        const char *code = str(x, "code");
        json_t *it = json_deep_copy(x), *leaf = json_object_get(p.leaves, code);
        json_object_set_new(it, "leaf", json_boolean(leaf != NULL));
        json_object_set_new(it, "filling", public_row(row_for(fillings, unit, code)));
        json_object_set_new(it, "score", public_row(row_for(scores, unit, code)));
        json_object_set_new(it, "computed", strcmp(str(x, "source"), "computed") == 0 ? assess_computed(cx, plan, metrics, x, unit)
                                                                                     : json_null());
        json_object_set_new(it, "earned", leaf ? assess_points_json(json_integer_value(json_object_get(leaf, "cp"))) : json_null());
        json_object_set_new(it, "earned_from", leaf ? json_incref(json_object_get(leaf, "source")) : json_null());
        json_array_append_new(items, it);
    }
    *out = json_pack("{s:s, s:O?, s:o, s:o, s:o}", "unit", unit, "unit_name",
                     json_object_get(json_object_get(json_object_get(plan, "body"), "unit_names"), unit), "total",
                     assess_points_json(p.total), "parts", parts_json(p.parts), "indicators", items);
    assess_unit_points_free(&p);
    json_decref(metrics), json_decref(fillings), json_decref(scores), json_decref(plan);
    return ZF_OK;
}
