/* See chart.h: lines over months with dots, value labels, a zero-based scale and a legend. */
#include <stdio.h>

#include "render/chart.h"
#include "render/fonts.h"

#define TITLE_H 22.0
#define LEGEND_H 16.0
#define AXIS_H 16.0
#define LEFT_W 30.0

static double series_max(const ChartSeries *s, int ns, int n)
{
    double max = 0;
    for (int k = 0; k < ns; k++)
        for (int i = 0; i < n; i++)
            if (s[k].values[i] > max) max = s[k].values[i];
    return max > 0 ? max : 1;
}

static void legend(cairo_t *cr, double x, double y, const ChartSeries *s, int ns)
{
    for (int k = 0; k < ns; k++) {
        cairo_set_source_rgb(cr, s[k].r, s[k].g, s[k].b);
        cairo_rectangle(cr, x, y + 3, 14, 4);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        x += 18 + render_text_at(cr, RENDER_FONT_BODY, 8.0, x + 18, y - 2, s[k].name) + 16;
    }
}

static void axes(cairo_t *cr, double px, double py, double pw, double ph, double max, const char *const *labels, int n)
{
    char v[32];
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_set_line_width(cr, 0.6);
    cairo_move_to(cr, px, py);
    cairo_line_to(cr, px, py + ph);
    cairo_line_to(cr, px + pw, py + ph);
    cairo_stroke(cr);
    snprintf(v, sizeof v, "%.15g", max);
    render_text_at(cr, RENDER_FONT_BODY, 7.0, px - LEFT_W + 2, py - 4, v);
    render_text_at(cr, RENDER_FONT_BODY, 7.0, px - 10, py + ph - 8, "0");
    double step = n > 1 ? pw / (n - 1) : 0;
    for (int i = 0; i < n; i++) /* "2026-05" → "05" under every point, the year under the first */
        render_text_at(cr, RENDER_FONT_BODY, 7.0, px + i * step - 5, py + ph + 2, i ? labels[i] + 5 : labels[i]);
}

void chart_lines(cairo_t *cr, double x, double y, double w, double h, const char *title, const char *const *labels, int n,
                 const ChartSeries *series, int nseries)
{
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    render_text_at(cr, RENDER_FONT_HEADING, 10.5, x, y, title);
    legend(cr, x, y + TITLE_H - 4, series, nseries);
    double px = x + LEFT_W, py = y + TITLE_H + LEGEND_H, pw = w - LEFT_W - 10, ph = h - TITLE_H - LEGEND_H - AXIS_H;
    double max = series_max(series, nseries, n), step = n > 1 ? pw / (n - 1) : 0;
    axes(cr, px, py, pw, ph, max, labels, n);
    char v[32];
    for (int k = 0; k < nseries; k++) {
        cairo_set_source_rgb(cr, series[k].r, series[k].g, series[k].b);
        cairo_set_line_width(cr, 1.4);
        for (int i = 0; i < n; i++) {
            double cx = px + i * step, cy = py + ph - ph * series[k].values[i] / max;
            if (i) cairo_line_to(cr, cx, cy);
            else cairo_move_to(cr, cx, cy);
        }
        cairo_stroke(cr);
        for (int i = 0; i < n; i++) {
            double cx = px + i * step, cy = py + ph - ph * series[k].values[i] / max;
            cairo_arc(cr, cx, cy, 1.8, 0, 6.2832);
            cairo_fill(cr);
            snprintf(v, sizeof v, "%.15g", series[k].values[i]);
            render_text_at(cr, RENDER_FONT_BODY, 6.5, cx - 4, cy - 11, v);
        }
    }
    cairo_restore(cr);
}
