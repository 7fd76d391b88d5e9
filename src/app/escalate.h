/* Escalation of approval tasks left unsigned (审批超时上报), the service behind `zhifa escalate`
 * and the server's escalator (jobs/escalator.c). The rule itself is approval_escalate
 * (domain/workflow/approval.c); this file applies it to every open task as of a given day. */
#ifndef ZF_APP_ESCALATE_H
#define ZF_APP_ESCALATE_H

#include "domain/calendar.h"
#include "store/store.h"

typedef struct {
    zf_day as_of;
    long long tasks;     /* open tasks looked at */
    long long escalated; /* of which went to the next level */
} EscalateResult;

/* One transaction: each escalated task saved with an "escalated" timeline event on its case. */
int escalate_run(Store *st, const Calendar *cal, zf_day as_of, EscalateResult *out, ZfError *err);

#endif
