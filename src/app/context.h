/* What an application service is given: the store it works in, the calendar, today (from the
 * caller's clock), the acting user (NULL for a job) with the data scope the server gave him, and
 * the region table (NULL when the caller has none). Services take no HttpRequest. */
#ifndef ZF_APP_CONTEXT_H
#define ZF_APP_CONTEXT_H

#include "domain/authz.h"
#include "domain/calendar.h"
#include "domain/regions.h"
#include "store/identity.h"
#include "store/store.h"
#include "util/date.h"

typedef struct {
    Store *store;
    const Calendar *calendar;
    zf_day today;
    const AuthUser *user;
    DataScope scope;         /* the user's (SCOPE_NONE for a job: the system sees everything) */
    const Regions *regions;
} AppContext;

#endif
