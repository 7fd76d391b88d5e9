/* 案卷评查 plans: creation (the scope and the sample's rule, checked once here), the seeded draw
 * (domain/review_sample.c) over the population the store returns — recorded in the plan with the
 * query that produced it — the cross-review assignment (domain/review_assign.c) and publication. */
#include "app/reviews.h"

#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/focus.h"
#include "app/logged_row.h"
#include "app/messages.h"
#include "app/review_documents.h"
#include "domain/review_assign.h"
#include "domain/review_labels.h"
#include "domain/review_sample.h"
#include "domain/review_score.h"
#include "store/agencies.h"
#include "store/identity.h"
#include "store/reviews.h"
#include "store/settings.h"
#include "util/text.h"

#define SEED_MAX ((1LL << 53) - 1) /* exact in a JavaScript number */
#define KINDS_ALLOWED "penalty coercion license inspection"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static json_t *body_of(const json_t *row) { return json_object_get(row, "body"); }

/* ---- creation ---- */

static int check_text(const char *v, const char *field, const char *what, size_t max_chars, ZfError *err)
{
    if (!v || text_blank(v)) return zf_fail(err, 400, "missing_field", field, "请填写%s", what);
    if (!text_utf8_valid(v, strlen(v)) || text_utf8_chars(v) > max_chars)
        return zf_fail(err, 400, "too_long", field, "%s不超过 %zu 字", what, max_chars);
    return ZF_OK;
}

static int check_date(const json_t *in, const char *field, const char *what, bool required, zf_day *out, ZfError *err)
{
    const char *v = str(in, field);
    json_t *given = json_object_get(in, field);
    if (!required && (!given || json_is_null(given))) return ZF_OK;
    if (!v || !date_parse(v, out)) return zf_fail(err, 400, "invalid_date", field, "%s格式应为 YYYY-MM-DD", what);
    return ZF_OK;
}

static int check_kinds(const json_t *kinds, ZfError *err)
{
    size_t i;
    json_t *k;
    if (!json_is_array(kinds) || json_array_size(kinds) == 0 || json_array_size(kinds) > 4)
        return zf_fail(err, 400, "invalid_field", "kinds", "请选择案件类别");
    json_array_foreach(kinds, i, k) {
        const char *v = json_string_value(k);
        if (!v || !*v || strchr(v, ' ') || !strstr(KINDS_ALLOWED, v))
            return zf_fail(err, 400, "invalid_field", "kinds", "案件类别不正确");
    }
    return ZF_OK;
}

/* per_agency: N (1–1000) or "P%" (1–100) with min_per_agency (1–1000, default 1). */
static int check_size(const json_t *in, ReviewSampleSize *s, ZfError *err)
{
    json_t *v = json_object_get(in, "per_agency"), *m = json_object_get(in, "min_per_agency");
    memset(s, 0, sizeof *s);
    s->min_count = 1;
    if (json_is_integer(m) && json_integer_value(m) >= 1 && json_integer_value(m) <= 1000) s->min_count = (int)json_integer_value(m);
    else if (m && !json_is_null(m)) return zf_fail(err, 400, "invalid_field", "min_per_agency", "每个执法主体最少抽取数应为 1 至 1000");
    if (json_is_integer(v) && json_integer_value(v) >= 1 && json_integer_value(v) <= 1000) {
        s->count = (int)json_integer_value(v);
        return ZF_OK;
    }
    const char *t = json_string_value(v);
    char *end;
    long p = t ? strtol(t, &end, 10) : 0;
    if (t && end != t && strcmp(end, "%") == 0 && p >= 1 && p <= 100) {
        s->percent = (int)p;
        return ZF_OK;
    }
    return zf_fail(err, 400, "invalid_field", "per_agency", "每个执法主体抽取数应为 1 至 1000 的整数，或 1%% 至 100%% 的比例");
}

/* The agencies of the plan: those named (each in the creator's scope), the 重点督查对象 list, or every
 * agency of the creator's region; codes ascending (the strata's order). */
static int resolve_agencies(const AppContext *cx, const json_t *asked, int year, json_t **codes, ZfError *err)
{
    json_t *list = NULL, *a;
    size_t i;
    int rc = ZF_OK;
    *codes = json_array();
    if (json_array_size(asked) == 1 && json_is_string(json_array_get(asked, 0)) &&
        strcmp(json_string_value(json_array_get(asked, 0)), "focus") == 0) {
        if ((rc = app_focus_list(cx, year, &list, err)) == ZF_OK)
            json_array_foreach(json_object_get(list, "items"), i, a) json_array_append(*codes, json_object_get(a, "agency"));
    } else if (json_array_size(asked) == 0) {
        AgencyFilter f = {.scope_region_prefix = cx->scope.region_prefix};
        if ((rc = store_agencies_list(cx->store, &f, 1, 1000, &list, err)) == ZF_OK)
            json_array_foreach(json_object_get(list, "items"), i, a) json_array_append(*codes, json_object_get(a, "code"));
    } else {
        json_array_foreach(asked, i, a) {
            char name[256], region[7];
            const char *code = json_string_value(a);
            if (code && strlen(code) <= 18) review_agency(cx->store, code, name, region);
            if (!code || !*name || !scope_allows(&cx->scope, code, region)) {
                rc = zf_fail(err, 400, "invalid_field", "agencies", "第 %zu 个执法主体不存在或不在本人管辖范围内", i + 1);
                break;
            }
            json_array_append(*codes, a);
        }
    }
    json_decref(list);
    if (rc != ZF_OK) return json_decref(*codes), ZF_ERR;
    {
        /* insertion sort by code: a few hundred agencies at most */
        size_t n = json_array_size(*codes);
        for (size_t x = 1; x < n; x++)
            for (size_t y = x; y > 0 && strcmp(json_string_value(json_array_get(*codes, y - 1)),
                                               json_string_value(json_array_get(*codes, y))) > 0; y--) {
                json_t *t = json_incref(json_array_get(*codes, y));
                json_array_set(*codes, y, json_array_get(*codes, y - 1));
                json_array_set_new(*codes, y - 1, t);
            }
        for (size_t x = 1; x < json_array_size(*codes);) /* the same agency named twice counts once */
            if (strcmp(json_string_value(json_array_get(*codes, x - 1)), json_string_value(json_array_get(*codes, x))) == 0)
                json_array_remove(*codes, x);
            else x++;
    }
    if (json_array_size(*codes) == 0) return json_decref(*codes), zf_fail(err, 422, "no_agencies", "agencies", "范围内没有执法主体");
    return ZF_OK;
}

/* Each reviewer: a user not disabled whose role holds reviews.score; none twice. */
static int check_reviewers(Store *st, const json_t *reviewers, ZfError *err)
{
    size_t i, j;
    json_t *r;
    if (reviewers && !json_is_array(reviewers)) return zf_fail(err, 400, "invalid_field", "reviewers", "评查人员应为用户名列表");
    if (json_array_size(reviewers) > 200) return zf_fail(err, 400, "invalid_field", "reviewers", "评查人员不超过 200 名");
    json_array_foreach(reviewers, i, r) {
        AuthUser u;
        ZfError e;
        const char *name = json_string_value(r);
        if (!name || strlen(name) > 32 || store_user_by_name(st, name, &u, NULL, &e) != ZF_OK || u.disabled ||
            !store_role_has_perm(st, u.role, "reviews.score"))
            return zf_fail(err, 400, "invalid_field", "reviewers", "第 %zu 名评查人员不存在或没有评查权限", i + 1);
        for (j = 0; j < i; j++)
            if (strcmp(json_string_value(json_array_get(reviewers, j)), name) == 0)
                return zf_fail(err, 400, "invalid_field", "reviewers", "评查人员 %s 重复", name);
    }
    return ZF_OK;
}

static uint64_t new_seed(void)
{
    uint64_t s = 0;
    if (RAND_bytes((unsigned char *)&s, sizeof s) != 1) s = (uint64_t)time(NULL);
    return s & (uint64_t)SEED_MAX;
}

static int build_body(const AppContext *cx, const json_t *in, json_t **body, ZfError *err)
{
    zf_day from = 0, to = 0, deadline = 0;
    ReviewSampleSize size;
    json_t *seed = json_object_get(in, "seed"), *std = NULL;
    if (check_text(str(in, "name"), "name", "方案名称", 100, err) || check_date(in, "period_from", "评查期间起", true, &from, err) ||
        check_date(in, "period_to", "评查期间止", true, &to, err) || check_date(in, "deadline", "完成期限", false, &deadline, err) ||
        check_kinds(json_object_get(in, "kinds"), err) || check_size(in, &size, err) ||
        check_reviewers(cx->store, json_object_get(in, "reviewers"), err))
        return ZF_ERR;
    if (from > to) return zf_fail(err, 400, "invalid_date", "period_to", "评查期间止不能早于起");
    if (seed && !json_is_null(seed) && (!json_is_integer(seed) || json_integer_value(seed) < 0 || json_integer_value(seed) > SEED_MAX))
        return zf_fail(err, 400, "invalid_field", "seed", "随机种子应为 0 至 9007199254740991 的整数");
    if (json_object_get(in, "agencies") && !json_is_array(json_object_get(in, "agencies")))
        return zf_fail(err, 400, "invalid_field", "agencies", "执法主体应为列表");
    if (!str(in, "standard") || store_review_standard_get(cx->store, str(in, "standard"), &std, err) != ZF_OK)
        return zf_fail(err, 400, "invalid_field", "standard", "请选择评查标准");
    json_decref(std);
    json_t *strata;
    int year, m, d;
    date_to_ymd(to, &year, &m, &d);
    if (resolve_agencies(cx, json_object_get(in, "agencies"), year, &strata, err) != ZF_OK) return ZF_ERR;
    char now[32];
    app_utc_now(now);
    *body = json_pack("{s:s, s:s, s:s, s:O, s:o, s:O, s:i, s:s, s:I, s:o, s:b, s:o, s:s, s:s}", "name", str(in, "name"),
                      "period_from", str(in, "period_from"), "period_to", str(in, "period_to"), "kinds",
                      json_object_get(in, "kinds"), "agencies",
                      json_object_get(in, "agencies") ? json_deep_copy(json_object_get(in, "agencies")) : json_array(),
                      "per_agency", json_object_get(in, "per_agency"), "min_per_agency", size.min_count, "standard",
                      str(in, "standard"), "seed",
                      (json_int_t)(json_is_integer(seed) ? (uint64_t)json_integer_value(seed) : new_seed()), "strata", strata,
                      "exclude_reviewed_this_year", json_is_true(json_object_get(in, "exclude_reviewed_this_year")),
                      "reviewers",
                      json_object_get(in, "reviewers") ? json_deep_copy(json_object_get(in, "reviewers")) : json_array(),
                      "created_at", now, "updated_at", now);
    if (str(in, "deadline")) json_object_set(*body, "deadline", json_object_get(in, "deadline"));
    return *body ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
}

typedef struct {
    const json_t *in;
    long long id;
} CreateArgs;

static int create_fn(const AppContext *cx, void *arg, ZfError *err)
{
    CreateArgs *a = arg;
    json_t *body;
    if (build_body(cx, a->in, &body, err) != ZF_OK) return ZF_ERR;
    const char *region = cx->user->region[0] ? cx->user->region : cx->user->agency_region;
    json_t *row = json_pack("{s:s, s:s, s:s, s:o}", "region", region, "status", "draft", "created_by", cx->user->username,
                            "body", body);
    int rc = review_plan_put(cx->store, row, err);
    a->id = json_integer_value(json_object_get(row, "id"));
    json_decref(row);
    return rc;
}

int app_review_plan_create(const AppContext *cx, const json_t *in, json_t **plan, ZfError *err)
{
    if (!cx->user || cx->scope.kind != SCOPE_REGION)
        return zf_fail(err, 403, "forbidden", NULL, "只有行政执法监督机构的人员可以制定评查方案");
    if (!json_is_object(in)) return zf_fail(err, 400, "invalid_body", NULL, "请求内容应为 JSON 对象");
    CreateArgs a = {in, 0};
    if (review_in_tx(cx, create_fn, &a, err) != ZF_OK) return ZF_ERR;
    return app_review_plan_get(cx, a.id, plan, err);
}

typedef struct {
    long long id;
    const json_t *in;
} UpdateArgs;

/* A plan not yet assigned takes a new scope and sample rule: its draw, if any, is dropped. */
static int update_fn(const AppContext *cx, void *arg, ZfError *err)
{
    UpdateArgs *a = arg;
    json_t *plan, *body;
    if (review_plan_managed(cx, a->id, &plan, err) != ZF_OK) return ZF_ERR;
    const char *status = str(plan, "status");
    int rc = strcmp(status, "draft") == 0 || strcmp(status, "sampled") == 0
                 ? build_body(cx, a->in, &body, err)
                 : zf_fail(err, 409, "plan_status", NULL, "评查方案已分配评查人员，不能再修改");
    if (rc == ZF_OK) {
        json_object_set(body, "created_at", json_object_get(body_of(plan), "created_at"));
        json_object_set(body, "rev", json_object_get(body_of(plan), "rev"));
        json_object_set_new(plan, "body", body);
        json_object_set_new(plan, "status", json_string("draft"));
        rc = store_review_items_clear(cx->store, a->id, err);
    }
    if (rc == ZF_OK) rc = review_plan_put(cx->store, plan, err);
    json_decref(plan);
    return rc;
}

int app_review_plan_update(const AppContext *cx, long long id, const json_t *in, json_t **plan, ZfError *err)
{
    if (!json_is_object(in)) return zf_fail(err, 400, "invalid_body", NULL, "请求内容应为 JSON 对象");
    UpdateArgs a = {id, in};
    if (review_in_tx(cx, update_fn, &a, err) != ZF_OK) return ZF_ERR;
    return app_review_plan_get(cx, id, plan, err);
}

/* ---- reading ---- */

static json_t *item_view(Store *st, const json_t *item, json_t *tasks, const ReviewBands *bands)
{
    char name[256], region[7];
    json_t *b = body_of(item), *t, *reviewers = json_array();
    size_t i;
    review_agency(st, str(item, "agency"), name, region);
    json_t *v = json_pack("{s:O, s:O, s:O, s:s, s:O, s:s}", "id", json_object_get(item, "id"), "case_no",
                          json_object_get(item, "case_no"), "agency", json_object_get(item, "agency"), "agency_name", name,
                          "status", json_object_get(item, "status"), "status_name",
                          review_label("review_item_statuses", str(item, "status")));
    json_array_foreach(tasks, i, t) {
        if (json_integer_value(json_object_get(t, "item_id")) != json_integer_value(json_object_get(item, "id"))) continue;
        json_t *tb = body_of(t), *total = json_object_get(tb, "total_cp");
        json_array_append_new(reviewers, json_pack("{s:O, s:O, s:O, s:o, s:b}", "task_id", json_object_get(t, "id"),
                                                   "username", json_object_get(t, "reviewer"), "status",
                                                   json_object_get(t, "status"),
                                                   "total", total ? review_points_json((int)json_integer_value(total)) : json_null(),
                                                   "veto", json_is_true(json_object_get(tb, "veto"))));
    }
    json_object_set_new(v, "reviewers", reviewers);
    if (json_object_get(b, "gap_cp")) json_object_set_new(v, "gap", review_points_json((int)json_integer_value(json_object_get(b, "gap_cp"))));
    if (strcmp(str(item, "status"), "done") == 0) {
        int total = (int)json_integer_value(json_object_get(b, "total_cp"));
        bool veto = json_is_true(json_object_get(b, "veto"));
        const ReviewBand *g = review_grade(bands, total, veto);
        json_object_set_new(v, "total", review_points_json(total));
        json_object_set_new(v, "veto", json_boolean(veto));
        json_object_set_new(v, "grade", json_string(g ? g->grade : ""));
        json_object_set_new(v, "grade_name", json_string(g ? g->name : ""));
    }
    if (json_object_get(b, "arbitration")) json_object_set(v, "arbitration", json_object_get(b, "arbitration"));
    if (json_object_get(b, "order_id")) json_object_set(v, "order_id", json_object_get(b, "order_id"));
    return v;
}

int review_bands(Store *st, ReviewBands *bands)
{
    char text[2048];
    ZfError err;
    store_setting_text(st, "review_grade_bands", "", text, sizeof text);
    if (review_bands_parse(text, bands, &err) == ZF_OK) return ZF_OK;
    return review_bands_parse("[{\"grade\":\"excellent\",\"name\":\"优秀\",\"min\":90},{\"grade\":\"good\",\"name\":\"良好\",\"min\":80},"
                              "{\"grade\":\"pass\",\"name\":\"合格\",\"min\":60},{\"grade\":\"fail\",\"name\":\"不合格\",\"min\":0}]",
                              bands, &err);
}

/* The plan as GET /reviews/plans/{id} shows it: the body's fields beside the columns; with_items
 * adds the items, their reviewers and the counts. */
static json_t *plan_view(const AppContext *cx, const json_t *plan, bool with_items)
{
    json_t *v = json_deep_copy(body_of(plan)), *items = NULL, *tasks = NULL;
    json_object_set(v, "id", json_object_get(plan, "id"));
    json_object_set(v, "region", json_object_get(plan, "region"));
    json_object_set(v, "status", json_object_get(plan, "status"));
    json_object_set_new(v, "status_name", json_string(review_label("review_plan_statuses", str(plan, "status"))));
    json_object_set(v, "created_by", json_object_get(plan, "created_by"));
    json_object_del(v, "strata");
    json_object_set(v, "agency_codes", json_object_get(body_of(plan), "strata"));
    ReviewRowFilter f = {.plan_id = json_integer_value(json_object_get(plan, "id"))};
    ZfError err;
    if (store_review_rows(cx->store, REVIEW_ITEM, &f, &items, &err) != ZF_OK) items = json_array();
    if (store_review_rows(cx->store, REVIEW_TASK, &f, &tasks, &err) != ZF_OK) tasks = json_array();
    json_t *counts = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "items", (int)json_array_size(items), "pending", 0,
                               "scoring", 0, "arbitration", 0, "done", 0, "tasks", (int)json_array_size(tasks), "submitted", 0);
    size_t i;
    json_t *it, *list = json_array();
    ReviewBands bands;
    review_bands(cx->store, &bands);
    json_array_foreach(items, i, it) {
        json_t *c = json_object_get(counts, str(it, "status"));
        json_integer_set(c, json_integer_value(c) + 1);
        if (with_items) json_array_append_new(list, item_view(cx->store, it, tasks, &bands));
    }
    json_array_foreach(tasks, i, it)
        if (strcmp(str(it, "status"), "submitted") == 0)
            json_integer_set(json_object_get(counts, "submitted"), json_integer_value(json_object_get(counts, "submitted")) + 1);
    json_object_set_new(v, "counts", counts);
    if (with_items) json_object_set_new(v, "items", list);
    else json_decref(list);
    json_decref(items);
    json_decref(tasks);
    return v;
}

int app_review_plan_get(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    json_t *plan;
    if (review_plan_readable(cx, id, &plan, err) != ZF_OK) return ZF_ERR;
    bool agency_user = cx->user && cx->scope.kind == SCOPE_AGENCY;
    *out = plan_view(cx, plan, !agency_user);
    json_object_set_new(*out, "defenses", review_defenses_json(cx, plan, agency_user ? cx->scope.agency : NULL));
    json_object_set_new(*out, "defense_open", json_boolean(review_defense_open(cx, plan)));
    if (agency_user) /* the reviewed agency reads its results, not who scored nor the other strata */
        for (const char *const *k = (const char *const[]){"reviewers", "population", "seed", "agency_codes", NULL}; *k; k++)
            json_object_del(*out, *k);
    json_decref(plan);
    return ZF_OK;
}

int app_review_plans_list(const AppContext *cx, const char *status, int page, int size, json_t **out, ZfError *err)
{
    json_t *rows, *row, *items = json_array();
    ReviewRowFilter f = {.status = status};
    if (store_review_rows(cx->store, REVIEW_PLAN, &f, &rows, err) != ZF_OK) return json_decref(items), ZF_ERR;
    size_t i, total = 0, first = (size_t)(page - 1) * (size_t)size;
    for (i = json_array_size(rows); i-- > 0;) { /* newest first */
        row = json_array_get(rows, i);
        json_t *mine;
        ZfError e;
        if (review_plan_readable(cx, json_integer_value(json_object_get(row, "id")), &mine, &e) != ZF_OK) continue;
        if (total >= first && total < first + (size_t)size) {
            json_t *v = plan_view(cx, mine, false);
            if (cx->user && cx->scope.kind == SCOPE_AGENCY) json_object_del(v, "reviewers"), json_object_del(v, "population");
            json_array_append_new(items, v);
        }
        total++;
        json_decref(mine);
    }
    json_decref(rows);
    *out = json_pack("{s:o, s:i, s:i, s:i}", "items", items, "total", (int)total, "page", page, "size", size);
    return ZF_OK;
}

/* ---- sampling ---- */

/* Draws the plan's sample from its stored inputs: {items, empty_agencies, seed, population}. */
static int draw(Store *st, const json_t *plan, json_t **out, ZfError *err)
{
    json_t *b = body_of(plan), *code, *items = json_array(), *empty = json_array(), *strata = json_array();
    char *kinds = json_dumps(json_object_get(b, "kinds"), JSON_COMPACT);
    char year[5] = "";
    if (json_is_true(json_object_get(b, "exclude_reviewed_this_year"))) snprintf(year, sizeof year, "%.4s", str(b, "period_from"));
    ReviewSampleSize size = {0, 0, (int)json_integer_value(json_object_get(b, "min_per_agency"))};
    json_t *per = json_object_get(b, "per_agency");
    if (json_is_integer(per)) size.count = (int)json_integer_value(per);
    else size.percent = atoi(json_string_value(per) ? json_string_value(per) : "0");
    uint64_t seed = (uint64_t)json_integer_value(json_object_get(b, "seed"));
    size_t i;
    int rc = ZF_OK;
    json_array_foreach(json_object_get(b, "strata"), i, code) {
        json_t *population;
        ReviewPopulation q = {json_string_value(code), kinds, str(b, "period_from"), str(b, "period_to"), year[0] ? year : NULL,
                              json_integer_value(json_object_get(plan, "id"))};
        if ((rc = store_review_population(st, &q, &population, err)) != ZF_OK) break;
        char name[256], region[7];
        review_agency(st, q.agency, name, region);
        size_t len = json_array_size(population), n = review_sample_size(&size, len);
        size_t *order = malloc((len ? len : 1) * sizeof *order);
        if (!order) {
            json_decref(population);
            rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
            break;
        }
        review_draw(review_stratum_state(seed, q.agency), len, n, order);
        for (size_t k = 0; k < n; k++)
            json_array_append_new(items, json_pack("{s:O, s:s, s:s}", "case_no", json_array_get(population, order[k]),
                                                   "agency", q.agency, "agency_name", name));
        if (len == 0) json_array_append_new(empty, json_pack("{s:s, s:s}", "code", q.agency, "name", name));
        json_array_append_new(strata, json_pack("{s:s, s:s, s:i, s:i}", "agency", q.agency, "agency_name", name,
                                                "population", (int)len, "drawn", (int)n));
        free(order);
        json_decref(population);
    }
    if (rc == ZF_OK)
        *out = json_pack("{s:o, s:o, s:I, s:{s:s, s:{s:O, s:s, s:s, s:s?}, s:s, s:o}}", "items", items, "empty_agencies", empty,
                         "seed", (json_int_t)seed, "population", "query", STORE_REVIEW_POPULATION_SQL, "params", "kinds",
                         json_object_get(b, "kinds"), "from", str(b, "period_from"), "to", str(b, "period_to"),
                         "exclude_year", year[0] ? year : NULL, "draw",
                         "SplitMix64(seed XOR FNV-1a64(agency)); partial Fisher-Yates (domain/review_sample.c)", "strata", strata);
    else json_decref(items), json_decref(empty), json_decref(strata);
    free(kinds);
    return rc;
}

typedef struct {
    long long id;
    json_t *out;
} SampleArgs;

static int sample_fn(const AppContext *cx, void *arg, ZfError *err)
{
    SampleArgs *a = arg;
    json_t *plan, *it;
    if (review_plan_managed(cx, a->id, &plan, err) != ZF_OK) return ZF_ERR;
    const char *status = str(plan, "status");
    int rc = ZF_OK;
    if (strcmp(status, "draft") != 0 && strcmp(status, "sampled") != 0)
        rc = zf_fail(err, 409, "plan_status", NULL, "评查方案已分配评查人员，不能重新抽取案卷");
    if (rc == ZF_OK) rc = draw(cx->store, plan, &a->out, err);
    if (rc == ZF_OK) rc = store_review_items_clear(cx->store, a->id, err);
    size_t i;
    json_t *sampled = json_array();
    json_array_foreach(json_object_get(a->out, "items"), i, it) {
        if (rc != ZF_OK) break;
        json_t *row = json_pack("{s:I, s:O, s:O, s:s, s:{s:i}}", "plan_id", (json_int_t)a->id, "case_no",
                                json_object_get(it, "case_no"), "agency", json_object_get(it, "agency"), "status", "pending",
                                "body", "seq", (int)i + 1);
        rc = store_review_put(cx->store, REVIEW_ITEM, row, err);
        json_decref(row);
    }
    if (rc == ZF_OK) {
        json_t *b = body_of(plan), *s;
        json_array_foreach(json_object_get(json_object_get(a->out, "population"), "strata"), i, s)
            json_array_append(sampled, json_object_get(s, "agency"));
        json_object_set_new(b, "sampled_agencies", sampled);
        json_object_set(b, "population", json_object_get(a->out, "population"));
        json_object_set(b, "empty_agencies", json_object_get(a->out, "empty_agencies"));
        json_object_set_new(plan, "status", json_string("sampled"));
        rc = review_plan_put(cx->store, plan, err);
    } else {
        json_decref(sampled);
    }
    json_decref(plan);
    return rc;
}

int app_review_plan_sample(const AppContext *cx, long long id, bool save, json_t **out, ZfError *err)
{
    if (!save) {
        json_t *plan;
        if (review_plan_managed(cx, id, &plan, err) != ZF_OK) return ZF_ERR;
        int rc = draw(cx->store, plan, out, err);
        json_decref(plan);
        return rc;
    }
    SampleArgs a = {id, NULL};
    if (review_in_tx(cx, sample_fn, &a, err) != ZF_OK) return json_decref(a.out), ZF_ERR;
    *out = a.out;
    return ZF_OK;
}

int app_review_plan_redraw(Store *st, long long id, json_t **out, ZfError *err)
{
    json_t *plan;
    if (store_review_get(st, REVIEW_PLAN, id, &plan, err) != ZF_OK) return ZF_ERR;
    int rc = draw(st, plan, out, err);
    json_decref(plan);
    return rc;
}

/* ---- assignment ---- */

typedef struct {
    long long id;
    const json_t *reviewers;
    int tasks;
} AssignArgs;

/* The reviewers as the solver sees them; names point into users (kept alive by the caller). */
static int load_reviewers(Store *st, const json_t *names, AuthUser *users, ReviewReviewer *out, ZfError *err)
{
    size_t i;
    json_t *n;
    json_array_foreach(names, i, n) {
        ZfError e;
        if (store_user_by_name(st, json_string_value(n), &users[i], NULL, &e) != ZF_OK)
            return zf_fail(err, 422, "invalid_field", "reviewers", "评查人员 %s 不存在", json_string_value(n));
        out[i] = (ReviewReviewer){users[i].username, users[i].display_name, users[i].agency,
                                  users[i].region[0] ? users[i].region : users[i].agency_region};
    }
    return ZF_OK;
}

/* 消息中心 (docs/messages.md): each reviewer once per plan, in the assignment's transaction. */
static int message_reviewers(const AppContext *cx, const json_t *plan, const ReviewReviewer *revs, const size_t *picks,
                             size_t tasks, ZfError *err)
{
    json_t *told = json_object();
    char title[400], link[64];
    const char *name = str(body_of(plan), "name");
    snprintf(title, sizeof title, "评查任务：%s", name ? name : "案卷评查");
    snprintf(link, sizeof link, "/reviews/tasks");
    int rc = ZF_OK;
    for (size_t i = 0; rc == ZF_OK && i < tasks; i++) {
        const char *user = revs[picks[i]].username;
        if (json_object_get(told, user)) continue;
        json_object_set_new(told, user, json_true());
        rc = app_message_to_user(cx->store, user, "review_task", title, link, err);
    }
    json_decref(told);
    return rc;
}

static int make_tasks(const AppContext *cx, const json_t *plan, json_t *items, const json_t *names, int k, int *count,
                      ZfError *err)
{
    size_t n = json_array_size(items), nr = json_array_size(names);
    ReviewFile *files = calloc(n ? n : 1, sizeof *files);
    char (*anames)[256] = calloc(n ? n : 1, 256), (*aregions)[7] = calloc(n ? n : 1, 7);
    AuthUser *users = calloc(nr ? nr : 1, sizeof *users);
    ReviewReviewer *revs = calloc(nr ? nr : 1, sizeof *revs);
    size_t *picks = calloc(n * (size_t)k + 1, sizeof *picks);
    int rc = files && anames && aregions && users && revs && picks ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    for (size_t i = 0; rc == ZF_OK && i < n; i++) {
        json_t *it = json_array_get(items, i);
        review_agency(cx->store, str(it, "agency"), anames[i], aregions[i]);
        files[i] = (ReviewFile){str(it, "case_no"), str(it, "agency"), anames[i], aregions[i]};
    }
    if (rc == ZF_OK) rc = load_reviewers(cx->store, names, users, revs, err);
    if (rc == ZF_OK) rc = review_assign(files, n, revs, nr, k, picks, err);
    json_t *deadline = json_object_get(body_of(plan), "deadline");
    for (size_t i = 0; rc == ZF_OK && i < n * (size_t)k; i++) {
        json_t *it = json_array_get(items, i / (size_t)k);
        json_t *task = json_pack("{s:O, s:O, s:O, s:s, s:s, s:{s:[], s:O}}", "plan_id", json_object_get(plan, "id"), "item_id",
                                 json_object_get(it, "id"), "case_no", json_object_get(it, "case_no"), "reviewer",
                                 revs[picks[i]].username, "status", "assigned", "body", "deductions", "deadline",
                                 deadline ? deadline : json_null());
        rc = review_task_put(cx->store, task, err);
        json_decref(task);
        (*count)++;
    }
    if (rc == ZF_OK) rc = message_reviewers(cx, plan, revs, picks, n * (size_t)k, err);
    free(files), free(anames), free(aregions), free(users), free(revs), free(picks);
    return rc;
}

static int assign_fn(const AppContext *cx, void *arg, ZfError *err)
{
    AssignArgs *a = arg;
    json_t *plan, *items = NULL;
    if (review_plan_managed(cx, a->id, &plan, err) != ZF_OK) return ZF_ERR;
    json_t *b = body_of(plan);
    int rc = strcmp(str(plan, "status"), "sampled") == 0
                 ? ZF_OK
                 : zf_fail(err, 409, "plan_status", NULL, "评查方案须先抽取案卷，且只能分配一次");
    if (rc == ZF_OK && a->reviewers) {
        rc = check_reviewers(cx->store, a->reviewers, err);
        if (rc == ZF_OK) json_object_set_new(b, "reviewers", json_deep_copy(a->reviewers));
    }
    ReviewRowFilter f = {.plan_id = a->id};
    if (rc == ZF_OK) rc = store_review_rows(cx->store, REVIEW_ITEM, &f, &items, err);
    if (rc == ZF_OK && json_array_size(items) == 0) rc = zf_fail(err, 422, "no_items", NULL, "评查方案没有抽取到案卷");
    if (rc == ZF_OK && json_array_size(json_object_get(b, "reviewers")) == 0)
        rc = zf_fail(err, 422, "no_reviewers", "reviewers", "请选择评查人员");
    int k = store_setting_int(cx->store, "review_reviewers_per_file", 2);
    if (rc == ZF_OK) rc = make_tasks(cx, plan, items, json_object_get(b, "reviewers"), k, &a->tasks, err);
    if (rc == ZF_OK) {
        char now[32];
        app_utc_now(now);
        json_object_set_new(b, "assigned_at", json_string(now));
        json_object_set_new(plan, "status", json_string("assigned"));
        rc = review_plan_put(cx->store, plan, err);
    }
    json_decref(items);
    json_decref(plan);
    return rc;
}

int app_review_plan_assign(const AppContext *cx, long long id, const json_t *reviewers, json_t **out, ZfError *err)
{
    AssignArgs a = {id, reviewers, 0};
    if (review_in_tx(cx, assign_fn, &a, err) != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:i}", "tasks", a.tasks);
    return ZF_OK;
}

/* ---- publication ---- */

static int publish_fn(const AppContext *cx, void *arg, ZfError *err)
{
    json_t *plan;
    if (review_plan_managed(cx, *(long long *)arg, &plan, err) != ZF_OK) return ZF_ERR;
    int rc = strcmp(str(plan, "status"), "finished") == 0
                 ? ZF_OK
                 : zf_fail(err, 409, "plan_status", NULL, "评查方案的全部案卷评查完成（含仲裁）后才能发布结果");
    if (rc == ZF_OK) {
        char on[ZF_DATE_LEN], due[ZF_DATE_LEN];
        date_format(cx->today, on);
        date_format(add_wd(cx->calendar, cx->today, store_setting_int(cx->store, "review_defense_wd", 5)), due);
        json_object_set_new(body_of(plan), "published_on", json_string(on));
        json_object_set_new(body_of(plan), "defense_due", json_string(due));
        json_object_set_new(plan, "status", json_string("published"));
        rc = review_plan_put(cx->store, plan, err);
    }
    json_decref(plan);
    return rc;
}

int app_review_plan_publish(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    if (review_in_tx(cx, publish_fn, &id, err) != ZF_OK) return ZF_ERR;
    /* the 评查结果通报, drawn after the publication committed */
    app_review_documents_due(cx, id);
    return app_review_plan_get(cx, id, out, err);
}

int app_review_reviewers(const AppContext *cx, json_t **out, ZfError *err)
{
    json_t *items;
    if (store_review_users_with(cx->store, "reviews.score", &items, err) != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}
