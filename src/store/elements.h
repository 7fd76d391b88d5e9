/* Enforcement elements (三库) as the console lists them: officers and powers within a data
 * scope, and a cited article looked up in the law library. Records themselves are read with
 * store_record_get and written with store_put_record; every query here is parameterized. */
#ifndef ZF_STORE_ELEMENTS_H
#define ZF_STORE_ELEMENTS_H

#include <jansson.h>

#include "store/store.h"

typedef struct {
    const char *scope_agency;        /* only this agency's officers, or NULL */
    const char *scope_region_prefix; /* only officers of agencies in this region prefix, or NULL */
    const char *agency, *status, *q; /* filters asked for by the user, or NULL */
    const char *valid_to_from, *valid_to_until; /* active and cert_valid_to in [from, until], or NULL */
} OfficerFilter;

/* {"items":[officer records + agency_name],"total","page","size"} */
int store_officers_list(Store *st, const OfficerFilter *f, int page, int size, json_t **out, ZfError *err);

typedef struct {
    const char *scope_agency, *scope_region_prefix; /* a power is seen when one of its agencies is */
    const char *agency, *kind, *q;
} PowerFilter;

/* {"items":[power records],"total","page","size"} */
int store_powers_list(Store *st, const PowerFilter *f, int page, int size, json_t **out, ZfError *err);

/* Does one of the power's agencies (a JSON array text) fall within the scope? */
bool store_power_in_scope(Store *st, const char *power_body, const char *scope_agency,
                          const char *scope_region_prefix);

/* The names of an agency and of a power by code, as a page shows them beside a record: read from
 * the name columns the put of each record fills from its body, never from the whole bodies. A code
 * absent or unknown gives JSON null (new references either way). */
int store_element_names(Store *st, const char *agency, const char *power, json_t **agency_name,
                        json_t **power_name, ZfError *err);

/* The law whose title or short title is `law` and that has article number/sub: *law_id, or 0. */
int store_law_find_article(Store *st, const char *law, int number, int sub, long long *law_id, ZfError *err);

#endif
