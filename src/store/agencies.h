/* Agencies as the organisation tree sees them: listed within a data scope. */
#ifndef ZF_STORE_AGENCIES_H
#define ZF_STORE_AGENCIES_H

#include <jansson.h>

#include "store/store.h"

typedef struct {
    const char *scope_agency;        /* only this agency, or NULL */
    const char *scope_region_prefix; /* only agencies whose region starts with this, or NULL */
    const char *region_prefix;       /* filter asked for by the user, or NULL */
    const char *q;                   /* name or code contains */
} AgencyFilter;

/* {"items":[exchange-v1 agency records],"total","page","size"} */
int store_agencies_list(Store *st, const AgencyFilter *f, int page, int size, json_t **out, ZfError *err);

#endif
