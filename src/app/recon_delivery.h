/* 电子送达 of the 文书 of 行政复议 (docs/reconsideration.md "送达"): where the applicant consented
 * (body.service_consent, 行政复议法 第八十八条 → 民事诉讼法 第九十条), each 文书 addressed to him is
 * served through the case documents' 电子送达 (app/delivery*.c: a link token and a one-time code,
 * both stored hashed, the portal's /portal/delivery/<token>). Its rows live beside the cases' with
 * case_no "reconsideration:<id>"; the applicant's confirmation records served_on on the delivery
 * and a timeline row on the reconsideration instead of a case's 送达 step. */
#ifndef ZF_APP_RECON_DELIVERY_H
#define ZF_APP_RECON_DELIVERY_H

#include <jansson.h>
#include <stdbool.h>

#include "app/context.h"

/* After a step's documents were issued: a delivery for each of the applicant's issued 文书 not
 * delivered yet, when he consented. *sent: [{kind_name, url, code}], the link and code shown once
 * to the officer who took the step (no SMS gateway: app/delivery_gateway.h), [] when none. */
int app_recon_deliveries_due(const AppContext *cx, long long id, json_t **sent, ZfError *err);

/* Whether a delivery row is a reconsideration's, and its id then. */
bool recon_delivery_of(const json_t *row, long long *id);

/* Inside the portal's transaction: the timeline row of a reconsideration's delivery (opened,
 * confirmed, locked). */
int recon_delivery_timeline(const AppContext *cx, long long id, const char *action, const char *note, ZfError *err);

/* The day the applicant confirmed the decision's delivery (China's day), or NULL: the decision is
 * served then (民事诉讼法 第九十条). out must hold ZF_DATE_LEN. */
const char *recon_decision_served_on(const AppContext *cx, long long id, char *out);

#endif
