/* The quarterly 备案目录 of normative documents (《法规规章备案审查条例》第十条, docs/normative-docs.md)
 * as an A4 PDF (a ruled table on GB/T 9704 pages, render/bulletin_table.h) and as an .xlsx. Pure
 * rendering of the catalogue as stored: {quarter, title, rows:[{reg_no, title, doc_no, issuer_name,
 * published_on, effective_on, registered_on}], produced_on}. */
#ifndef ZF_RENDER_NORMATIVE_CATALOG_H
#define ZF_RENDER_NORMATIVE_CATALOG_H

#include <jansson.h>
#include <stddef.h>

#include "util/error.h"

int normative_catalog_pdf(const json_t *catalog, unsigned char **pdf, size_t *len, ZfError *err);
int normative_catalog_xlsx(const json_t *catalog, void **out, size_t *len, ZfError *err);

#endif
