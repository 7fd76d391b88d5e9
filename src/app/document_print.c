/* See document_print.h. */
#include "app/document_print.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/document_template.h"
#include "app/document_vars.h"
#include "app/documents.h"
#include "render/page.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int by_order(const void *a, const void *b)
{
    long long x = json_integer_value(json_object_get(*(json_t *const *)a, "order"));
    long long y = json_integer_value(json_object_get(*(json_t *const *)b, "order"));
    return x < y ? -1 : x > y;
}

/* The latest version of each kind, in stage order (a new array of borrowed rows). */
static size_t latest_in_order(json_t *items, json_t **out, size_t cap)
{
    json_t *d;
    size_t i, n = 0;
    json_array_foreach(items, i, d)
        if (json_is_true(json_object_get(d, "latest")) && n < cap) out[n++] = d;
    qsort(out, n, sizeof *out, by_order);
    return n;
}

static void draw_one(const AppContext *cx, RenderDoc *d, const json_t *row, json_t *vars, bool first)
{
    json_t *tpl;
    ZfError err;
    char url[600];
    if (doc_template_load(str(row, "kind"), &tpl, &err) != ZF_OK) return;
    if (!first) render_new_page(d);
    doc_vars_quote(cx->store, tpl, vars);
    app_document_verify_url(cx->store, json_integer_value(json_object_get(row, "id")), url, sizeof url);
    render_set_marks(d, &(RenderPageMarks){str(row, "doc_no"), url});
    doc_template_draw(d, tpl, vars, str(json_object_get(vars, "doc"), "agency_name"));
    json_decref(tpl);
}

int app_documents_print(const AppContext *cx, const char *case_no, unsigned char **pdf, size_t *len, ZfError *err)
{
    json_t *items, *rec, *list[64];
    RenderDoc d;
    int pages;
    if (app_documents_of_case(cx, case_no, &items, err) != ZF_OK) return ZF_ERR;
    size_t n = latest_in_order(items, list, 64);
    if (n == 0) {
        json_decref(items);
        return zf_fail(err, 404, "not_found", NULL, "本案尚未出具文书");
    }
    if (app_document_load_case(cx, case_no, &rec, err) != ZF_OK) return json_decref(items), ZF_ERR;
    json_t *vars = doc_vars_case(cx, rec);
    int rc = render_doc_begin(&d, NULL, case_no) == 0 ? ZF_OK : zf_fail(err, 500, "render_failed", NULL, "文书生成失败");
    for (size_t i = 0; rc == ZF_OK && i < n; i++) draw_one(cx, &d, list[i], vars, i == 0);
    if (rc == ZF_OK && render_doc_end(&d, pdf, len, &pages) != 0) rc = zf_fail(err, 500, "render_failed", NULL, "文书生成失败");
    json_decref(vars);
    json_decref(rec);
    json_decref(items);
    return rc;
}
