/* See fonts.h. */
#include "render/fonts.h"

PangoFontDescription *render_font(const char *family, double size_pt)
{
    PangoFontDescription *f = pango_font_description_new();
    pango_font_description_set_family(f, family);
    pango_font_description_set_absolute_size(f, size_pt * PANGO_SCALE);
    return f;
}

static void layout_setup(PangoLayout *l, const char *family, double size_pt, double width_pt, const char *text)
{
    PangoFontDescription *f = render_font(family, size_pt);
    pango_layout_set_font_description(l, f);
    pango_font_description_free(f);
    if (width_pt > 0) {
        pango_layout_set_width(l, (int)(width_pt * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_text(l, text ? text : "", -1);
}

PangoLayout *render_text_layout(cairo_t *cr, const char *family, double size_pt, double width_pt, const char *text)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    layout_setup(l, family, size_pt, width_pt, text);
    return l;
}

PangoLayout *render_context_layout(PangoContext *pc, const char *family, double size_pt, double width_pt,
                                   const char *text)
{
    PangoLayout *l = pango_layout_new(pc);
    layout_setup(l, family, size_pt, width_pt, text);
    return l;
}

double render_text_at(cairo_t *cr, const char *family, double size_pt, double x, double y, const char *text)
{
    PangoLayout *l = render_text_layout(cr, family, size_pt, 0, text);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
    return (double)w / PANGO_SCALE;
}

double render_text_width(cairo_t *cr, const char *family, double size_pt, const char *text)
{
    PangoLayout *l = render_text_layout(cr, family, size_pt, 0, text);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return (double)w / PANGO_SCALE;
}

#if defined(__SANITIZE_ADDRESS__)
/* LeakSanitizer (the asan build): fontconfig keeps its configuration and pattern caches for the
 * life of the process and frees them at no exit that pango allows (FcFini would race its threads),
 * so LSan reports them; they are the library's, never ours. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }
#endif
