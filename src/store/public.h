/* What the anonymous portal may read: published penalty decisions. Callers mask before replying. */
#ifndef ZF_STORE_PUBLIC_H
#define ZF_STORE_PUBLIC_H

#include <jansson.h>

#include "store/store.h"

/* Penalty cases with a published decision (outcome penalty, published_on set, not withdrawn
 * from the portal — case_publicity), newest first:
 * {"items":[case records + agency_name],"total","page","size"}. */
int store_public_decisions(Store *st, const char *agency, const char *q, int page, int size, json_t **out, ZfError *err);

#endif
