/* See chart.h: horizontal bars, the label left of each, the value at its end. */
#include <stdio.h>

#include "render/chart.h"
#include "render/fonts.h"

#define LABEL_W_SHARE 0.42 /* of the box's width, for the labels */
#define TITLE_H 22.0

static void bar_label(cairo_t *cr, double x, double y, double w, double h, const char *label)
{
    PangoLayout *l = render_text_layout(cr, RENDER_FONT_BODY, 8.0, w - 4, label);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
    int lw, lh;
    pango_layout_get_size(l, &lw, &lh);
    cairo_move_to(cr, x, y + (h - (double)lh / PANGO_SCALE) / 2);
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
}

void chart_bars(cairo_t *cr, double x, double y, double w, double h, const char *title, const ChartBar *bars, int n)
{
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    render_text_at(cr, RENDER_FONT_HEADING, 10.5, x, y, title);
    double max = 0;
    for (int i = 0; i < n; i++)
        if (bars[i].value > max) max = bars[i].value;
    double label_w = w * LABEL_W_SHARE, plot_x = x + label_w, plot_w = w - label_w - 40;
    double row_h = n ? (h - TITLE_H) / n : 0;
    char value[32];
    for (int i = 0; i < n; i++) {
        double ry = y + TITLE_H + i * row_h, bw = max > 0 ? plot_w * bars[i].value / max : 0;
        cairo_set_source_rgb(cr, 0, 0, 0);
        bar_label(cr, x, ry, label_w, row_h, bars[i].label);
        cairo_set_source_rgb(cr, 0.75, 0.15, 0.15);
        cairo_rectangle(cr, plot_x, ry + row_h * 0.2, bw, row_h * 0.6);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        snprintf(value, sizeof value, "%.15g", bars[i].value);
        render_text_at(cr, RENDER_FONT_BODY, 8.0, plot_x + bw + 3, ry + (row_h - 10) / 2, value);
    }
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, plot_x, y + TITLE_H);
    cairo_line_to(cr, plot_x, y + h);
    cairo_stroke(cr);
    cairo_restore(cr);
}
