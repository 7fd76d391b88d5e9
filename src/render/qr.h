/* A QR code (libqrencode) drawn on a page: the verify URL of a document. */
#ifndef ZF_RENDER_QR_H
#define ZF_RENDER_QR_H

#include <cairo.h>

/* Draws text as a QR code (level M, byte mode) filling a size×size point square at (x, y), on a
 * white ground with the standard four-module quiet zone inside the square. -1 when it cannot be
 * encoded (too long). */
int render_qr(cairo_t *cr, double x, double y, double size, const char *text);

#endif
