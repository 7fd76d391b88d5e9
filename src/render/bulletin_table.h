/* A ruled table flowing down the pages of a RenderDoc: cells wrap inside their column, a row
 * never splits, and the heading row repeats at the top of each page the table reaches. */
#ifndef ZF_RENDER_BULLETIN_TABLE_H
#define ZF_RENDER_BULLETIN_TABLE_H

#include "render/page.h"

typedef struct {
    const char *heading;
    double width; /* points; the widths of a table add up to at most RENDER_TEXT_W */
    bool right;   /* numbers: right-aligned */
} TableColumn;

typedef struct {
    RenderDoc *doc;
    const TableColumn *cols;
    int ncols;
    double size_pt;
} Table;

void table_begin(Table *t, RenderDoc *d, const TableColumn *cols, int ncols, double size_pt);
/* One row of t->ncols texts (NULL: empty); bold for a totals row. */
void table_row(Table *t, const char *const *cells, bool bold);

#endif
