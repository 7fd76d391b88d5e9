/* The reconsideration tables through app/logged_row.c: each row written with its ledger event. */
#ifndef ZF_APP_RECONSIDERATION_LOG_H
#define ZF_APP_RECONSIDERATION_LOG_H

#include <jansson.h>

#include "store/reconsiderations.h"

int app_recon_put(Store *st, json_t *row, ZfError *err);
/* time and on: now and the act's date (on NULL = today's date part of now). */
int app_recon_timeline_add(Store *st, const ReconTimelineRow *row, ZfError *err);

#endif
