/* Supervision orders (督办通知书 / 执法监督问诊单 / 执法监督意见书): kinds and steps as tables, the
 * check that refuses an unlawful step, the due date, the warning colour and the escalation due.
 * Pure: no I/O, no clock, no store — callers pass the act's date, today and the calendar. */
#ifndef ZF_ORDERS_H
#define ZF_ORDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/calendar.h"
#include "util/date.h"
#include "util/error.h"

typedef enum { ORDER_SUPERVISE, ORDER_CONSULT, ORDER_OPINION, ORDER_KIND_COUNT } OrderKind;

typedef struct {
    OrderKind kind;
    const char *code;     /* "supervise" */
    const char *title;    /* "督办通知书" */
    int default_wd;       /* period for the agency's answer, in working days (rules.md §1) */
    bool answer_required; /* the agency must report back (反馈) before the order is closed */
    const char *basis;    /* the regulation the document rests on */
} OrderKindDef;

typedef enum {
    ORDER_DRAFT,     /* 草稿 */
    ORDER_ISSUED,    /* 已下发 */
    ORDER_RECEIVED,  /* 已签收 */
    ORDER_RESPONDED, /* 已反馈 */
    ORDER_ACCEPTED,  /* 整改到位（办结） */
    ORDER_RETURNED,  /* 已退回 */
    ORDER_STATUS_COUNT
} OrderStatus;

typedef enum {
    ORDER_ISSUE,    /* 下发 */
    ORDER_RECEIVE,  /* 签收 */
    ORDER_RESPOND,  /* 反馈整改情况 */
    ORDER_ACCEPT,   /* 确认整改到位 */
    ORDER_RETURN,   /* 退回重新整改 */
    ORDER_ESCALATE, /* 升级督办 */
    ORDER_ACTION_COUNT
} OrderAction;

/* Bits, so a step in the table can name who may take it. */
typedef enum {
    ORDER_SIDE_SUPERVISOR = 1u << 0, /* 行政执法监督机构 */
    ORDER_SIDE_AGENCY = 1u << 1,     /* 被监督的行政执法机关 */
} OrderSide;

typedef enum { ORDER_COLOUR_NONE, ORDER_COLOUR_GREEN, ORDER_COLOUR_YELLOW, ORDER_COLOUR_RED } OrderColour;

/* Escalation levels: 1 = 上级行政执法监督机构 notified, 2 = 提请同级人民政府处理. */
#define ORDER_ESCALATION_MAX 2

typedef struct {
    OrderKind kind;
    OrderStatus status;
    zf_day issued_on;   /* ZF_DAY_NONE while a draft */
    int deadline_wd;    /* the period of the current round (issue or latest return) */
    zf_day due_on;      /* the agency's answer is due; ZF_DAY_NONE while a draft */
    zf_day last_act_on; /* date of the latest act (drafting included); no act may precede it */
    int escalation;     /* 0, 1 or 2; of the order, not of the round: a return does not reset it */
    int rounds;         /* returns so far (退回次数) */
} OrderState;

/* What an act brings beyond its kind, side and date. */
typedef struct {
    zf_day today;       /* acts may not be dated after today */
    const char *reason; /* return: required; accept: required while findings are open */
    int deadline_wd;    /* issue: 0 = the kind's default; return: the new period, ≥ 1 */
    int open_findings;  /* accept: linked findings still open */
} OrderActDetails;

const OrderKindDef *order_kind(OrderKind kind); /* NULL when out of range */
const OrderKindDef *order_kind_by_code(const char *code);
const OrderKindDef *order_kind_by_title(const char *title);
const char *order_status_code(OrderStatus s);
const char *order_status_name(OrderStatus s);
int order_status_by_code(const char *code, OrderStatus *out);
const char *order_action_code(OrderAction a);
const char *order_action_name(OrderAction a);
int order_action_by_code(const char *code, OrderAction *out);

/* A draft of the kind, drafted on `drafted_on`. */
void order_init(OrderState *o, OrderKind kind, zf_day drafted_on);

/* The status the action leads to from the order's status (escalate keeps it), or -1. */
int order_next_status(const OrderState *o, OrderAction a);

/* May `who` take action `a` on the order, dated `on`? ZF_OK, or ZF_ERR with err:
 * 409 invalid_transition (the status does not allow it), 403 side_not_allowed, 422 invalid_date
 * (missing, before the last act, after today), 409 not_overdue / escalation_exhausted (escalate),
 * 422 missing_field reason (return; accept with open findings), 422 invalid_deadline. */
int order_check_action(const OrderState *o, OrderAction a, OrderSide who, zf_day on,
                       const Calendar *cal, const OrderActDetails *d, ZfError *err);
/* order_check_action, then the state after the act in *out (o unchanged on refusal). */
int order_apply_action(const OrderState *o, OrderAction a, OrderSide who, zf_day on,
                       const Calendar *cal, const OrderActDetails *d, OrderState *out,
                       ZfError *err);

/* The answer is due on the `wd`-th working day strictly after the issue (or return) date:
 * add_wd of rules.md §1 (the act's day is not counted; rest days are skipped, 调休 days count). */
zf_day order_due_on(const Calendar *cal, zf_day from, int wd);

/* NONE when no period runs for the agency (draft, responded, accepted); RED when today is after
 * due_on; YELLOW when due_on is within warn_wd working days of today (add_wd(today, warn_wd) ≥
 * due_on, the due day itself included); GREEN otherwise. */
OrderColour order_colour(const OrderState *o, zf_day today, const Calendar *cal, int warn_wd);
/* The same rule for any period running to `due` (a lead's answer too): RED after due, YELLOW within
 * warn_wd working days of it, GREEN otherwise. */
OrderColour deadline_colour(const Calendar *cal, zf_day today, zf_day due, int warn_wd);
const char *order_colour_code(OrderColour c);

/* The escalation level now due by the dates alone (0, 1 or 2): 1 from the first_wd-th working day
 * after due_on (overdue by first_wd working days), 2 from second_wd working days after that.
 * 0 when no period runs. The caller compares it with o->escalation. */
int order_escalation_due(const OrderState *o, zf_day today, const Calendar *cal, int first_wd,
                         int second_wd);

/* "未升级", "已通报上级行政执法监督机构", "已提请同级人民政府处理"; NULL out of range. */
const char *order_escalation_name(int level);

/* The 简称 a 文号 uses for an issuing region: its name without the level's suffix (市南区 → 市南,
 * 青岛市 → 青岛, 山东省 → 山东), the whole name when that would leave less than two characters. */
void order_region_abbr(const char *region_name, char *out, size_t size);

#endif
