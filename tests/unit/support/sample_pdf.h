/* A PDF the way cairo writes one (what src/render produces), for the seal's tests and benchmark:
 * `pages` A4 pages of Chinese text in WenQuanYi Micro Hei, the seal image on the last one.
 * Header-only so bench/ can include it too. */
#ifndef ZF_TEST_SAMPLE_PDF_H
#define ZF_TEST_SAMPLE_PDF_H

#include <cairo-pdf.h>
#include <dlfcn.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "render/seal_image.h"

typedef struct {
    unsigned char *data;
    size_t len, cap;
} SamplePdf;

static inline cairo_status_t sample_pdf_write(void *closure, const unsigned char *data, unsigned int length)
{
    SamplePdf *s = closure;
    if (s->len + length > s->cap) {
        size_t cap = (s->len + length) * 2;
        unsigned char *more = realloc(s->data, cap);
        if (!more) return CAIRO_STATUS_NO_MEMORY;
        s->data = more, s->cap = cap;
    }
    memcpy(s->data + s->len, data, length);
    s->len += length;
    return CAIRO_STATUS_SUCCESS;
}

/* malloc'd PDF bytes in *len; NULL on failure. */
static inline unsigned char *sample_pdf(int pages, const char *agency_name, size_t *len)
{
    SamplePdf s = {0};
    cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(sample_pdf_write, &s, 595.28, 841.89);
    cairo_t *cr = cairo_create(surface);
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *d = pango_font_description_from_string("WenQuanYi Micro Hei 14");
    pango_layout_set_font_description(l, d);
    pango_layout_set_width(l, 450 * PANGO_SCALE);
    for (int p = 1; p <= pages; p++) {
        char text[512];
        snprintf(text, sizeof text,
                 "行政处罚决定书 第%d页\n当事人：龘涉扣遴有限公司\n经查，当事人存在违法行为，依据《中华人民共和国行政处罚法》"
                 "第二十八条，决定罚款人民币壹万元整（10000元）。",
                 p);
        pango_layout_set_text(l, text, -1);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, 72, 90);
        pango_cairo_show_layout(cr, l);
        if (p == pages) render_seal_image(cr, 420, 650, 60, agency_name);
        cairo_show_page(cr);
    }
    pango_font_description_free(d);
    g_object_unref(l);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    *len = s.len;
    return s.data;
}

/* Drops pango's, cairo's and fontconfig's process-wide caches, so LeakSanitizer (make asan) sees
 * only what the code under test left behind. Call once, at the end. */
static inline void sample_pdf_cleanup(void)
{
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    /* fontconfig comes in through pango, not on the link line: found where pango loaded it */
    void (*fc_fini)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "FcFini");
    if (fc_fini) fc_fini();
}

#endif
