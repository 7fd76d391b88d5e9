/* The red round seal (docs/documents.md), after the shape of 国务院关于国家行政机关和企业事业单位
 * 社会团体印章的规定 (国发〔1999〕25号): a ring, the agency's name along the upper arc, a
 * five-pointed star in the middle, and the 专用章 line below it. Drawn with pango in WenQuanYi
 * Micro Hei (a TrueType font: cairo's PDF subsetting keeps its glyphs). */
#include "render/seal_image.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#define SEAL_FONT "WenQuanYi Micro Hei"
#define SEAL_PURPOSE "行政执法专用章"
#define SEAL_RED 0.86, 0.05, 0.08
#define ARC_MAX_DEGREES 250.0

static PangoLayout *glyph_layout(cairo_t *cr, const char *text, int bytes, double size)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *d = pango_font_description_from_string(SEAL_FONT);
    pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
    pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
    pango_layout_set_font_description(l, d);
    pango_layout_set_text(l, text, bytes);
    pango_font_description_free(d);
    return l;
}

/* Draws text centred on (x, y), turned by angle (radians). */
static void centred_text(cairo_t *cr, const char *text, int bytes, double size, double x, double y, double angle)
{
    PangoLayout *l = glyph_layout(cr, text, bytes, size);
    int w, h;
    pango_layout_get_pixel_size(l, &w, &h);
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_rotate(cr, angle);
    cairo_move_to(cr, -w / 2.0, -h / 2.0);
    pango_cairo_show_layout(cr, l);
    cairo_restore(cr);
    g_object_unref(l);
}

static int utf8_chars(const char *s) { return (int)g_utf8_strlen(s, -1); }

/* The name, one character at a time along the upper arc, each upright to the ring. */
static void name_on_arc(cairo_t *cr, double cx, double cy, double radius, const char *name)
{
    int n = utf8_chars(name);
    if (n <= 0) return;
    double at = radius * 0.73, step = fmin(ARC_MAX_DEGREES / n, 28.0) * M_PI / 180.0, span = step * n;
    double size = fmin(radius * 0.21, 0.92 * at * step); /* a long name: smaller characters, never overlapping */
    const char *p = name;
    for (int i = 0; i < n; i++) {
        const char *next = g_utf8_next_char(p);
        double theta = -M_PI / 2 - span / 2 + step * (i + 0.5); /* screen angle, y down */
        centred_text(cr, p, (int)(next - p), size, cx + at * cos(theta), cy + at * sin(theta), theta + M_PI / 2);
        p = next;
    }
}

static void star(cairo_t *cr, double cx, double cy, double outer)
{
    double inner = outer * 0.382;
    for (int i = 0; i < 10; i++) {
        double r = i % 2 ? inner : outer, a = -M_PI / 2 + i * M_PI / 5;
        if (i == 0) cairo_move_to(cr, cx + r * cos(a), cy + r * sin(a));
        else cairo_line_to(cr, cx + r * cos(a), cy + r * sin(a));
    }
    cairo_close_path(cr);
    cairo_fill(cr);
}

void render_seal_image(cairo_t *cr, double cx, double cy, double radius, const char *agency_name)
{
    if (!cr || radius <= 0) return;
    cairo_save(cr);
    cairo_set_source_rgba(cr, SEAL_RED, 0.9);
    cairo_set_line_width(cr, radius * 0.06);
    cairo_new_path(cr);
    cairo_arc(cr, cx, cy, radius * 0.96, 0, 2 * M_PI);
    cairo_stroke(cr);
    star(cr, cx, cy, radius * 0.3);
    if (agency_name && g_utf8_validate(agency_name, -1, NULL)) name_on_arc(cr, cx, cy, radius, agency_name);
    centred_text(cr, SEAL_PURPOSE, (int)strlen(SEAL_PURPOSE), radius * 0.15, cx, cy + radius * 0.55, 0);
    cairo_restore(cr);
}
