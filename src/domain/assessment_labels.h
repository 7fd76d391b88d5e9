/* The Chinese names of 法治督察考核's codes (plan and filling statuses, task colours, score sources,
 * where a unit's points come from), one table each, served by GET /api/v1/dicts so the pages never
 * show a code. Pure. */
#ifndef ZF_DOMAIN_ASSESSMENT_LABELS_H
#define ZF_DOMAIN_ASSESSMENT_LABELS_H

#include <jansson.h>

/* The name of a code in table ("assessment_plan_statuses" …); the code itself when unknown. */
const char *assessment_label(const char *table, const char *code);
/* Adds every table as [{code, name}] to obj. */
void assessment_labels_add(json_t *obj);

#endif
