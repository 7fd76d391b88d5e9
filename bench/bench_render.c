/* Rendering a 行政处罚决定书: p50/p99 of the whole drawing path of app_document_issue_case short of
 * sealing and the write (the case's values built — names, 大写, articles quoted from the law library —
 * the template's blocks laid out on A4 pages after GB/T 9704, page numbers, 文号 and QR code on every
 * page, the PDF written with its fonts subset); against a baseline measured in the same run: the same
 * text, already filled, set as one pango layout whose lines are placed on the same pages, with no
 * template, no values, no QR code. Target: < 150 ms for a 3-page 决定书.
 * Usage: bench_render DB [CASE_NO]   (a database made by zhifa init --demo; default its showcase case) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>

#include "app/document_template.h"
#include "app/document_vars.h"
#include "app/documents.h"
#include "render/fonts.h"
#include "render/page.h"
#include "store/store.h"

#define ROUNDS 40

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The documents path: values, template, pages, PDF. *pages as drawn. */
static double render_once(const AppContext *cx, const json_t *tpl, const json_t *rec, int *pages)
{
    double t0 = now_ms();
    json_t *vars = doc_vars_case(cx, rec);
    RenderDoc d;
    unsigned char *pdf;
    size_t len;
    render_doc_begin(&d, &(RenderPageMarks){"南市监处罚〔2026〕18号", "http://127.0.0.1:8080/portal/verify?doc=1"}, "bench");
    doc_template_draw(&d, tpl, vars, "青岛市市南区市场监督管理局");
    render_doc_end(&d, &pdf, &len, pages);
    double ms = now_ms() - t0;
    free(pdf);
    json_decref(vars);
    return ms;
}

static cairo_status_t discard(void *c, const unsigned char *data, unsigned int len)
{
    (void)c, (void)data, (void)len;
    return CAIRO_STATUS_SUCCESS;
}

/* The baseline: the filled text as one layout, its lines placed on pages of the same 版心. */
static double baseline_once(const char *text)
{
    double t0 = now_ms();
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(discard, NULL, RENDER_PAGE_W, RENDER_PAGE_H);
    cairo_t *cr = cairo_create(s);
    PangoLayout *l = render_text_layout(cr, RENDER_FONT_BODY, RENDER_PT_3HAO, RENDER_TEXT_W, text);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double y = RENDER_TEXT_Y;
    do {
        if (y + RENDER_LINE_PITCH > RENDER_TEXT_Y + RENDER_TEXT_H) cairo_show_page(cr), y = RENDER_TEXT_Y;
        cairo_move_to(cr, RENDER_TEXT_X, y + RENDER_LINE_PITCH * 0.7);
        pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
        y += RENDER_LINE_PITCH;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
    cairo_show_page(cr);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    return now_ms() - t0;
}

/* The template's paragraphs filled, one per line: the baseline's text. */
static char *filled_text(const json_t *tpl, const json_t *vars)
{
    size_t cap = 1 << 16, len = 0, i, k;
    char *out = calloc(1, cap);
    json_t *b, *item;
    json_array_foreach(json_object_get(tpl, "blocks"), i, b) {
        const char *t = json_string_value(json_object_get(b, "text"));
        const json_t *list = json_object_get(b, "each") ? doc_var(vars, json_string_value(json_object_get(b, "each"))) : NULL;
        for (k = 0; t && k < (list ? json_array_size(list) : 1); k++) {
            item = list ? json_array_get(list, k) : NULL;
            char *f = doc_fill(t, item, vars);
            len += (size_t)snprintf(out + len, cap - len, "%s\n", f);
            free(f);
        }
    }
    return out;
}

static void report(const char *what, double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    printf("  %-34s p50 %7.1f ms   p99 %7.1f ms\n", what, v[n / 2], v[(int)(n * 0.99)]);
}

int main(int argc, char **argv)
{
    Store *st;
    ZfError err;
    json_t *tpl, *rec;
    if (argc < 2 || store_open(argv[1], STORE_OPEN_EXISTING, &st, &err) != ZF_OK) {
        fprintf(stderr, "usage: bench_render DB [CASE_NO]  (%s)\n", argc < 2 ? "no database" : err.message);
        return 2;
    }
    const char *case_no = argc > 2 ? argv[2] : "线索-113702021588139920-12";
    AppContext cx = {.store = st, .today = date_today_china()};
    if (doc_template_load("decision", &tpl, &err) != ZF_OK || app_document_load_case(&cx, case_no, &rec, &err) != ZF_OK) {
        fprintf(stderr, "bench_render: %s\n", err.message);
        return 2;
    }
    double ours[ROUNDS], base[ROUNDS], values[ROUNDS];
    int pages = 0;
    json_t *vars = doc_vars_case(&cx, rec);
    char *text = filled_text(tpl, vars);
    for (int i = 0; i < 3; i++) render_once(&cx, tpl, rec, &pages), baseline_once(text); /* fonts loaded */
    for (int i = 0; i < ROUNDS; i++) {
        ours[i] = render_once(&cx, tpl, rec, &pages), base[i] = baseline_once(text);
        double t0 = now_ms();
        json_decref(doc_vars_case(&cx, rec));
        values[i] = now_ms() - t0;
    }
    double p50_ours, p50_base;
    printf("bench_render: 行政处罚决定书 of %s, %d pages, %d rounds\n", case_no, pages, ROUNDS);
    report("决定书 (values, template, QR, PDF)", ours, ROUNDS);
    p50_ours = ours[ROUNDS / 2];
    report("  of which the values", values, ROUNDS);
    report("baseline (same text, one layout)", base, ROUNDS);
    p50_base = base[ROUNDS / 2];
    printf("  ratio p50 %.2f×; target < 150 ms: %s\n", p50_ours / p50_base, ours[(int)(ROUNDS * 0.99)] < 150 ? "met" : "NOT met");
    /* the whole issue: drawn, sealed, its file saved (fsync), then the short write transaction */
    double issue[10];
    DocumentInfo info;
    for (int i = 0; i < 10; i++) {
        double t0 = now_ms();
        if (app_document_issue_case(&cx, case_no, "decision", "基准测试更正", &info, &err) != ZF_OK) {
            fprintf(stderr, "bench_render: %s\n", err.message);
            break;
        }
        issue[i] = now_ms() - t0;
    }
    report("issue (draw, seal, save, write)", issue, 10);
    free(text);
    json_decref(vars);
    json_decref(rec);
    json_decref(tpl);
    store_close(st);
    return 0;
}
