/* What the reconsideration services share about periods: the lengths from the settings and the
 * dates a stored row holds (reconsideration_view.c). */
#ifndef ZF_APP_RECONSIDERATION_PERIODS_H
#define ZF_APP_RECONSIDERATION_PERIODS_H

#include <jansson.h>

#include "domain/recon_periods.h"
#include "store/store.h"

void recon_periods_load(Store *st, ReconPeriods *p);
void recon_dates_of(const json_t *row, ReconDates *d);

#endif
