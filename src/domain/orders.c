/* Supervision orders as tables: the document kinds, the steps (who may take them, from which
 * status to which) and the checks on an act's date, reason and period.
 * Pure: never reads files, the clock or the store; a new step is a table row, not control flow. */
#include "domain/orders.h"

#include <stddef.h>
#include <string.h>

#include "util/text.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

/* 《行政执法监督条例》(国务院令第825号, in force 2026-02-01): art. 2 — county-level and higher
 * governments supervise their departments, 派出机关, lower governments and authorised organisations;
 * art. 6 — the 司法行政部门 is the government's 行政执法监督机构 and supervises in its name. Its
 * supervision documents order the agency to correct, and the agency reports the correction back in
 * writing. The full text is not yet in the law library (reference/legal-notes.md), so the article
 * of each document is not cited here; the periods below are the usual local defaults, in working
 * days, to be overridden by local rules. */
#define ORDER_BASIS "《行政执法监督条例》"

static const OrderKindDef KINDS[ORDER_KIND_COUNT] = {
    [ORDER_SUPERVISE] = {ORDER_SUPERVISE, "supervise", "督办通知书", 15, true, ORDER_BASIS},
    [ORDER_CONSULT] = {ORDER_CONSULT, "consult", "执法监督问诊单", 10, true, ORDER_BASIS},
    [ORDER_OPINION] = {ORDER_OPINION, "opinion", "执法监督意见书", 15, true, ORDER_BASIS},
};

static const struct {
    const char *code, *name;
} STATUS_NAMES[ORDER_STATUS_COUNT] = {
    [ORDER_DRAFT] = {"draft", "草稿"},
    [ORDER_ISSUED] = {"issued", "已下发"},
    [ORDER_RECEIVED] = {"received", "已签收"},
    [ORDER_RESPONDED] = {"responded", "已反馈"},
    [ORDER_ACCEPTED] = {"accepted", "整改到位（办结）"},
    [ORDER_RETURNED] = {"returned", "已退回"},
};

static const struct {
    const char *code, *name;
} ACTION_NAMES[ORDER_ACTION_COUNT] = {
    [ORDER_ISSUE] = {"issue", "下发"},
    [ORDER_RECEIVE] = {"receive", "签收"},
    [ORDER_RESPOND] = {"respond", "反馈整改情况"},
    [ORDER_ACCEPT] = {"accept", "确认整改到位"},
    [ORDER_RETURN] = {"return", "退回重新整改"},
    [ORDER_ESCALATE] = {"escalate", "升级督办"},
};

typedef struct {
    OrderStatus from;
    OrderAction action;
    OrderStatus to;
    unsigned sides;     /* OrderSide bits allowed to act */
    bool unanswered;    /* only for kinds whose answer is not required */
} OrderStep;

enum { SUP = ORDER_SIDE_SUPERVISOR, AGY = ORDER_SIDE_AGENCY };

/* The supervisor issues, verifies (accept / return) and escalates; the agency signs for the order
 * and reports its correction, as often as it is returned. Escalation keeps the status. */
static const OrderStep STEPS[] = {
    {ORDER_DRAFT, ORDER_ISSUE, ORDER_ISSUED, SUP, false},
    {ORDER_ISSUED, ORDER_RECEIVE, ORDER_RECEIVED, AGY, false},
    {ORDER_RECEIVED, ORDER_RESPOND, ORDER_RESPONDED, AGY, false},
    {ORDER_RETURNED, ORDER_RESPOND, ORDER_RESPONDED, AGY, false},
    {ORDER_RESPONDED, ORDER_ACCEPT, ORDER_ACCEPTED, SUP, false},
    {ORDER_RESPONDED, ORDER_RETURN, ORDER_RETURNED, SUP, false},
    {ORDER_RECEIVED, ORDER_ACCEPT, ORDER_ACCEPTED, SUP, true},
    {ORDER_ISSUED, ORDER_ESCALATE, ORDER_ISSUED, SUP, false},
    {ORDER_RECEIVED, ORDER_ESCALATE, ORDER_RECEIVED, SUP, false},
    {ORDER_RETURNED, ORDER_ESCALATE, ORDER_RETURNED, SUP, false},
};

static const char *const ESCALATION_NAMES[ORDER_ESCALATION_MAX + 1] = {
    "未升级", "已通报上级行政执法监督机构", "已提请同级人民政府处理",
};

const OrderKindDef *order_kind(OrderKind kind)
{
    return (unsigned)kind < ORDER_KIND_COUNT ? &KINDS[kind] : NULL;
}

const OrderKindDef *order_kind_by_code(const char *code)
{
    for (size_t i = 0; code && i < COUNT(KINDS); i++)
        if (strcmp(KINDS[i].code, code) == 0) return &KINDS[i];
    return NULL;
}

const OrderKindDef *order_kind_by_title(const char *title)
{
    for (size_t i = 0; title && i < COUNT(KINDS); i++)
        if (strcmp(KINDS[i].title, title) == 0) return &KINDS[i];
    return NULL;
}

const char *order_status_code(OrderStatus s)
{
    return (unsigned)s < ORDER_STATUS_COUNT ? STATUS_NAMES[s].code : NULL;
}
const char *order_status_name(OrderStatus s)
{
    return (unsigned)s < ORDER_STATUS_COUNT ? STATUS_NAMES[s].name : NULL;
}
const char *order_action_code(OrderAction a)
{
    return (unsigned)a < ORDER_ACTION_COUNT ? ACTION_NAMES[a].code : NULL;
}
const char *order_action_name(OrderAction a)
{
    return (unsigned)a < ORDER_ACTION_COUNT ? ACTION_NAMES[a].name : NULL;
}

int order_status_by_code(const char *code, OrderStatus *out)
{
    for (int s = 0; code && s < ORDER_STATUS_COUNT; s++)
        if (strcmp(STATUS_NAMES[s].code, code) == 0) {
            *out = (OrderStatus)s;
            return ZF_OK;
        }
    return ZF_ERR;
}

int order_action_by_code(const char *code, OrderAction *out)
{
    for (int a = 0; code && a < ORDER_ACTION_COUNT; a++)
        if (strcmp(ACTION_NAMES[a].code, code) == 0) {
            *out = (OrderAction)a;
            return ZF_OK;
        }
    return ZF_ERR;
}

void order_init(OrderState *o, OrderKind kind, zf_day drafted_on)
{
    *o = (OrderState){
        .kind = kind,
        .status = ORDER_DRAFT,
        .issued_on = ZF_DAY_NONE,
        .deadline_wd = 0,
        .due_on = ZF_DAY_NONE,
        .last_act_on = drafted_on,
        .escalation = 0,
        .rounds = 0,
    };
}

static const OrderStep *step_of(const OrderState *o, OrderAction a)
{
    const OrderKindDef *k = order_kind(o->kind);
    for (size_t i = 0; k && i < COUNT(STEPS); i++)
        if (STEPS[i].from == o->status && STEPS[i].action == a &&
            !(STEPS[i].unanswered && k->answer_required))
            return &STEPS[i];
    return NULL;
}

int order_next_status(const OrderState *o, OrderAction a)
{
    const OrderStep *st = step_of(o, a);
    return st ? (int)st->to : -1;
}

zf_day order_due_on(const Calendar *cal, zf_day from, int wd) { return add_wd(cal, from, wd); }

/* A period runs for the agency while the order waits for its answer. */
static bool period_running(const OrderState *o)
{
    return o->due_on != ZF_DAY_NONE &&
           (o->status == ORDER_ISSUED || o->status == ORDER_RECEIVED ||
            o->status == ORDER_RETURNED);
}

static const char *title_of(const OrderState *o)
{
    const OrderKindDef *k = order_kind(o->kind);
    return k ? k->title : "监督文书";
}

static int check_date(const OrderState *o, zf_day on, zf_day today, const char *action,
                      ZfError *err)
{
    char last[ZF_DATE_LEN], now[ZF_DATE_LEN];
    if (on == ZF_DAY_NONE)
        return zf_fail(err, 422, "invalid_date", "on", "“%s”须填写日期", action);
    if (o->last_act_on != ZF_DAY_NONE && on < o->last_act_on) {
        date_format(o->last_act_on, last);
        return zf_fail(err, 422, "invalid_date", "on", "“%s”的日期不能早于上一环节的日期 %s",
                       action, last);
    }
    if (today != ZF_DAY_NONE && on > today) {
        date_format(today, now);
        return zf_fail(err, 422, "invalid_date", "on", "“%s”的日期不能晚于今天 %s", action,
                       now);
    }
    return ZF_OK;
}

static int check_details(const OrderState *o, OrderAction a, zf_day on, const OrderActDetails *d,
                         ZfError *err)
{
    char due[ZF_DATE_LEN];
    switch (a) {
    case ORDER_ISSUE:
        if (d->deadline_wd < 0)
            return zf_fail(err, 422, "invalid_deadline", "deadline_wd",
                           "整改期限不能为负数（0 为该文书的默认期限）");
        return ZF_OK;
    case ORDER_RETURN:
        if (text_blank(d->reason))
            return zf_fail(err, 422, "missing_field", "reason", "退回须写明理由");
        if (d->deadline_wd < 1)
            return zf_fail(err, 422, "invalid_deadline", "deadline_wd",
                           "退回须重新确定整改期限（至少 1 个工作日）");
        return ZF_OK;
    case ORDER_ACCEPT:
        if (d->open_findings > 0 && text_blank(d->reason))
            return zf_fail(err, 422, "missing_field", "reason",
                           "尚有 %d 条关联问题未整改完毕，确认整改到位须写明理由",
                           d->open_findings);
        return ZF_OK;
    case ORDER_ESCALATE:
        if (on <= o->due_on) {
            date_format(o->due_on, due);
            return zf_fail(err, 409, "not_overdue", "action",
                           "%s尚未逾期（反馈期限 %s），不能升级督办", title_of(o), due);
        }
        if (o->escalation >= ORDER_ESCALATION_MAX)
            return zf_fail(err, 409, "escalation_exhausted", "action", "%s%s，不能再升级",
                           title_of(o), ESCALATION_NAMES[ORDER_ESCALATION_MAX]);
        return ZF_OK;
    case ORDER_RECEIVE:
    case ORDER_RESPOND:
    case ORDER_ACTION_COUNT:
        break;
    }
    return ZF_OK;
}

int order_check_action(const OrderState *o, OrderAction a, OrderSide who, zf_day on,
                       const Calendar *cal, const OrderActDetails *d, ZfError *err)
{
    static const OrderActDetails none = {ZF_DAY_NONE, NULL, 0, 0};
    const char *action = order_action_name(a) ? order_action_name(a) : "未知操作";
    const OrderStep *st = step_of(o, a);
    (void)cal; /* every date checked here is a plain comparison; the signature leaves room for one in working days */
    if (!d) d = &none;
    if (!st)
        return zf_fail(err, 409, "invalid_transition", "action", "%s处于“%s”状态，不能“%s”",
                       title_of(o),
                       order_status_name(o->status) ? order_status_name(o->status) : "未知",
                       action);
    if (!(st->sides & (unsigned)who))
        return zf_fail(err, 403, "side_not_allowed", "side", "只有%s可以“%s”",
                       st->sides & SUP ? "行政执法监督机构" : "被监督的行政执法机关", action);
    if (check_date(o, on, d->today, action, err) != ZF_OK) return ZF_ERR;
    return check_details(o, a, on, d, err);
}

int order_apply_action(const OrderState *o, OrderAction a, OrderSide who, zf_day on,
                       const Calendar *cal, const OrderActDetails *d, OrderState *out,
                       ZfError *err)
{
    if (order_check_action(o, a, who, on, cal, d, err) != ZF_OK) return ZF_ERR;
    OrderState n = *o;
    n.status = step_of(o, a)->to;
    n.last_act_on = on;
    switch (a) {
    case ORDER_ISSUE:
        n.issued_on = on;
        n.deadline_wd = d && d->deadline_wd > 0 ? d->deadline_wd : order_kind(o->kind)->default_wd;
        n.due_on = order_due_on(cal, on, n.deadline_wd);
        break;
    case ORDER_RETURN:
        n.deadline_wd = d->deadline_wd;
        n.due_on = order_due_on(cal, on, n.deadline_wd);
        n.rounds++;
        break;
    case ORDER_ESCALATE:
        n.escalation++;
        break;
    case ORDER_RECEIVE:
    case ORDER_RESPOND:
    case ORDER_ACCEPT:
    case ORDER_ACTION_COUNT:
        break;
    }
    *out = n;
    return ZF_OK;
}

OrderColour order_colour(const OrderState *o, zf_day today, const Calendar *cal, int warn_wd)
{
    return period_running(o) ? deadline_colour(cal, today, o->due_on, warn_wd) : ORDER_COLOUR_NONE;
}

OrderColour deadline_colour(const Calendar *cal, zf_day today, zf_day due, int warn_wd)
{
    if (today > due) return ORDER_COLOUR_RED;
    if (add_wd(cal, today, warn_wd) >= due) return ORDER_COLOUR_YELLOW;
    return ORDER_COLOUR_GREEN;
}

const char *order_colour_code(OrderColour c)
{
    static const char *const CODES[] = {"none", "green", "yellow", "red"};
    return (unsigned)c < COUNT(CODES) ? CODES[c] : NULL;
}

int order_escalation_due(const OrderState *o, zf_day today, const Calendar *cal, int first_wd,
                         int second_wd)
{
    if (!period_running(o) || today <= o->due_on) return 0;
    zf_day first = add_wd(cal, o->due_on, first_wd);
    if (today < first) return 0;
    return today < add_wd(cal, first, second_wd) ? 1 : 2;
}

const char *order_escalation_name(int level)
{
    return level >= 0 && level <= ORDER_ESCALATION_MAX ? ESCALATION_NAMES[level] : NULL;
}

void order_region_abbr(const char *name, char *out, size_t size)
{
    static const char *const SUFFIXES[] = {"特别行政区", "自治区", "自治州", "自治县", "省", "市", "区", "县", "旗", "盟"};
    size_t len = name ? strlen(name) : 0;
    if (size == 0) return;
    for (size_t i = 0; i < COUNT(SUFFIXES); i++) {
        size_t sl = strlen(SUFFIXES[i]);
        /* at least two CJK characters (3 bytes each in UTF-8) must remain */
        if (len >= sl + 6 && strcmp(name + len - sl, SUFFIXES[i]) == 0) {
            len -= sl;
            break;
        }
    }
    if (len >= size) len = size - 1;
    while (len && ((unsigned char)name[len] & 0xC0) == 0x80) len--; /* never cut a character */
    if (len) memcpy(out, name, len);
    out[len] = '\0';
}
