/* What an application service is given: the store it works in, the calendar, today (from the
 * caller's clock) and the acting user (NULL for a job). Services take no HttpRequest. */
#ifndef ZF_APP_CONTEXT_H
#define ZF_APP_CONTEXT_H

#include "domain/calendar.h"
#include "store/identity.h"
#include "store/store.h"
#include "util/date.h"

typedef struct {
    Store *store;
    const Calendar *calendar;
    zf_day today;
    const AuthUser *user;
} AppContext;

#endif
