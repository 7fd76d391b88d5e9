/* The parts the assessment services share: one transaction per use case, the logged writes of
 * plans, fillings and scores, who may reach a plan (checked against the stored row), and a unit's
 * points as the ranking counts them. */
#include "app/assessment_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/logged_row.h"
#include "domain/assessment.h"
#include "domain/assessment_labels.h"
#include "ledger/ledger.h"
#include "store/identity.h"
#include "store/settings.h"

const char *assess_str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

int assess_in_tx(const AppContext *cx, int (*fn)(const AppContext *cx, void *arg, ZfError *err), void *arg,
                 ZfError *err)
{
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = fn(cx, arg, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    return rc;
}

/* ---- logged rows ---- */

#define LOGGED(NAME, T)                                                                                            \
    static int NAME##_put(Store *st, json_t *row, ZfError *err) { return store_assess_put(st, T, row, err); }    \
    static int NAME##_get(Store *st, long long id, json_t **row, ZfError *err) { return store_assess_get(st, T, id, row, err); }
LOGGED(plan, ASSESS_PLAN)
LOGGED(filling, ASSESS_FILLING)
LOGGED(score, ASSESS_SCORE)

static const LoggedTable TABLES[] = {
    [ASSESS_PLAN] = {plan_put, plan_get, LEDGER_ASSESSMENT_PLAN_PUT, "assessment_plan:", NULL},
    [ASSESS_FILLING] = {filling_put, filling_get, LEDGER_ASSESSMENT_FILLING_PUT, "assessment_filling:", NULL},
    [ASSESS_SCORE] = {score_put, score_get, LEDGER_ASSESSMENT_SCORE_PUT, "assessment_score:", NULL},
};

int assess_put(Store *st, AssessTable t, json_t *row, ZfError *err)
{
    char now[32];
    app_utc_now(now);
    json_t *b = json_object_get(row, "body");
    if (json_is_object(b)) json_object_set_new(b, "updated_at", json_string(now));
    if (t == ASSESS_PLAN || t == ASSESS_FILLING || t == ASSESS_SCORE) return app_logged_put(st, &TABLES[t], row, err);
    return store_assess_put(st, t, row, err);
}

/* ---- scope ---- */

static bool region_covers(const AppContext *cx, const char *region)
{
    if (!cx->user) return true;
    if (cx->scope.kind != SCOPE_REGION || !region) return false;
    return strncmp(region, cx->scope.region_prefix, strlen(cx->scope.region_prefix)) == 0;
}

bool assess_plan_has_unit(const json_t *plan, const char *unit)
{
    size_t i;
    json_t *u;
    if (!unit) return false;
    json_array_foreach(json_object_get(json_object_get(plan, "body"), "units"), i, u)
        if (json_is_string(u) && strcmp(json_string_value(u), unit) == 0) return true;
    return false;
}

bool assess_is_unit_user(const AppContext *cx, const char *unit)
{
    return cx->user && unit && cx->scope.kind == SCOPE_AGENCY && strcmp(cx->scope.agency, unit) == 0 &&
           store_role_has_perm(cx->store, cx->user->role, "assessment.fill");
}

bool assess_sees_all(const AppContext *cx, const json_t *plan)
{
    return region_covers(cx, assess_str(plan, "region"));
}

static bool may(const AppContext *cx, const json_t *plan, AssessNeed need)
{
    const char *perm = need == NEED_MANAGE ? "assessment.manage" : need == NEED_SCORE ? "assessment.score" : NULL;
    if (perm) return region_covers(cx, assess_str(plan, "region")) && (!cx->user || store_role_has_perm(cx->store, cx->user->role, perm));
    if (region_covers(cx, assess_str(plan, "region"))) return true;
    return cx->scope.kind == SCOPE_AGENCY && strcmp(assess_str(plan, "status"), "draft") != 0 &&
           assess_plan_has_unit(plan, cx->scope.agency);
}

int assess_plan_load(const AppContext *cx, long long id, AssessNeed need, json_t **plan, ZfError *err)
{
    if (store_assess_get(cx->store, ASSESS_PLAN, id, plan, err) != ZF_OK) return ZF_ERR;
    if (may(cx, *plan, need)) return ZF_OK;
    json_decref(*plan);
    *plan = NULL;
    return zf_fail(err, 404, "not_found", NULL, "考核方案不存在");
}

json_t *assess_plan_json(const json_t *row)
{
    json_t *out = json_deep_copy(json_object_get(row, "body"));
    json_object_set(out, "id", json_object_get(row, "id"));
    json_object_set(out, "year", json_object_get(row, "year"));
    json_object_set(out, "region", json_object_get(row, "region"));
    json_object_set(out, "status", json_object_get(row, "status"));
    json_object_set(out, "created_by", json_object_get(row, "created_by"));
    json_object_set_new(out, "status_name", json_string(assessment_label("assessment_plan_statuses", assess_str(row, "status"))));
    return out;
}

/* ---- metrics ---- */

json_t *assess_metrics(Store *st)
{
    char *buf = malloc(16384);
    if (!buf) return json_array();
    store_setting_text(st, "assessment_metrics", "[]", buf, 16384);
    json_t *m = json_loads(buf, 0, NULL);
    free(buf);
    if (!json_is_array(m)) {
        json_decref(m);
        m = json_array();
    }
    return m;
}

const json_t *assess_metric(const json_t *metrics, const char *key)
{
    size_t i;
    json_t *m;
    json_array_foreach(metrics, i, m)
        if (key && assess_str(m, "key") && strcmp(assess_str(m, "key"), key) == 0) return m;
    return NULL;
}

/* ---- a unit's points ---- */

static const json_t *score_of(const json_t *scores, const char *unit, const char *code)
{
    size_t i;
    json_t *s;
    json_array_foreach(scores, i, s)
        if (strcmp(assess_str(s, "unit"), unit) == 0 && strcmp(assess_str(s, "indicator"), code) == 0 &&
            json_object_get(json_object_get(s, "body"), "points"))
            return s;
    return NULL;
}

static void add_part(json_t *parts, const char *key, long long cp)
{
    json_object_set_new(parts, key, json_integer(json_integer_value(json_object_get(parts, key)) + cp));
}

int assess_unit_points(const AppContext *cx, const json_t *plan, const json_t *metrics, const json_t *scores,
                       const char *unit, AssessUnitPoints *out, ZfError *err)
{
    const json_t *body = json_object_get(plan, "body"), *inds = json_object_get(body, "indicators");
    size_t i;
    json_t *x, *p;
    (void)err;
    out->total = 0;
    out->parts = json_object();
    out->leaves = json_object();
    json_array_foreach(json_object_get(body, "parts"), i, p) json_object_set_new(out->parts, assess_str(p, "key"), json_integer(0));
    json_array_foreach(inds, i, x) {
        const char *code = assess_str(x, "code");
        if (!assess_indicator_is_leaf(inds, code)) continue;
        long long cp = 0;
        const char *source = "none";
        const json_t *s = score_of(scores, unit, code);
        if (s && assess_points_cp(json_object_get(json_object_get(s, "body"), "points"), &cp)) source = "score";
        else if (assess_survey_points(cx, plan, code, unit, &cp)) source = "survey";
        else if (strcmp(assess_str(x, "source"), "computed") == 0) {
            json_t *c = assess_computed(cx, plan, metrics, x, unit);
            assess_points_cp(json_object_get(c, "points"), &cp);
            source = "computed";
            json_decref(c);
        }
        json_object_set_new(out->leaves, code, json_pack("{s:I, s:s}", "cp", (json_int_t)cp, "source", source));
        add_part(out->parts, assess_str(x, "part"), cp);
        out->total += cp;
    }
    return ZF_OK;
}

void assess_unit_points_free(AssessUnitPoints *p)
{
    json_decref(p->parts);
    json_decref(p->leaves);
    p->parts = p->leaves = NULL;
}
