/* How a delivery's link and code reach the party. There is no SMS or e-mail gateway yet: the
 * link and code are shown to the sending officer, who gives them to the party, and that is what
 * is recorded. A gateway is added by implementing app_delivery_gateway_send for it (a setting
 * choosing it); the callers do not change. */
#ifndef ZF_APP_DELIVERY_GATEWAY_H
#define ZF_APP_DELIVERY_GATEWAY_H

#include <stdbool.h>
#include <stddef.h>

#include "app/context.h"

typedef struct {
    const char *phone, *email; /* the 确认书's address */
    const char *url, *code;    /* what the party needs */
    const char *agency_name, *kind_name;
} DeliveryMessage;

/* Passes the message on. *by_gateway false: nothing was sent, the officer hands link and code over
 * (`how` says so, for the record); true: a gateway sent it (`how` names it). */
int app_delivery_gateway_send(const AppContext *cx, const DeliveryMessage *m, bool *by_gateway, char *how, size_t cap,
                              ZfError *err);

#endif
