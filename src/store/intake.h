/* Data intake (store side): settings such as the monthly reporting deadline, the monthly
 * reporting status of the agencies in a scope, and the export of the records in a scope. */
#ifndef ZF_STORE_INTAKE_H
#define ZF_STORE_INTAKE_H

#include <jansson.h>

#include "store/settings.h"
#include "store/store.h"


/* The agencies in scope (NULL = no limit) with their report for month "YYYY-MM":
 * {"items":[{"agency","name","region","report": {counts…} | null}], "total": n}. */
int store_monthly_status(Store *st, const char *scope_agency, const char *scope_region_prefix,
                         const char *month, json_t **out, ZfError *err);

/* Calls fn with each stored body in scope, in export order (agencies, officers, powers,
 * benchmarks, cases, monthly reports): records of agencies in scope, and the powers (with their
 * benchmarks) that one of those agencies holds. */
int store_foreach_in_scope(Store *st, const char *scope_agency, const char *scope_region_prefix,
                           StoreRecordFn fn, void *ctx, ZfError *err);

#endif
