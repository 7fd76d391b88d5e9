/* See bulletin_table.h. */
#include "render/bulletin_table.h"

#include "render/fonts.h"

#define PAD 2.5

static PangoLayout *cell_layout(Table *t, int c, const char *text, bool bold)
{
    PangoLayout *l = render_text_layout(t->doc->cr, bold ? RENDER_FONT_HEADING : RENDER_FONT_BODY, t->size_pt,
                                        t->cols[c].width - 2 * PAD, text ? text : "");
    pango_layout_set_alignment(l, t->cols[c].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    return l;
}

static double row_height(Table *t, const char *const *cells, bool bold)
{
    double h = 0;
    for (int c = 0; c < t->ncols; c++) {
        PangoLayout *l = cell_layout(t, c, cells[c], bold);
        int w, lh;
        pango_layout_get_size(l, &w, &lh);
        g_object_unref(l);
        if ((double)lh / PANGO_SCALE > h) h = (double)lh / PANGO_SCALE;
    }
    return h + 2 * PAD;
}

static void draw_row(Table *t, const char *const *cells, bool bold, bool shaded)
{
    cairo_t *cr = t->doc->cr;
    double h = row_height(t, cells, bold), x = RENDER_TEXT_X, y = t->doc->y;
    for (int c = 0; c < t->ncols; c++) {
        if (shaded) {
            cairo_set_source_rgb(cr, 0.87, 0.92, 0.97);
            cairo_rectangle(cr, x, y, t->cols[c].width, h);
            cairo_fill(cr);
        }
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.5);
        cairo_rectangle(cr, x, y, t->cols[c].width, h);
        cairo_stroke(cr);
        PangoLayout *l = cell_layout(t, c, cells[c], bold);
        cairo_move_to(cr, x + PAD, y + PAD);
        pango_cairo_show_layout(cr, l);
        g_object_unref(l);
        x += t->cols[c].width;
    }
    t->doc->y += h;
}

static void heading(Table *t)
{
    const char *cells[32];
    for (int c = 0; c < t->ncols && c < 32; c++) cells[c] = t->cols[c].heading;
    draw_row(t, cells, true, true);
}

void table_begin(Table *t, RenderDoc *d, const TableColumn *cols, int ncols, double size_pt)
{
    *t = (Table){d, cols, ncols, size_pt};
    render_need(d, 3 * size_pt * 2.4);
    heading(t);
}

void table_row(Table *t, const char *const *cells, bool bold)
{
    double h = row_height(t, cells, bold);
    int page = t->doc->page;
    render_need(t->doc, h);
    if (t->doc->page != page) heading(t);
    draw_row(t, cells, bold, bold);
}
