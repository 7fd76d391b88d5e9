/* The Chinese names of 案卷评查's codes (plan, item, task and 申辩 statuses), one table each, served
 * by GET /api/v1/dicts so the pages never show a code. Pure. */
#ifndef ZF_DOMAIN_REVIEW_LABELS_H
#define ZF_DOMAIN_REVIEW_LABELS_H

#include <jansson.h>

/* The name of a code in table ("review_plan_statuses" …); the code itself when unknown. */
const char *review_label(const char *table, const char *code);
/* Adds every table as [{code, name}] to obj. */
void review_labels_add(json_t *obj);

#endif
