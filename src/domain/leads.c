/* Supervision leads as tables (see leads.h): the sources with their default periods, the steps
 * (who may take them, from which status to which). A new step is a table row, not control flow.
 * Pure: never reads files, the clock or the store. */
#include "domain/leads.h"

#include <stddef.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* Periods are local defaults (docs/leads.md): the 12345 pilot's 5 working days for a hotline
 * order; 15 working days a common local period for the agency's part of a 信访 matter. Each is a
 * setting (lead_<code>_wd) with its basis. */
static const LeadSourceDef SOURCES[] = {
    {"hotline_12345", "12345热线", 5},   {"complaint", "群众投诉", 10},     {"petition", "信访", 15},
    {"reconsideration", "行政复议", 10}, {"litigation", "行政诉讼", 10},    {"social_supervisor", "特邀监督员", 10},
    {"lawyer", "派驻律师", 10},          {"review", "案卷评查", 10},        {"other", "其他", 10},
};

static const char *const STATUS[LEAD_STATUS_COUNT][2] = {
    [LEAD_RECEIVED] = {"received", "待分办"},   [LEAD_TRIAGED] = {"triaged", "已受理"},
    [LEAD_DISPATCHED] = {"dispatched", "已转办"}, [LEAD_ANSWERED] = {"answered", "已答复"},
    [LEAD_VERIFIED] = {"verified", "已核实"},   [LEAD_CLOSED] = {"closed", "已办结"},
    [LEAD_CONVERTED] = {"converted", "已转督办"},
};

static const char *const ACTION[LEAD_ACTION_COUNT][2] = {
    [LEAD_ACCEPT] = {"accept", "受理"},   [LEAD_REJECT] = {"reject", "不予受理"}, [LEAD_DISPATCH] = {"dispatch", "转办"},
    [LEAD_ANSWER] = {"answer", "办理答复"}, [LEAD_VERIFY] = {"verify", "核实"},    [LEAD_CLOSE] = {"close", "办结"},
    [LEAD_TO_ORDER] = {"to_order", "转督办"}, [LEAD_LINK_CASE] = {"link_case", "关联案件"},
};

static const char *const REJECT[LEAD_REJECT_COUNT][2] = {
    [LEAD_REJECT_NOT_OURS] = {"not_ours", "不属于本机关监督事项"},
    [LEAD_REJECT_DUPLICATE] = {"duplicate", "重复线索"},
    [LEAD_REJECT_NO_BASIS] = {"no_basis", "反映问题缺乏事实依据"},
};

typedef struct {
    LeadStatus from;
    LeadAction action;
    LeadStatus to;
    unsigned sides;
} LeadStep;

enum { SUP = LEAD_SIDE_SUPERVISOR, AGY = LEAD_SIDE_AGENCY };

/* The supervisor triages, dispatches, verifies, closes and may turn a lead into an order; the
 * agency answers what was dispatched to it. */
static const LeadStep STEPS[] = {
    {LEAD_RECEIVED, LEAD_ACCEPT, LEAD_TRIAGED, SUP},     {LEAD_RECEIVED, LEAD_REJECT, LEAD_CLOSED, SUP},
    {LEAD_TRIAGED, LEAD_DISPATCH, LEAD_DISPATCHED, SUP}, {LEAD_DISPATCHED, LEAD_ANSWER, LEAD_ANSWERED, AGY},
    {LEAD_ANSWERED, LEAD_VERIFY, LEAD_VERIFIED, SUP},    {LEAD_VERIFIED, LEAD_CLOSE, LEAD_CLOSED, SUP},
    {LEAD_TRIAGED, LEAD_TO_ORDER, LEAD_CONVERTED, SUP},  {LEAD_ANSWERED, LEAD_TO_ORDER, LEAD_CONVERTED, SUP},
    {LEAD_VERIFIED, LEAD_TO_ORDER, LEAD_CONVERTED, SUP},
    /* the case concerned, once found, set by the supervisor while the lead is open; the status stays */
    {LEAD_RECEIVED, LEAD_LINK_CASE, LEAD_RECEIVED, SUP},     {LEAD_TRIAGED, LEAD_LINK_CASE, LEAD_TRIAGED, SUP},
    {LEAD_DISPATCHED, LEAD_LINK_CASE, LEAD_DISPATCHED, SUP}, {LEAD_ANSWERED, LEAD_LINK_CASE, LEAD_ANSWERED, SUP},
    {LEAD_VERIFIED, LEAD_LINK_CASE, LEAD_VERIFIED, SUP},
};

const LeadSourceDef *lead_source(const char *code)
{
    for (size_t i = 0; code && i < COUNT(SOURCES); i++)
        if (strcmp(SOURCES[i].code, code) == 0) return &SOURCES[i];
    return NULL;
}

const LeadSourceDef *lead_source_at(int i) { return i >= 0 && (size_t)i < COUNT(SOURCES) ? &SOURCES[i] : NULL; }

/* code ↔ index over a table of {code, name} pairs */
static int by_code(const char *const (*table)[2], int n, const char *code)
{
    for (int i = 0; code && i < n; i++)
        if (strcmp(table[i][0], code) == 0) return i;
    return -1;
}

const char *lead_status_code(LeadStatus s) { return (unsigned)s < LEAD_STATUS_COUNT ? STATUS[s][0] : NULL; }
const char *lead_status_name(LeadStatus s) { return (unsigned)s < LEAD_STATUS_COUNT ? STATUS[s][1] : NULL; }
const char *lead_action_code(LeadAction a) { return (unsigned)a < LEAD_ACTION_COUNT ? ACTION[a][0] : NULL; }
const char *lead_action_name(LeadAction a) { return (unsigned)a < LEAD_ACTION_COUNT ? ACTION[a][1] : NULL; }
const char *lead_reject_code(LeadRejectReason r) { return (unsigned)r < LEAD_REJECT_COUNT ? REJECT[r][0] : NULL; }
const char *lead_reject_name(LeadRejectReason r) { return (unsigned)r < LEAD_REJECT_COUNT ? REJECT[r][1] : NULL; }

int lead_status_by_code(const char *code, LeadStatus *out)
{
    int i = by_code(STATUS, LEAD_STATUS_COUNT, code);
    return i < 0 ? ZF_ERR : (*out = (LeadStatus)i, ZF_OK);
}

int lead_action_by_code(const char *code, LeadAction *out)
{
    int i = by_code(ACTION, LEAD_ACTION_COUNT, code);
    return i < 0 ? ZF_ERR : (*out = (LeadAction)i, ZF_OK);
}

int lead_reject_by_code(const char *code, LeadRejectReason *out)
{
    int i = by_code(REJECT, LEAD_REJECT_COUNT, code);
    return i < 0 ? ZF_ERR : (*out = (LeadRejectReason)i, ZF_OK);
}

static const LeadStep *step_of(LeadStatus from, LeadAction a)
{
    for (size_t i = 0; i < COUNT(STEPS); i++)
        if (STEPS[i].from == from && STEPS[i].action == a) return &STEPS[i];
    return NULL;
}

int lead_next_status(LeadStatus from, LeadAction a)
{
    const LeadStep *st = step_of(from, a);
    return st ? (int)st->to : -1;
}

int lead_check_action(LeadStatus from, LeadAction a, unsigned who, zf_day on, zf_day last_act_on, zf_day today,
                      ZfError *err)
{
    const LeadStep *st = step_of(from, a);
    const char *action = lead_action_name(a) ? lead_action_name(a) : "未知操作";
    char d[ZF_DATE_LEN];
    if (!st)
        return zf_fail(err, 409, "invalid_transition", "action", "线索处于“%s”状态，不能“%s”",
                       lead_status_name(from) ? lead_status_name(from) : "未知", action);
    if (!(st->sides & who))
        return zf_fail(err, 403, "side_not_allowed", "action", "只有%s可以“%s”",
                       st->sides & SUP ? "行政执法监督机构" : "被反映的行政执法机关", action);
    if (on == ZF_DAY_NONE) return zf_fail(err, 422, "invalid_date", "on", "“%s”须有日期", action);
    if (last_act_on != ZF_DAY_NONE && on < last_act_on) {
        date_format(last_act_on, d);
        return zf_fail(err, 422, "invalid_date", "on", "“%s”的日期不能早于上一环节的日期 %s", action, d);
    }
    if (today != ZF_DAY_NONE && on > today) {
        date_format(today, d);
        return zf_fail(err, 422, "invalid_date", "on", "“%s”的日期不能晚于今天 %s", action, d);
    }
    return ZF_OK;
}
