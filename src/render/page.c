/* See page.h. */
#include "render/page.h"

#include <cairo-pdf.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/fonts.h"
#include "render/qr.h"

#define PAGE_NO_Y (RENDER_TEXT_Y + RENDER_TEXT_H + 7.0 * RENDER_MM) /* 页码 7 mm below the 版心 */
#define QR_SIZE (20.0 * RENDER_MM)

const RenderStyle RENDER_STYLE_TITLE = {RENDER_FONT_HEADING, RENDER_PT_2HAO, RENDER_CENTER, 0, 40, 6, 0};
const RenderStyle RENDER_STYLE_DOC_NO = {RENDER_FONT_BODY, RENDER_PT_3HAO, RENDER_CENTER, 0, 0, 6, 0};
const RenderStyle RENDER_STYLE_BODY = {RENDER_FONT_BODY, RENDER_PT_3HAO, RENDER_JUSTIFY, 2, 0, 0, 0};
const RenderStyle RENDER_STYLE_PLAIN = {RENDER_FONT_BODY, RENDER_PT_3HAO, RENDER_LEFT, 0, 0, 0, 0};
const RenderStyle RENDER_STYLE_HEADING = {RENDER_FONT_HEADING, RENDER_PT_3HAO, RENDER_LEFT, 2, 0, 0, 0};
const RenderStyle RENDER_STYLE_RIGHT = {RENDER_FONT_BODY, RENDER_PT_3HAO, RENDER_RIGHT, 0, 0, 0, 0};
const RenderStyle RENDER_STYLE_SMALL = {RENDER_FONT_BODY, RENDER_PT_4HAO, RENDER_LEFT, 0, 22, 0, 0};

static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int length)
{
    RenderDoc *d = closure;
    if (d->len + length > d->cap) {
        size_t cap = d->cap ? d->cap : 65536;
        while (cap < d->len + length) cap *= 2;
        unsigned char *b = realloc(d->buf, cap);
        if (!b) return d->failed = true, CAIRO_STATUS_NO_MEMORY;
        d->buf = b, d->cap = cap;
    }
    memcpy(d->buf + d->len, data, length);
    d->len += length;
    return CAIRO_STATUS_SUCCESS;
}

/* GB/T 9704 7.5: 单页码居右空一字，双页码居左空一字. */
static void mark_page(RenderDoc *d)
{
    char no[32];
    cairo_t *cr = d->cr;
    snprintf(no, sizeof no, "— %d —", d->page);
    double w = render_text_width(cr, RENDER_FONT_BODY, RENDER_PT_4HAO, no);
    double x = d->page % 2 ? RENDER_TEXT_X + RENDER_TEXT_W - RENDER_PT_4HAO - w : RENDER_TEXT_X + RENDER_PT_4HAO;
    cairo_set_source_rgb(cr, 0, 0, 0);
    render_text_at(cr, RENDER_FONT_BODY, RENDER_PT_4HAO, x, PAGE_NO_Y, no);
    double bottom = RENDER_PAGE_H - 8.0 * RENDER_MM;
    if (d->doc_no)
        render_text_at(cr, RENDER_FONT_BODY, RENDER_PT_5HAO, RENDER_TEXT_X, bottom - RENDER_PT_5HAO * 1.4, d->doc_no);
    if (d->qr_text)
        render_qr(cr, RENDER_TEXT_X + RENDER_TEXT_W - QR_SIZE + 4.0 * RENDER_MM, bottom - QR_SIZE + 4.0 * RENDER_MM,
                  QR_SIZE, d->qr_text);
}

static char *dup_or_null(const char *s) { return s && *s ? strdup(s) : NULL; }

void render_set_marks(RenderDoc *d, const RenderPageMarks *marks)
{
    free(d->doc_no);
    free(d->qr_text);
    d->doc_no = marks ? dup_or_null(marks->doc_no) : NULL;
    d->qr_text = marks ? dup_or_null(marks->qr_text) : NULL;
}

/* One font map for the process, used by one document at a time. Pango's default font map is per
 * thread and not thread-safe: each server thread that drew a document kept its own fontconfig
 * patterns and glyph caches (about 10 MiB each, measured), so memory grew with the thread count.
 * Documents take tens of milliseconds; drawing them one after another costs no throughput the
 * workflow needs. The lock is held from render_doc_begin to render_doc_end / render_doc_abort. */
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t font_map_once = PTHREAD_ONCE_INIT;
static PangoFontMap *font_map;

static void font_map_create(void) { font_map = pango_cairo_font_map_new(); }

static void render_enter(void)
{
    pthread_mutex_lock(&render_lock);
    pthread_once(&font_map_once, font_map_create);
    /* this thread's pango_cairo_create_layout / _context (seal image, charts) use the shared map */
    pango_cairo_font_map_set_default(PANGO_CAIRO_FONT_MAP(font_map));
}

static void render_leave(void) { pthread_mutex_unlock(&render_lock); }

int render_doc_begin(RenderDoc *d, const RenderPageMarks *marks, const char *title)
{
    memset(d, 0, sizeof *d);
    render_enter();
    d->surface = cairo_pdf_surface_create_for_stream(collect, d, RENDER_PAGE_W, RENDER_PAGE_H);
    if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(d->surface);
        render_leave();
        return -1;
    }
    if (title) cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "zhifa");
    d->cr = cairo_create(d->surface);
    d->pango = pango_cairo_create_context(d->cr);
    d->doc_no = marks ? dup_or_null(marks->doc_no) : NULL;
    d->qr_text = marks ? dup_or_null(marks->qr_text) : NULL;
    d->page = 1;
    d->y = RENDER_TEXT_Y;
    return 0;
}

void render_new_page(RenderDoc *d)
{
    mark_page(d);
    cairo_show_page(d->cr);
    d->page++;
    d->y = RENDER_TEXT_Y;
}

double render_remaining(const RenderDoc *d) { return RENDER_TEXT_Y + RENDER_TEXT_H - d->y; }

void render_need(RenderDoc *d, double pt)
{
    if (render_remaining(d) < pt && d->y > RENDER_TEXT_Y) render_new_page(d);
}

void render_space(RenderDoc *d, double pt)
{
    d->y += pt;
    if (render_remaining(d) < 0) render_new_page(d);
}

static PangoAlignment pango_align(RenderAlign a)
{
    return a == RENDER_CENTER ? PANGO_ALIGN_CENTER : a == RENDER_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* Each line on the fixed pitch, its baseline where the pitch puts it: lines of every page stand on
 * the same grid whatever the font's own leading. */
void render_paragraph(RenderDoc *d, const RenderStyle *s, const char *text)
{
    double pitch = s->pitch_pt > 0 ? s->pitch_pt : RENDER_LINE_PITCH;
    double left = s->left_chars * s->size_pt;
    PangoLayout *l = render_context_layout(d->pango, s->family, s->size_pt, RENDER_TEXT_W - left, text);
    pango_layout_set_alignment(l, pango_align(s->align));
    pango_layout_set_justify(l, s->align == RENDER_JUSTIFY);
    pango_layout_set_indent(l, (int)(s->indent_chars * s->size_pt * PANGO_SCALE));
    PangoLayoutIter *it = pango_layout_get_iter(l);
    cairo_set_source_rgb(d->cr, 0, 0, 0);
    do {
        if (render_remaining(d) < pitch) render_new_page(d);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        double baseline = d->y + (pitch + s->size_pt * 0.75) / 2.0;
        cairo_move_to(d->cr, RENDER_TEXT_X + left + (double)logical.x / PANGO_SCALE, baseline);
        pango_cairo_show_layout_line(d->cr, line);
        d->y += pitch;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
    if (s->space_after > 0) render_space(d, s->space_after);
}

static void release(RenderDoc *d)
{
    if (d->pango) g_object_unref(d->pango);
    d->pango = NULL;
    if (d->cr) cairo_destroy(d->cr);
    if (d->surface) cairo_surface_destroy(d->surface);
    free(d->doc_no);
    free(d->qr_text);
    d->cr = NULL, d->surface = NULL, d->doc_no = d->qr_text = NULL;
}

int render_doc_end(RenderDoc *d, unsigned char **pdf, size_t *len, int *pages)
{
    mark_page(d);
    cairo_show_page(d->cr);
    g_object_unref(d->pango);
    d->pango = NULL;
    cairo_destroy(d->cr);
    d->cr = NULL;
    cairo_surface_finish(d->surface);
    bool ok = !d->failed && cairo_surface_status(d->surface) == CAIRO_STATUS_SUCCESS;
    release(d);
    render_leave();
    if (!ok) {
        free(d->buf);
        d->buf = NULL;
        return -1;
    }
    *pdf = d->buf, *len = d->len, *pages = d->page;
    d->buf = NULL;
    return 0;
}

void render_doc_abort(RenderDoc *d)
{
    release(d);
    render_leave();
    free(d->buf);
    d->buf = NULL;
}

int render_date_cn(const char *iso, char *out, size_t cap)
{
    int y, m, day;
    char tail;
    if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &day, &tail) != 3 || m < 1 || m > 12 || day < 1 || day > 31)
        return -1;
    snprintf(out, cap, "%d年%d月%d日", y, m, day);
    return 0;
}
