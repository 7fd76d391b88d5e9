/* 民意调查: a plan's questionnaire on the anonymous portal, answered per unit on a 1–5 scale (非常不满意
 * … 非常满意) under the public complaints' abuse limits — a rate limit per address (setting
 * portal_surveys_per_hour), a proof-of-work challenge, one answer per challenge — and scored for the
 * plan's survey indicator as its points × (mean − 1) / 4 while no reviewer's score replaces it. */
#include "app/assessment_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/complaints.h"
#include "app/logged_row.h"
#include "domain/assessment.h"
#include "util/text.h"

#define SURVEY_QUESTIONS_MAX 20
#define SURVEY_SCALE_MAX 5

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

int assess_survey_check(const json_t *survey, const json_t *indicators, ZfError *err)
{
    size_t i;
    json_t *q;
    if (!survey || json_is_null(survey)) return ZF_OK;
    const char *code = str(survey, "indicator");
    const json_t *ind = assess_indicator(indicators, code), *qs = json_object_get(survey, "questions");
    if (!ind || strcmp(str(ind, "source"), "manual") != 0 || !assess_indicator_is_leaf(indicators, code))
        return zf_fail(err, 400, "invalid_param", "survey", "民意调查须对应一个人工评分的末级指标");
    if (!json_is_array(qs) || json_array_size(qs) == 0 || json_array_size(qs) > SURVEY_QUESTIONS_MAX)
        return zf_fail(err, 400, "invalid_param", "survey", "民意调查须有 1 至 %d 个问题", SURVEY_QUESTIONS_MAX);
    json_array_foreach(qs, i, q) {
        const char *t = json_string_value(q);
        if (!t || text_blank(t) || strlen(t) > 300 || !text_utf8_valid(t, strlen(t)))
            return zf_fail(err, 400, "invalid_param", "survey", "第 %zu 个问题应为不超过 300 字节的文字", i + 1);
    }
    return ZF_OK;
}

/* Responses and the sum and count of the marks of a unit's answers. */
typedef struct {
    long long responses, sum, marks;
} Tally;

static void tally_of(const json_t *answers, const char *unit, Tally *t)
{
    size_t i, j;
    json_t *a, *m;
    memset(t, 0, sizeof *t);
    json_array_foreach(answers, i, a) {
        if (strcmp(str(a, "unit"), unit) != 0) continue;
        t->responses++;
        json_array_foreach(json_object_get(json_object_get(a, "body"), "answers"), j, m) {
            t->sum += json_integer_value(m);
            t->marks++;
        }
    }
}

static json_t *answers_of(const AppContext *cx, long long plan_id)
{
    json_t *rows = NULL;
    ZfError e;
    AssessFilter f = {.plan_id = plan_id};
    if (store_assess_rows(cx->store, ASSESS_ANSWER, &f, &rows, &e) != ZF_OK) return json_array();
    return rows;
}

/* {unit, responses, mean|null, points} for the survey indicator; have = the unit has answers. */
static json_t *tally_json(const json_t *plan, const json_t *answers, const char *unit, long long *cp, bool *have)
{
    Tally t;
    long long max = 0;
    tally_of(answers, unit, &t);
    const json_t *body = json_object_get(plan, "body");
    const json_t *ind = assess_indicator(json_object_get(body, "indicators"), str(json_object_get(body, "survey"), "indicator"));
    assess_points_cp(json_object_get(ind, "points"), &max);
    *have = t.marks > 0;
    double mean = *have ? (double)t.sum / (double)t.marks : 0;
    *cp = *have ? llround((double)max * (mean - 1.0) / (SURVEY_SCALE_MAX - 1)) : 0;
    return json_pack("{s:s, s:O?, s:I, s:o, s:o}", "unit", unit, "unit_name", json_object_get(json_object_get(body, "unit_names"), unit),
                     "responses", (json_int_t)t.responses, "mean", *have ? json_real(round(mean * 100) / 100) : json_null(),
                     "points", assess_points_json(*cp));
}

bool assess_survey_points(const AppContext *cx, const json_t *plan, const char *code, const char *unit, long long *cp)
{
    const json_t *survey = json_object_get(json_object_get(plan, "body"), "survey");
    bool have = false;
    *cp = 0;
    if (!survey || !str(survey, "indicator") || strcmp(str(survey, "indicator"), code) != 0) return false;
    json_t *answers = answers_of(cx, json_integer_value(json_object_get(plan, "id")));
    json_decref(tally_json(plan, answers, unit, cp, &have));
    json_decref(answers);
    return have;
}

int app_assess_survey_tally(const AppContext *cx, long long plan_id, json_t **out, ZfError *err)
{
    json_t *plan, *u, *items = json_array();
    size_t i;
    if (assess_plan_load(cx, plan_id, NEED_READ, &plan, err) != ZF_OK) return json_decref(items), ZF_ERR;
    const json_t *body = json_object_get(plan, "body"), *survey = json_object_get(body, "survey");
    json_t *answers = answers_of(cx, plan_id);
    bool all = assess_sees_all(cx, plan);
    json_array_foreach(json_object_get(body, "units"), i, u) {
        const char *unit = json_string_value(u);
        long long cp;
        bool have;
        if (!survey || (!all && !(cx->scope.kind == SCOPE_AGENCY && strcmp(cx->scope.agency, unit) == 0))) continue;
        json_array_append_new(items, tally_json(plan, answers, unit, &cp, &have));
    }
    *out = json_pack("{s:O?, s:o}", "survey", survey, "items", items);
    json_decref(answers);
    json_decref(plan);
    return ZF_OK;
}

int app_assess_public_surveys(const AppContext *cx, json_t **out, ZfError *err)
{
    json_t *rows, *r, *items = json_array();
    size_t i;
    if (store_assess_rows(cx->store, ASSESS_PLAN, NULL, &rows, err) != ZF_OK) return json_decref(items), ZF_ERR;
    json_array_foreach(rows, i, r) {
        const json_t *b = json_object_get(r, "body"), *survey = json_object_get(b, "survey");
        if (strcmp(str(r, "status"), "published") != 0 || !survey || json_is_null(survey)) continue;
        json_t *units = json_array(), *u;
        size_t k;
        json_array_foreach(json_object_get(b, "units"), k, u)
            json_array_append_new(units, json_pack("{s:O, s:O?}", "code", u, "name", json_object_get(json_object_get(b, "unit_names"), json_string_value(u))));
        json_array_append_new(items, json_pack("{s:O, s:O, s:O, s:o, s:O}", "id", json_object_get(r, "id"), "year",
                                               json_object_get(r, "year"), "name", json_object_get(b, "name"), "units", units,
                                               "questions", json_object_get(survey, "questions")));
    }
    json_decref(rows);
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}

/* The marks: one integer 1..5 per question. */
static int check_answers(const json_t *plan, const json_t *answers, ZfError *err)
{
    size_t i;
    json_t *m;
    const json_t *qs = json_object_get(json_object_get(json_object_get(plan, "body"), "survey"), "questions");
    if (!json_is_array(answers) || json_array_size(answers) != json_array_size(qs))
        return zf_fail(err, 400, "invalid_param", "answers", "请回答全部 %zu 个问题", json_array_size(qs));
    json_array_foreach(answers, i, m)
        if (!json_is_integer(m) || json_integer_value(m) < 1 || json_integer_value(m) > SURVEY_SCALE_MAX)
            return zf_fail(err, 400, "invalid_param", "answers", "第 %zu 题请选择 1 至 5 分", i + 1);
    return ZF_OK;
}

int app_assess_survey_answer(const AppContext *cx, long long plan_id, const AssessSurveyAnswer *in, const char *addr,
                             long long now, ZfError *err)
{
    json_t *plan;
    char at[32];
    if (store_assess_get(cx->store, ASSESS_PLAN, plan_id, &plan, err) != ZF_OK) return ZF_ERR;
    const json_t *survey = json_object_get(json_object_get(plan, "body"), "survey");
    int rc = ZF_OK;
    if (strcmp(str(plan, "status"), "published") != 0 || !survey || json_is_null(survey))
        rc = zf_fail(err, 404, "not_found", NULL, "问卷不存在或已结束");
    else if (!assess_plan_has_unit(plan, in->unit)) rc = zf_fail(err, 400, "invalid_param", "unit", "请选择被评价的单位");
    if (rc == ZF_OK) rc = check_answers(plan, in->answers, err);
    if (rc == ZF_OK)
        rc = app_portal_within_limit(cx, addr, "survey", now, 1, "portal_surveys_per_hour", 5, "提交过于频繁，请一小时后再试", err);
    if (rc == ZF_OK && store_begin(cx->store, err) != ZF_OK) rc = ZF_ERR;
    else if (rc == ZF_OK) {
        rc = app_portal_challenge_check(cx, in->challenge_id, in->nonce, now, err);
        app_utc_now(at);
        json_t *row = json_pack("{s:I, s:s, s:s, s:{s:O, s:s}}", "plan_id", (json_int_t)plan_id, "unit", in->unit, "challenge",
                                in->challenge_id ? in->challenge_id : "", "body", "answers", in->answers, "at", at);
        if (rc == ZF_OK) rc = store_assess_put(cx->store, ASSESS_ANSWER, row, err);
        json_decref(row);
        /* a refused answer keeps its challenge taken: one solved challenge is one attempt */
        if (rc == ZF_OK || err->status == 422) {
            ZfError cerr;
            if (store_commit(cx->store, &cerr) != ZF_OK && rc == ZF_OK) rc = zf_fail(err, 500, "internal", NULL, "系统繁忙，请稍后再试");
        } else
            store_rollback(cx->store);
    }
    json_decref(plan);
    return rc;
}
