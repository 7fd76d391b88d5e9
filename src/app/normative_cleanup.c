/* The two-yearly cleanup (清理) and the statistics of normative.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/normative.h"
#include "app/normative_common.h"
#include "store/normative.h"
#include "store/settings.h"
#include "util/text.h"

typedef struct {
    const AppContext *cx;
    zf_day as_of;
    int years;
    json_t *items;
} Due;

/* The date a document entered its current cleanup period: its last cleanup answer, else its registration. */
static zf_day period_start(const json_t *b)
{
    zf_day d = ZF_DAY_NONE;
    const char *last = norm_str(json_object_get(b, "cleanup"), "on");
    if (!last || !date_parse(last, &d)) date_parse(norm_str(b, "registered_on") ? norm_str(b, "registered_on") : "", &d);
    return d;
}

static int take_due(const json_t *row, void *ctx)
{
    Due *d = ctx;
    const json_t *b = json_object_get(row, "body");
    const char *v = norm_str(row, "validity");
    if (!v || strcmp(v, "repealed") == 0 || !norm_visible(d->cx, row)) return 0;
    zf_day start = period_start(b), until = ZF_DAY_NONE;
    if (start == ZF_DAY_NONE || add_years(start, d->years) > d->as_of) return 0;
    json_t *flags = json_array();
    if (!json_is_object(json_object_get(b, "cleanup"))) json_array_append_new(flags, json_string("unanswered"));
    if (norm_str(b, "valid_until") && date_parse(norm_str(b, "valid_until"), &until) && until < d->as_of)
        json_array_append_new(flags, json_string("expired"));
    json_array_append_new(d->items, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:s, s:o}", "id",
                                              json_object_get(row, "id"), "reg_no", json_object_get(row, "reg_no"),
                                              "title", json_object_get(b, "title"), "doc_no", json_object_get(b, "doc_no"),
                                              "issuer", json_object_get(row, "issuer"), "issuer_name",
                                              json_object_get(b, "issuer_name"), "registered_on",
                                              json_object_get(b, "registered_on"), "validity", v, "flags", flags));
    return 0;
}

static int by_issuer(const void *x, const void *y)
{
    const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    int c = strcmp(norm_str(a, "issuer"), norm_str(b, "issuer"));
    return c ? c : (int)(json_integer_value(json_object_get(a, "id")) - json_integer_value(json_object_get(b, "id")));
}

int app_normative_cleanup_due(const AppContext *cx, zf_day as_of, json_t **items, ZfError *err)
{
    Due d = {cx, as_of, store_setting_int(cx->store, "normative_cleanup_years", 2), json_array()};
    if (store_normative_foreach(cx->store, NORMATIVE_DOC, take_due, &d, err) != ZF_OK) return json_decref(d.items), ZF_ERR;
    size_t n = json_array_size(d.items);
    json_t *sorted[n ? n : 1];
    for (size_t i = 0; i < n; i++) sorted[i] = json_incref(json_array_get(d.items, i));
    qsort(sorted, n, sizeof *sorted, by_issuer);
    json_array_clear(d.items);
    for (size_t i = 0; i < n; i++) json_array_append_new(d.items, sorted[i]);
    *items = d.items;
    return ZF_OK;
}

int app_normative_cleanup_answer(const AppContext *cx, long long id, const char *answer, const char *reason,
                                 json_t **doc, ZfError *err)
{
    json_t *row = NULL;
    char today[ZF_DATE_LEN];
    if (!norm_cleanup_answer_name(answer))
        return zf_fail(err, 400, "invalid_field", "answer", "清理意见应为继续有效、修改、废止或宣布失效");
    if (!reason || text_blank(reason) || !text_utf8_valid(reason, strlen(reason)) || text_utf8_chars(reason) > 2000)
        return zf_fail(err, 400, "missing_field", "reason", "请填写理由（不超过 2000 字）");
    date_format(cx->today, today);
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = norm_load(cx, id, &row, err);
    if (rc == ZF_OK && !json_is_string(json_object_get(row, "validity")))
        rc = zf_fail(err, 409, "invalid_state", NULL, "只有已公布的文件参加清理");
    if (rc == ZF_OK) {
        json_object_set_new(norm_body(row), "cleanup", json_pack("{s:s, s:s, s:s, s:s}", "answer", answer, "reason",
                                                                 reason, "on", today, "by",
                                                                 cx->user ? cx->user->username : "system"));
        if (strcmp(answer, "repeal") == 0 || strcmp(answer, "void") == 0) {
            json_object_set_new(row, "validity", json_string("repealed"));
            json_object_set_new(norm_body(row), "repealed_on", json_string(today));
        }
        norm_timeline(cx, row, "cleanup", today, norm_cleanup_answer_name(answer));
        rc = norm_put(cx, row, err);
    }
    if (rc == ZF_OK) norm_audit(cx, "normative_cleanup", id, answer);
    json_decref(row);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    return rc == ZF_OK ? app_normative_get(cx, id, doc, err) : ZF_ERR;
}

/* ---- the cleanup's results, published (公布清理结果) ---- */

static int take_result(const json_t *row, void *ctx)
{
    const json_t *b = json_object_get(row, "body"), *c = json_object_get(b, "cleanup");
    if (!json_is_object(c) || !json_is_string(json_object_get(row, "validity"))) return 0;
    const char *answer = norm_str(c, "answer");
    json_array_append_new(ctx, json_pack("{s:O, s:O, s:O, s:O, s:O, s:s, s:s, s:O, s:O, s:O}", "id",
                                         json_object_get(row, "id"), "reg_no", json_object_get(row, "reg_no"), "title",
                                         json_object_get(b, "title"), "doc_no", json_object_get(b, "doc_no"),
                                         "issuer_name", json_object_get(b, "issuer_name"), "answer", answer ? answer : "",
                                         "answer_name", norm_cleanup_answer_name(answer) ? norm_cleanup_answer_name(answer) : "",
                                         "reason", json_object_get(c, "reason"), "on", json_object_get(c, "on"),
                                         "validity", json_object_get(row, "validity")));
    return 0;
}

/* Newest answer first, then by id. */
static int by_answer_day(const void *x, const void *y)
{
    const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    int c = strcmp(norm_str(b, "on") ? norm_str(b, "on") : "", norm_str(a, "on") ? norm_str(a, "on") : "");
    return c ? c : (int)(json_integer_value(json_object_get(a, "id")) - json_integer_value(json_object_get(b, "id")));
}

int app_normative_cleanup_results(const AppContext *cx, json_t **items, ZfError *err)
{
    json_t *all = json_array();
    if (store_normative_foreach(cx->store, NORMATIVE_DOC, take_result, all, err) != ZF_OK) return json_decref(all), ZF_ERR;
    size_t n = json_array_size(all);
    json_t *sorted[n ? n : 1];
    for (size_t i = 0; i < n; i++) sorted[i] = json_incref(json_array_get(all, i));
    qsort(sorted, n, sizeof *sorted, by_answer_day);
    json_array_clear(all);
    for (size_t i = 0; i < n; i++) json_array_append_new(all, sorted[i]);
    *items = all;
    return ZF_OK;
}

/* ---- statistics ---- */

typedef struct {
    const AppContext *cx;
    json_t *groups; /* "issuer|year" → counters */
} Stats;

static void bump(json_t *g, const char *key, json_int_t by)
{
    json_object_set_new(g, key, json_integer(json_integer_value(json_object_get(g, key)) + by));
}

static int count_doc(const json_t *row, void *ctx)
{
    Stats *s = ctx;
    const json_t *b = json_object_get(row, "body");
    const char *filed = norm_str(b, "filed_on"), *issuer = norm_str(row, "issuer");
    if (!norm_visible(s->cx, row) || !filed || !issuer) return 0;
    char key[64];
    snprintf(key, sizeof key, "%s|%.4s", issuer, filed);
    json_t *g = json_object_get(s->groups, key);
    if (!g) {
        g = json_pack("{s:s, s:O, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "issuer", issuer, "issuer_name",
                      json_object_get(b, "issuer_name"), "year", atoi(filed), "filed", 0, "on_time", 0, "registered",
                      0, "reviewed", 0, "unlawful", 0, "review_days_total", 0);
        json_object_set_new(s->groups, key, g);
    }
    bump(g, "filed", 1);
    bump(g, "on_time", !json_is_true(json_object_get(b, "late")));
    bump(g, "registered", json_is_string(json_object_get(row, "reg_no")));
    const char *outcome = norm_str(b, "outcome");
    if (outcome) {
        bump(g, "reviewed", 1);
        bump(g, "unlawful", strcmp(outcome, "correct") == 0 || strcmp(outcome, "revoke") == 0);
        bump(g, "review_days_total", json_integer_value(json_object_get(b, "review_days")));
    }
    return 0;
}

static double ratio(json_int_t a, json_int_t b) { return b ? (double)a / (double)b : 0.0; }

int app_normative_stats(const AppContext *cx, json_t **out, ZfError *err)
{
    Stats s = {cx, json_object()};
    const char *k;
    json_t *g, *items = json_array();
    if (store_normative_foreach(cx->store, NORMATIVE_DOC, count_doc, &s, err) != ZF_OK) {
        json_decref(s.groups), json_decref(items);
        return ZF_ERR;
    }
    json_object_foreach(s.groups, k, g) {
        json_int_t filed = json_integer_value(json_object_get(g, "filed"));
        json_int_t reviewed = json_integer_value(json_object_get(g, "reviewed"));
        json_object_set_new(g, "filing_rate", json_real(ratio(json_integer_value(json_object_get(g, "registered")), filed)));
        json_object_set_new(g, "on_time_rate", json_real(ratio(json_integer_value(json_object_get(g, "on_time")), filed)));
        json_object_set_new(g, "lawful_rate",
                            json_real(reviewed ? 1.0 - ratio(json_integer_value(json_object_get(g, "unlawful")), reviewed) : 0.0));
        json_object_set_new(g, "review_days_avg",
                            json_real(ratio(json_integer_value(json_object_get(g, "review_days_total")), reviewed)));
        json_array_append(items, g);
    }
    json_decref(s.groups);
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}
