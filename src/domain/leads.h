/* Supervision leads (线索): sources and steps as tables, the check that refuses an unlawful step.
 * Pure: no I/O, no clock, no store — callers pass the act's date, today and the calendar. */
#ifndef ZF_DOMAIN_LEADS_H
#define ZF_DOMAIN_LEADS_H

#include <stdbool.h>

#include "domain/calendar.h"
#include "util/date.h"
#include "util/error.h"

typedef struct {
    const char *code; /* "hotline_12345" */
    const char *name; /* "12345热线" */
    int default_wd;   /* the agency's period to answer, working days (setting lead_<code>_wd) */
} LeadSourceDef;

typedef enum {
    LEAD_RECEIVED,   /* 待分办 */
    LEAD_TRIAGED,    /* 已受理 */
    LEAD_DISPATCHED, /* 已转办 */
    LEAD_ANSWERED,   /* 已答复 */
    LEAD_VERIFIED,   /* 已核实 */
    LEAD_CLOSED,     /* 已办结 */
    LEAD_CONVERTED,  /* 已转督办 */
    LEAD_STATUS_COUNT
} LeadStatus;

typedef enum { LEAD_ACCEPT, LEAD_REJECT, LEAD_DISPATCH, LEAD_ANSWER, LEAD_VERIFY, LEAD_CLOSE, LEAD_TO_ORDER,
               LEAD_LINK_CASE, LEAD_ACTION_COUNT } LeadAction;

typedef enum { LEAD_SIDE_SUPERVISOR = 1u << 0, LEAD_SIDE_AGENCY = 1u << 1 } LeadSide;

/* Why a lead is not taken up (不予受理). */
typedef enum { LEAD_REJECT_NOT_OURS, LEAD_REJECT_DUPLICATE, LEAD_REJECT_NO_BASIS, LEAD_REJECT_COUNT } LeadRejectReason;

const LeadSourceDef *lead_source(const char *code); /* NULL when unknown */
const LeadSourceDef *lead_source_at(int i);         /* NULL past the last */
const char *lead_status_code(LeadStatus s);
const char *lead_status_name(LeadStatus s);
int lead_status_by_code(const char *code, LeadStatus *out);
const char *lead_action_code(LeadAction a);
const char *lead_action_name(LeadAction a);
int lead_action_by_code(const char *code, LeadAction *out);
const char *lead_reject_code(LeadRejectReason r);
const char *lead_reject_name(LeadRejectReason r);
int lead_reject_by_code(const char *code, LeadRejectReason *out);

/* The status the action leads to from `from`, or -1 when the status does not allow it. */
int lead_next_status(LeadStatus from, LeadAction a);
/* May `who` take `a` on a lead in status `from`, dated `on` (not before last_act_on, not after
 * today)? ZF_OK, or 409 invalid_transition, 403 side_not_allowed, 422 invalid_date. */
int lead_check_action(LeadStatus from, LeadAction a, unsigned who, zf_day on, zf_day last_act_on, zf_day today,
                      ZfError *err);

#endif
