/* The rows of 电子送达 written through app/logged_row.c, and their shape for readers (shared by
 * app/delivery.c and app/delivery_portal.c). */
#ifndef ZF_APP_DELIVERY_ROWS_H
#define ZF_APP_DELIVERY_ROWS_H

#include <jansson.h>

#include "app/context.h"
#include "store/deliveries.h"

/* Inserts (no id) or updates the row and logs it as it is stored. */
int delivery_consent_put(Store *st, json_t *row, ZfError *err);
int delivery_put(Store *st, json_t *row, ZfError *err);

/* The delivery as the console lists it: the body's fields beside the columns, names in Chinese,
 * never the token's or the code's digest. New reference. */
json_t *delivery_view(const json_t *row);
json_t *delivery_consent_view(const json_t *row);

/* The case's 送达 step through the workflow (WA_SERVE) on `on`, inside the caller's transaction and
 * under a savepoint: ZF_OK, or ZF_ERR with err saying which gate refused (nothing of it written). */
int delivery_serve_step(const AppContext *cx, const char *case_no, const char *on, const char *note, ZfError *err);

/* The party's confirmation inside the portal's transaction (app/delivery_confirm.c), and after it
 * committed the 送达回证 with its outcome recorded on delivery id. */
int delivery_confirm_in(const AppContext *cx, json_t *row, const char *addr, long long now, ZfError *err);
int delivery_receipt_after(const AppContext *cx, long long id, const char *case_no, ZfError *err);

const char *delivery_body_str(const json_t *row, const char *key);
/* The delivered document's name: a case's kind by its name, a reconsideration's 文书 as recorded. */
const char *delivery_kind_text(const json_t *row);
/* A timeline row of the delivery's subject: the case's, or the reconsideration's (recon_delivery.h). */
int delivery_timeline_add(const AppContext *cx, const json_t *row, const char *user, const char *action,
                          const char *note, ZfError *err);

#endif
