/* 复议统计 by the contested act's kind (domain/recon_act_kinds.c) and the yearly statistical table
 * (docs/reconsideration.md). Counted from the rows the caller may see (the lists' data scope).
 * A row per kind, in the table's order, then the total:
 * {kind, name, received, accepted, rejected, concluded, maintain, dismiss, revoke, change,
 *  confirm_illegal, order_perform, mediated, decided, corrected, correction_rate} — decided = the
 * decisions (审结 by decision), concluded = decided + mediated, correction_rate = corrected (revoke,
 * change, confirm_illegal, order_perform) / decided in per cent to one decimal (0 without any). */
#ifndef ZF_APP_RECONSIDERATION_YEARLY_H
#define ZF_APP_RECONSIDERATION_YEARLY_H

#include "app/reconsideration.h"

/* The cases received in f's period, each counted whole under its kind: *rows as above. */
int app_recons_by_kind(const AppContext *cx, ReconFilter *f, json_t **rows, ZfError *err);
/* The year's table: each figure counted in the year its own event fell (received_on, accepted_on,
 * the rejection's date, decided_on, the mediation's date) → {year, items:[rows], totals}. */
int app_recons_yearly(const AppContext *cx, int year, json_t **out, ZfError *err);

#endif
