/* Document templates as data (data/templates/<kind>.json, docs/documents.md "Templates"): loading
 * one, checking that a case has what it needs, and drawing its blocks with the render/ layout. */
#ifndef ZF_APP_DOCUMENT_TEMPLATE_H
#define ZF_APP_DOCUMENT_TEMPLATE_H

#include <jansson.h>
#include <stddef.h>

#include "render/page.h"
#include "util/error.h"

/* The template of kind (a code of [a-z_]); 404 when there is none. */
int doc_template_load(const char *kind, json_t **tpl, ZfError *err);

/* Every template, in stage order ("order"): [{…template…}]. */
int doc_templates_all(json_t **out, ZfError *err);

/* The value at a dotted path ("decision.doc_no", "doc.fine_capitals") of vars; NULL when absent. */
const json_t *doc_var(const json_t *vars, const char *path);

/* ZF_OK when vars holds every path of the template's "requires"; else 409 naming what is missing. */
int doc_template_ready(const json_t *tpl, const json_t *vars, ZfError *err);

/* Draws the template's blocks filled from vars on d; the 落款 carries agency_name and the seal. */
void doc_template_draw(RenderDoc *d, const json_t *tpl, const json_t *vars, const char *agency_name);

/* text with every {path} replaced by its value in item (first) or vars; malloc'd. */
char *doc_fill(const char *text, const json_t *item, const json_t *vars);

#endif
