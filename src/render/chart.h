/* The 通报's charts, drawn on a cairo context in the documents' fonts (render/fonts.h): bars
 * (chart_bar.c) and lines (chart_line.c), each in a box whose top-left is (x, y), with a title,
 * labelled axes and its values written beside the marks (a printed chart is read, not hovered). */
#ifndef ZF_RENDER_CHART_H
#define ZF_RENDER_CHART_H

#include <cairo.h>

typedef struct {
    const char *label;
    double value;
} ChartBar;

/* Horizontal bars, largest scale = the largest value; n ≥ 0. */
void chart_bars(cairo_t *cr, double x, double y, double w, double h, const char *title, const ChartBar *bars, int n);

typedef struct {
    const char *name;
    const double *values; /* one per label */
    double r, g, b;
} ChartSeries;

/* Lines over n labels (months), one per series, with a legend. */
void chart_lines(cairo_t *cr, double x, double y, double w, double h, const char *title, const char *const *labels, int n,
                 const ChartSeries *series, int nseries);

#endif
