/* The server's daily run: escalate_run (app/escalate.h, approvals) and app_orders_remind
 * (app/orders.h, supervision orders' reminders and escalations), then app_messages_daily
 * (app/messages.h, deadlines near and certificates ending) at start and whenever the date in
 * China changes, on a thread of its own (jobs/periodic.h). */
#ifndef ZF_JOBS_ESCALATOR_H
#define ZF_JOBS_ESCALATOR_H

#include "domain/calendar.h"
#include "domain/regions.h"

typedef struct Escalator Escalator;
/* Checked every poll_seconds. */
Escalator *escalator_start(const char *db_path, const Calendar *cal, const Regions *regions, ZfClock clock,
                           unsigned poll_seconds);
void escalator_stop(Escalator *e);

#endif
