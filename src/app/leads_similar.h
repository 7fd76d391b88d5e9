/* A lead's possible duplicates (docs/leads.md): the leads of its agency received in the 30 days
 * before it whose contents are alike, for the supervisor to reject it as 重复线索 in one click. */
#ifndef ZF_APP_LEADS_SIMILAR_H
#define ZF_APP_LEADS_SIMILAR_H

#include <jansson.h>

#include "app/context.h"

#define LEAD_SIMILAR_DAYS 30 /* how far back a repeat is looked for */
#define LEAD_SIMILAR_MAX 5   /* shown at most, the most alike first */

/* row: a stored lead (store_lead_get). *similar = [{id, received_at, status_name, content (its first 60
 * characters), score}] over the leads cx may see, of the same agency (and the same case when both
 * name one), scoring at least the setting lead_duplicate_similarity_pct; [] when the lead has no agency. */
int app_lead_similar(const AppContext *cx, const json_t *row, json_t **similar, ZfError *err);

#endif
