/* The demo's 案卷评查 (init --demo): one plan finished and published with its results, one in
 * progress with half its score sheets submitted — over the demo cases, by the demo supervisor and
 * the demo expert, through the same services the API uses. */
#ifndef ZF_APP_DEMO_REVIEWS_H
#define ZF_APP_DEMO_REVIEWS_H

#include "domain/calendar.h"
#include "domain/regions.h"
#include "store/store.h"

/* After the demo users exist ("supervisor", "expert"). *plans = plans made. */
int demo_reviews_load(Store *st, const Calendar *cal, const Regions *regions, zf_day today, int *plans, ZfError *err);

#endif
