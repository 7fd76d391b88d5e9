/* Supervision orders as the API shows them (docs/orders.md), and the row ↔ OrderState mapping the
 * service and the reminder run share. */
#ifndef ZF_APP_ORDERS_VIEW_H
#define ZF_APP_ORDERS_VIEW_H

#include <jansson.h>

#include "app/context.h"
#include "domain/orders.h"

/* The lifecycle state of a stored row; ZF_ERR when its kind or status is unknown. */
int order_state_of(const json_t *row, OrderState *s);
/* Writes the state's columns back into the row. */
void order_state_to_row(const OrderState *s, json_t *row);

/* A list item: the row's columns and text with Chinese names, colour, overdue and days_left as of
 * cx->today (yellow within warn_wd working days). A new object. */
json_t *order_view(const AppContext *cx, const json_t *row, int warn_wd);
/* The same with findings (and open_findings), basis links, attachments, timeline, responses,
 * returns and escalations: GET /orders/{id}. */
/* The 行政执法监督机构 of a region by name (行政执法监督条例 第六条): its 司法局, a province's 司法厅;
 * JSON null when the region is unknown. It issues the orders and the 评查结果通报 of that region. */
json_t *order_issuer(const AppContext *cx, const char *region);
int order_view_full(const AppContext *cx, const json_t *row, int warn_wd, json_t **out, ZfError *err);

#endif
