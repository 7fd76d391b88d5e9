/* Stub until the seal part lands: draws nothing (docs/documents.md). */
#include "render/seal_image.h"

void render_seal_image(cairo_t *cr, double cx, double cy, double radius, const char *agency_name)
{
    (void)cr, (void)cx, (void)cy, (void)radius, (void)agency_name;
}
