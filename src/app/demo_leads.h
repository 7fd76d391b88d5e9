/* The demo's leads (init --demo): one from each busy channel, at the stages a newcomer should see. */
#ifndef ZF_APP_DEMO_LEADS_H
#define ZF_APP_DEMO_LEADS_H

#include "domain/calendar.h"
#include "store/store.h"

int demo_leads_load(Store *st, const Calendar *cal, zf_day today, int *loaded, ZfError *err);

#endif
