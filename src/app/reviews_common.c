/* The parts the review services share: who may manage or read a plan (checked against the stored
 * row), the logged writes of plans and tasks, and re-deriving an item's result from its tasks. */
#include "app/reviews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/logged_row.h"
#include "ledger/ledger.h"
#include "domain/review_score.h"
#include "store/findings.h"
#include "store/identity.h"
#include "store/reviews.h"
#include "store/settings.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

json_t *review_points_json(int cp)
{
    if (cp % 100 == 0) return json_integer(cp / 100);
    return json_real(cp / 100.0);
}

int review_in_tx(const AppContext *cx, int (*fn)(const AppContext *cx, void *arg, ZfError *err), void *arg, ZfError *err)
{
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = fn(cx, arg, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    return rc;
}

json_t *review_clean_deductions(const json_t *standard, const json_t *in)
{
    json_t *out = json_array(), *d;
    size_t i;
    json_array_foreach(in, i, d) {
        const json_t *sub = review_find_subitem(standard, str(d, "item"), NULL);
        json_array_append_new(out, json_pack("{s:O, s:O, s:O, s:O}", "item", json_object_get(d, "item"), "subitem",
                                             json_object_get(sub, "code"), "points", json_object_get(d, "points"), "reason",
                                             json_object_get(d, "reason")));
    }
    return out;
}

/* ---- logged rows ---- */

static int plan_put(Store *st, json_t *row, ZfError *err) { return store_review_put(st, REVIEW_PLAN, row, err); }
static int plan_get(Store *st, long long id, json_t **row, ZfError *err) { return store_review_get(st, REVIEW_PLAN, id, row, err); }
static int task_put(Store *st, json_t *row, ZfError *err) { return store_review_put(st, REVIEW_TASK, row, err); }
static int task_get(Store *st, long long id, json_t **row, ZfError *err) { return store_review_get(st, REVIEW_TASK, id, row, err); }

static const LoggedTable PLANS = {plan_put, plan_get, LEDGER_REVIEW_PLAN_PUT, "review_plan:", NULL};
static const LoggedTable TASKS = {task_put, task_get, LEDGER_REVIEW_TASK_PUT, "review_task:", NULL};

/* Each write counts itself in the row (body.rev): the number of review_*.put events a row has
 * had is its rev, so the ledger's size can be checked from the tables alone. */
static void bump_rev(json_t *body)
{
    json_object_set_new(body, "rev", json_integer(json_integer_value(json_object_get(body, "rev")) + 1));
}

int review_plan_put(Store *st, json_t *plan, ZfError *err)
{
    char now[32];
    app_utc_now(now);
    json_t *b = json_object_get(plan, "body");
    json_object_set_new(b, "updated_at", json_string(now));
    bump_rev(b);
    return app_logged_put(st, &PLANS, plan, err);
}

int review_task_put(Store *st, json_t *task, ZfError *err)
{
    char now[32];
    app_utc_now(now);
    json_t *b = json_object_get(task, "body");
    json_object_set_new(b, "updated_at", json_string(now));
    bump_rev(b);
    return app_logged_put(st, &TASKS, task, err);
}

/* ---- scope ---- */

static bool region_covers(const AppContext *cx, const char *region)
{
    if (!cx->user) return true;
    if (cx->scope.kind != SCOPE_REGION || !region) return false;
    size_t n = strlen(cx->scope.region_prefix);
    return strncmp(region, cx->scope.region_prefix, n) == 0;
}

int review_plan_managed(const AppContext *cx, long long id, json_t **plan, ZfError *err)
{
    if (store_review_get(cx->store, REVIEW_PLAN, id, plan, err) != ZF_OK) return ZF_ERR;
    if ((!cx->user || store_role_has_perm(cx->store, cx->user->role, "reviews.manage")) &&
        region_covers(cx, str(*plan, "region")))
        return ZF_OK;
    json_decref(*plan);
    *plan = NULL;
    return zf_fail(err, 404, "not_found", NULL, "评查方案不存在");
}

/* Did the plan sample a file of the agency, or find it without files? */
static bool plan_concerns(const json_t *plan, const char *agency)
{
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(json_object_get(plan, "body"), "sampled_agencies"), i, a)
        if (json_is_string(a) && strcmp(json_string_value(a), agency) == 0) return true;
    return false;
}

int review_plan_readable(const AppContext *cx, long long id, json_t **plan, ZfError *err)
{
    if (store_review_get(cx->store, REVIEW_PLAN, id, plan, err) != ZF_OK) return ZF_ERR;
    bool ok = !cx->user || region_covers(cx, str(*plan, "region"));
    if (!ok && cx->scope.kind == SCOPE_AGENCY)
        ok = strcmp(str(*plan, "status"), "published") == 0 && plan_concerns(*plan, cx->scope.agency);
    if (ok) return ZF_OK;
    json_decref(*plan);
    *plan = NULL;
    return zf_fail(err, 404, "not_found", NULL, "评查方案不存在");
}

int review_plan_standard(Store *st, const json_t *plan, json_t **standard, ZfError *err)
{
    json_t *row;
    if (store_review_standard_get(st, str(json_object_get(plan, "body"), "standard"), &row, err) != ZF_OK)
        return zf_fail(err, 500, "standard_missing", NULL, "评查方案所用的评查标准已不存在");
    *standard = json_incref(json_object_get(row, "body"));
    json_decref(row);
    return ZF_OK;
}

void review_agency(Store *st, const char *code, char name[256], char region[7])
{
    char *body;
    ZfError err;
    name[0] = region[0] = '\0';
    if (!code || store_record_get(st, REC_AGENCY, code, &body, &err) != ZF_OK) return;
    json_t *a = json_loads(body, 0, NULL);
    free(body);
    snprintf(name, 256, "%s", str(a, "name") ? str(a, "name") : "");
    snprintf(region, 7, "%s", str(a, "region") ? str(a, "region") : "");
    json_decref(a);
}

/* ---- re-deriving results ---- */

/* The item's result from its submitted tasks: done with the mean, or waiting for arbitration. */
static void derive_item(Store *st, json_t *item, json_t *tasks)
{
    json_t *body = json_object_get(item, "body"), *t;
    size_t i, n = json_array_size(tasks), submitted = 0;
    if (json_object_get(body, "arbitration")) return; /* the arbitration is final */
    int totals[16];
    bool vetoes[16];
    json_array_foreach(tasks, i, t) {
        if (strcmp(str(t, "status"), "submitted") != 0 || submitted >= 16) continue;
        json_t *tb = json_object_get(t, "body");
        totals[submitted] = (int)json_integer_value(json_object_get(tb, "total_cp"));
        vetoes[submitted++] = json_is_true(json_object_get(tb, "veto"));
    }
    if (submitted == 0 || submitted < n) {
        json_object_set_new(item, "status", json_string(submitted ? "scoring" : "pending"));
        return;
    }
    ReviewFinal f;
    review_final(totals, vetoes, submitted, store_setting_int(st, "review_arbitration_gap", 10), &f);
    json_object_set_new(body, "gap_cp", json_integer(f.gap_cp));
    if (f.needs_arbitration) {
        json_object_set_new(item, "status", json_string("arbitration"));
        return;
    }
    json_object_set_new(item, "status", json_string("done"));
    json_object_set_new(body, "total_cp", json_integer(f.final_cp));
    json_object_set_new(body, "veto", json_boolean(f.veto));
}

/* The plan's status from its items' (published stays published). */
static const char *plan_status(const char *current, json_t *items)
{
    if (strcmp(current, "published") == 0 || strcmp(current, "draft") == 0 || strcmp(current, "sampled") == 0)
        return current;
    size_t i, done = 0, started = 0, arbitration = 0;
    json_t *it;
    json_array_foreach(items, i, it) {
        const char *s = str(it, "status");
        done += strcmp(s, "done") == 0;
        arbitration += strcmp(s, "arbitration") == 0;
        started += strcmp(s, "pending") != 0;
    }
    if (done == json_array_size(items)) return "finished";
    if (arbitration && done + arbitration == json_array_size(items)) return "arbitration";
    return started ? "scoring" : "assigned";
}

int review_refresh(const AppContext *cx, long long item_id, ZfError *err)
{
    json_t *item = NULL, *tasks = NULL, *plan = NULL, *items = NULL;
    int rc = store_review_get(cx->store, REVIEW_ITEM, item_id, &item, err);
    ReviewRowFilter by_item = {.item_id = item_id};
    if (rc == ZF_OK) rc = store_review_rows(cx->store, REVIEW_TASK, &by_item, &tasks, err);
    if (rc == ZF_OK) {
        derive_item(cx->store, item, tasks);
        rc = store_review_put(cx->store, REVIEW_ITEM, item, err);
    }
    long long plan_id = json_integer_value(json_object_get(item, "plan_id"));
    ReviewRowFilter by_plan = {.plan_id = plan_id};
    if (rc == ZF_OK) rc = store_review_get(cx->store, REVIEW_PLAN, plan_id, &plan, err);
    if (rc == ZF_OK) rc = store_review_rows(cx->store, REVIEW_ITEM, &by_plan, &items, err);
    if (rc == ZF_OK) {
        const char *now = plan_status(str(plan, "status"), items);
        if (strcmp(now, str(plan, "status")) != 0) {
            json_object_set_new(plan, "status", json_string(now));
            rc = review_plan_put(cx->store, plan, err);
        }
    }
    json_decref(item), json_decref(tasks), json_decref(plan), json_decref(items);
    return rc;
}
