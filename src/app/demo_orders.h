/* The demo's supervision orders (init --demo): one in every state, dated back from today. */
#ifndef ZF_APP_DEMO_ORDERS_H
#define ZF_APP_DEMO_ORDERS_H

#include "domain/calendar.h"
#include "domain/regions.h"
#include "store/store.h"

/* After the demo cases and their sweep (the orders link the open findings). *loaded = orders made. */
int demo_orders_load(Store *st, const Calendar *cal, const Regions *regions, zf_day today, int *loaded, ZfError *err);

#endif
