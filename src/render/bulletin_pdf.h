/* The monthly 通报 as a PDF (app/bulletin.h's figures), in the documents' fonts and page
 * (render/page.h): the summary, the trend chart, the tables per agency, the alerts chart, the
 * ranking and the named problems. */
#ifndef ZF_RENDER_BULLETIN_PDF_H
#define ZF_RENDER_BULLETIN_PDF_H

#include <jansson.h>
#include <stddef.h>

#include "util/error.h"

int bulletin_pdf(const json_t *bulletin, unsigned char **pdf, size_t *len, ZfError *err);

#endif
