/* The rows an online case's 全过程记录 rests on — its workflow row and its timeline — written
 * together with the ledger events that cover them, in one savepoint: `zhifa verify` holds every
 * row to the event it was written with (timeline.add carries the row id, workflow.put the row as
 * stored). The only way these rows are written. */
#ifndef ZF_APP_CASE_LOG_H
#define ZF_APP_CASE_LOG_H

#include <jansson.h>

#include "store/store.h"

/* Insert or update the workflow row (store_workflow_get's fields) and log it as stored. */
int app_workflow_put(Store *st, const json_t *row, ZfError *err);
/* One timeline row, now (UTC), and its timeline.add event. */
int app_timeline_add(Store *st, const char *case_no, const char *user, const char *action, const char *from_stage,
                     const char *to_stage, const char *note, ZfError *err);
/* The same dated by the act it records ("YYYY-MM-DDTHH:MM:SSZ"): a seed's back-dated step. */
int app_timeline_add_at(Store *st, const char *case_no, const char *time, const char *user, const char *action,
                        const char *from_stage, const char *to_stage, const char *note, ZfError *err);
/* Rows written before migration 018 logged once, in one transaction with the removal of their
 * mark: the same events as the write path, so verify treats old and new rows alike. */
int app_case_log_backfill(Store *st, ZfError *err);

#endif
