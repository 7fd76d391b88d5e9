/* The agency's red round seal drawn on a page (docs/documents.md): agency name on the arc, a star,
 * the 专用章 text. */
#ifndef ZF_RENDER_SEAL_IMAGE_H
#define ZF_RENDER_SEAL_IMAGE_H

#include <cairo.h>

void render_seal_image(cairo_t *cr, double cx, double cy, double radius, const char *agency_name);

#endif
