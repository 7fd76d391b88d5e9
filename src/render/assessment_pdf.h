/* The 法治督察考核 result report as an A4 PDF (GB/T 9704 page, render/page.h): the plan's name and
 * parts, then each unit by rank with its total, its points per part and the change from last year.
 * Pure rendering: the caller passes the plan and its ranking as the API shows them. */
#ifndef ZF_RENDER_ASSESSMENT_PDF_H
#define ZF_RENDER_ASSESSMENT_PDF_H

#include <jansson.h>
#include <stddef.h>

#include "util/error.h"

int assessment_report_pdf(const json_t *plan, const json_t *ranking, const char *today, unsigned char **pdf, size_t *len,
                          ZfError *err);

#endif
