/* The 双随机 plans and the joint plans are rows the ledger covers (docs/ledger.md, docs/inspections.md):
 * each write goes through app/logged_row.c, the row as stored becoming an inspection_plan.put /
 * joint_plan.put event in the same savepoint, so `zhifa verify` names a plan changed behind the
 * system's back — its drawn items, its population, a result. */
#ifndef ZF_APP_INSP_LOG_H
#define ZF_APP_INSP_LOG_H

#include <jansson.h>

#include "store/store.h"

/* Inserts (no "id": sets it) or updates the row and logs it; body.rev counts the writes. */
int app_insp_plan_put(Store *st, json_t *row, ZfError *err);
int app_joint_plan_put(Store *st, json_t *row, ZfError *err);

#endif
