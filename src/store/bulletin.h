/* The figures of the monthly 通报 (docs/analytics.md, bulletin part), read from the base tables
 * in one snapshot: per agency of a region, and the worst open findings. */
#ifndef ZF_STORE_BULLETIN_H
#define ZF_STORE_BULLETIN_H

#include <jansson.h>

#include "store/store.h"
#include "util/error.h"

typedef struct {
    const char *scope_agency;  /* only this agency, or NULL */
    const char *region_prefix; /* agencies whose region starts so (GB/T 2260), or NULL: all */
    const char *from, *to;     /* the month's first and last day, YYYY-MM-DD */
    const char *month;         /* YYYY-MM: the monthly report's month */
    const char *today;         /* orders due before it and still running are overdue */
} BulletinQuery;

/* items: one object per agency, by region then code: {agency, name, region, filed, decided,
 * closed, fines_fen (of the decided), violations, warnings (open findings now), orders_issued,
 * orders_overdue, report_at (the month's report's date, or null), reviewed, review_cp (the sum
 * of the done review items' total_cp)}. */
int store_bulletin_agencies(Store *st, const BulletinQuery *q, json_t **items, ZfError *err);

/* items: per month of from..to (q's from and to, a span of months) that has any: {month, filed,
 * decided, fines_fen (of the decided)}, by month. The trend line and the 同比/环比 figures. */
int store_bulletin_trend(Store *st, const BulletinQuery *q, json_t **items, ZfError *err);

/* items: up to limit open findings, violations first, then the oldest: {rule, severity, subject,
 * agency_name, law, message, first_seen}. */
int store_bulletin_problems(Store *st, const BulletinQuery *q, int limit, json_t **items, ZfError *err);

#endif
