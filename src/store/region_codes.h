/* 行政区划 rows laid over data/regions.tsv (migration 086, docs/sync.md "Code tables"): additions and
 * renames this level made (from_upper 0) or received from above (from_upper 1); a row the upper no
 * longer sends is kept, marked dropped. */
#ifndef ZF_STORE_REGION_CODES_H
#define ZF_STORE_REGION_CODES_H

#include <jansson.h>

#include "store/store.h"

/* Every row, by code: [{code, name, from_upper, dropped}]. */
int store_region_codes(Store *st, json_t **items, ZfError *err);
/* Inserts or renames code; the row is live (dropped 0) and from_upper says whence. */
int store_region_code_put(Store *st, const char *code, const char *name, int from_upper, ZfError *err);
/* Marks code dropped by the upper (kept: records may still name it). */
int store_region_code_drop(Store *st, const char *code, ZfError *err);

#endif
