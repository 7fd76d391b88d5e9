/* See qr.h. */
#include "render/qr.h"

#include <qrencode.h>

#define QUIET_MODULES 4

int render_qr(cairo_t *cr, double x, double y, double size, const char *text)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q) return -1;
    int n = q->width;
    double m = size / (n + 2 * QUIET_MODULES);
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, size, size);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++)
            if (q->data[r * n + c] & 1) cairo_rectangle(cr, x + (c + QUIET_MODULES) * m, y + (r + QUIET_MODULES) * m, m, m);
    cairo_fill(cr);
    cairo_restore(cr);
    QRcode_free(q);
    return 0;
}
