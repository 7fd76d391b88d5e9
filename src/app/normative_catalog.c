/* See normative_catalog.h. */
#include "app/normative_catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/normative_common.h"
#include "render/normative_catalog.h"
#include "store/normative.h"
#include "store/settings.h"
#include "util/log.h"

typedef struct {
    zf_day first, last;
    json_t *rows;
} Quarter;

static int take_registered(const json_t *row, void *ctx)
{
    Quarter *q = ctx;
    const json_t *b = json_object_get(row, "body");
    zf_day on;
    if (!json_is_string(json_object_get(row, "reg_no")) || !date_parse(norm_str(b, "registered_on") ? norm_str(b, "registered_on") : "", &on))
        return 0;
    if (on < q->first || on > q->last) return 0;
    json_array_append_new(q->rows, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(row, "id"),
                                             "reg_no", json_object_get(row, "reg_no"), "title", json_object_get(b, "title"),
                                             "doc_no", json_object_get(b, "doc_no"), "issuer_name",
                                             json_object_get(b, "issuer_name"), "signed_on", json_object_get(b, "signed_on"),
                                             "published_on", json_object_get(b, "published_on"), "effective_on",
                                             json_object_get(b, "effective_on"), "registered_on",
                                             json_object_get(b, "registered_on")));
    return 0;
}

/* In the order of registration: the day, then the row (the number is taken in that order). */
static int by_registration(const void *x, const void *y)
{
    const json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
    int c = strcmp(norm_str(a, "registered_on"), norm_str(b, "registered_on"));
    return c ? c : (int)(json_integer_value(json_object_get(a, "id")) - json_integer_value(json_object_get(b, "id")));
}

static void sort_rows(json_t *rows)
{
    size_t n = json_array_size(rows);
    json_t **sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted) return;
    for (size_t i = 0; i < n; i++) sorted[i] = json_incref(json_array_get(rows, i));
    qsort(sorted, n, sizeof *sorted, by_registration);
    json_array_clear(rows);
    for (size_t i = 0; i < n; i++) json_array_append_new(rows, sorted[i]);
    free(sorted);
}

typedef struct {
    const char *quarter;
    json_t *row; /* the stored catalogue of quarter, once found */
    json_t *all; /* or every one, for the list */
} Find;

static int take_catalog(const json_t *row, void *ctx)
{
    Find *f = ctx;
    if (f->all) json_array_append(f->all, (json_t *)row);
    else if (f->quarter && strcmp(norm_str(row, "quarter") ? norm_str(row, "quarter") : "", f->quarter) == 0)
        f->row = json_incref((json_t *)row);
    return 0;
}

static int stored(const AppContext *cx, const char *quarter, json_t **row, ZfError *err)
{
    Find f = {quarter, NULL, NULL};
    if (store_normative_foreach(cx->store, NORMATIVE_CATALOG, take_catalog, &f, err) != ZF_OK) return ZF_ERR;
    *row = f.row;
    return ZF_OK;
}

static json_t *catalog_body(const AppContext *cx, const char *quarter, json_t *rows)
{
    char title[120], today[ZF_DATE_LEN];
    date_format(cx->today, today);
    snprintf(title, sizeof title, "%.4s年第%c季度规范性文件备案目录", quarter, quarter[5]);
    return json_pack("{s:s, s:s, s:o, s:I, s:s, s:s}", "quarter", quarter, "title", title, "rows", rows, "count",
                     (json_int_t)json_array_size(rows), "produced_on", today, "by", cx->user ? cx->user->username : "system");
}

static int produce_in(const AppContext *cx, const char *quarter, json_t *body, ZfError *err)
{
    json_t *row;
    if (stored(cx, quarter, &row, err) != ZF_OK) return ZF_ERR;
    if (!row) row = json_pack("{s:s}", "quarter", quarter);
    json_object_set(row, "body", body);
    int rc = store_normative_put(cx->store, NORMATIVE_CATALOG, row, err);
    json_decref(row);
    return rc;
}

int app_normative_catalog_produce(const AppContext *cx, const char *quarter, json_t **cat, ZfError *err)
{
    Quarter q = {0};
    if (norm_quarter_parse(quarter, &q.first, &q.last) != 0)
        return zf_fail(err, 400, "invalid_field", "quarter", "季度应写作 2026Q3 的形式");
    if (q.first > cx->today) return zf_fail(err, 422, "invalid_field", "quarter", "该季度尚未开始，不能编制备案目录");
    q.rows = json_array();
    if (store_normative_foreach(cx->store, NORMATIVE_DOC, take_registered, &q, err) != ZF_OK) return json_decref(q.rows), ZF_ERR;
    sort_rows(q.rows);
    json_t *body = catalog_body(cx, quarter, q.rows);
    if (store_begin(cx->store, err) != ZF_OK) return json_decref(body), ZF_ERR;
    int rc = produce_in(cx, quarter, body, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    if (rc != ZF_OK) return json_decref(body), ZF_ERR;
    char target[40];
    snprintf(target, sizeof target, "normative_catalog:%s", quarter);
    AuditEntry e = {cx->user ? cx->user->username : NULL, cx->user ? cx->user->role : NULL, "", "normative_catalog", target,
                    "ok", NULL};
    if (store_audit_append(cx->store, &e) != ZF_OK) log_error("audit_failed", "normative_catalog %s", target);
    *cat = body;
    return ZF_OK;
}

static int newest_first(const void *x, const void *y)
{
    return strcmp(norm_str(*(json_t *const *)y, "quarter"), norm_str(*(json_t *const *)x, "quarter"));
}

int app_normative_catalog_list(const AppContext *cx, json_t **items, ZfError *err)
{
    Find f = {NULL, NULL, json_array()};
    size_t i;
    json_t *row;
    if (store_normative_foreach(cx->store, NORMATIVE_CATALOG, take_catalog, &f, err) != ZF_OK) return json_decref(f.all), ZF_ERR;
    *items = json_array();
    json_array_foreach(f.all, i, row) {
        const json_t *b = json_object_get(row, "body");
        json_array_append_new(*items, json_pack("{s:O, s:O, s:O, s:O}", "quarter", json_object_get(row, "quarter"), "title",
                                                json_object_get(b, "title"), "count", json_object_get(b, "count"),
                                                "produced_on", json_object_get(b, "produced_on")));
    }
    json_decref(f.all);
    size_t n = json_array_size(*items);
    json_t **sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted) return json_decref(*items), zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    for (i = 0; i < n; i++) sorted[i] = json_incref(json_array_get(*items, i));
    qsort(sorted, n, sizeof *sorted, newest_first);
    json_array_clear(*items);
    for (i = 0; i < n; i++) json_array_append_new(*items, sorted[i]);
    free(sorted);
    return ZF_OK;
}

int app_normative_catalog_get(const AppContext *cx, const char *quarter, json_t **cat, ZfError *err)
{
    json_t *row;
    zf_day a, b;
    if (norm_quarter_parse(quarter, &a, &b) != 0) return zf_fail(err, 404, "not_found", NULL, "该季度的备案目录不存在");
    if (stored(cx, quarter, &row, err) != ZF_OK) return ZF_ERR;
    if (!row) return zf_fail(err, 404, "not_found", NULL, "该季度的备案目录尚未公布");
    *cat = json_incref(json_object_get(row, "body"));
    json_decref(row);
    return ZF_OK;
}

int app_normative_catalog_file(const AppContext *cx, const char *quarter, NormCatalogFormat f, void **out, size_t *len,
                               ZfError *err)
{
    json_t *cat = NULL;
    if (app_normative_catalog_get(cx, quarter, &cat, err) != ZF_OK) return ZF_ERR;
    int rc = f == NORM_CATALOG_PDF ? normative_catalog_pdf(cat, (unsigned char **)out, len, err)
                                   : normative_catalog_xlsx(cat, out, len, err);
    json_decref(cat);
    return rc;
}

int app_normative_catalog_due(const AppContext *cx, bool *produced, ZfError *err)
{
    char quarter[8];
    json_t *row = NULL, *cat = NULL;
    *produced = false;
    if (norm_month_of_quarter(cx->today) != store_setting_int(cx->store, "normative_catalog_month", 1)) return ZF_OK;
    norm_quarter_of(cx->today, 1, quarter);
    if (stored(cx, quarter, &row, err) != ZF_OK) return ZF_ERR;
    if (row) return json_decref(row), ZF_OK;
    if (app_normative_catalog_produce(cx, quarter, &cat, err) != ZF_OK) return ZF_ERR;
    json_decref(cat);
    *produced = true;
    return ZF_OK;
}
