/* Supervision orders (督办通知书 / 执法监督问诊单 / 执法监督意见书), the use cases: draft, act on, remind and
 * escalate. Each is one transaction; every act writes the order row, a timeline row, an audit
 * line and their ledger events together (docs/orders.md). */
#ifndef ZF_APP_ORDERS_H
#define ZF_APP_ORDERS_H

#include <jansson.h>
#include <stdbool.h>

#include "app/context.h"

/* What a new order says; arrays are JSON arrays (NULL = empty). */
typedef struct {
    const char *kind;          /* supervise | consult | opinion */
    const char *agency;        /* the target agency's code */
    const json_t *case_nos;    /* ["case_no", …] of that agency */
    const json_t *finding_ids; /* [id, …] open or resolved findings about that agency */
    const char *problem;       /* 存在的问题 */
    const json_t *basis;       /* [{"law","article"}, …] picked from the law library */
    const char *measures;      /* 整改要求 */
    int deadline_wd;           /* 0 = the kind's default */
    const char *source;        /* what the order came from, e.g. "filing:12"; NULL = none */
} OrderDraft;

/* A draft by cx->user (a supervisor whose region covers the agency), in its own transaction.
 * ZF_OK with *order (the order as GET /orders/{id} shows it), or 400/403/404/422. */
int app_order_create(const AppContext *cx, const OrderDraft *in, json_t **order, ZfError *err);
/* The same inside a write transaction the caller holds (e.g. a filing's review that opens an
 * order): *id the new order's id. */
int app_order_create_in(const AppContext *cx, const OrderDraft *in, long long *id, ZfError *err);

typedef struct {
    const char *action;          /* issue | receive | respond | accept | return | escalate */
    const char *note;            /* measures taken (respond), reasons (return, accept with open findings) */
    int deadline_wd;             /* issue: 0 = default; return: the new period */
    const char *on;              /* the act's date, YYYY-MM-DD; NULL = today */
    const json_t *corrections;   /* respond: [{"case_no","note"}] */
} OrderActInput;

/* One act on order `id` by cx->user. ZF_OK with *order, or 404 (not in the user's scope), 403
 * (the other side's act), 409 (status), 422 (date, reason, period). */
int app_order_act(const AppContext *cx, long long id, const OrderActInput *in, json_t **order, ZfError *err);

/* The order as GET /orders/{id} shows it, with its timeline; 404 when cx->user may not see it. */
int app_order_get(const AppContext *cx, long long id, json_t **order, ZfError *err);

typedef struct {
    int reminded, escalated, referred; /* yellow/red reminders written, level-1 and level-2 escalations */
} OrderRemindSummary;

/* A file attached to an order, already in the ledger's file store (<db>.files/<sm3>). */
typedef struct {
    const char *purpose;    /* evidence (the supervisor's) | response (the agency's answer) */
    const char *name, *media_type, *sm3;
    long long size;
} OrderFile;
/* Records the file against order `id` by cx->user: the row, its attachment.add event and a
 * timeline entry, in one transaction. The supervisor adds evidence until the order is accepted; the
 * agency adds its answer's files while the order waits for that answer (received or returned).
 * *out the row; 404 out of scope, 403 the other side's purpose, 409 the status. */
int app_order_attach(const AppContext *cx, long long id, const OrderFile *f, json_t **out, ZfError *err);
/* The same checks without writing: before the upload's file is stored at all. */
int app_order_attach_check(const AppContext *cx, long long id, const char *purpose, ZfError *err);
/* The attachment `aid` of order `id` ({id, name, media_type, size, sm3, …}) if cx->user may see the order. */
int app_order_attachment(const AppContext *cx, long long id, long long aid, json_t **out, ZfError *err);

/* Shared by the order services: the yellow warning's working days (setting order_warn_wd); may
 * cx->user see the stored row (scope by the target agency as stored; agency users see no drafts);
 * an escalation to `level` recorded in the row (its notice or referral, and the order marked late). */
int app_order_warn_wd(Store *st);
bool app_order_visible(const AppContext *cx, const json_t *row);
/* The stored row of order `id` if cx->user may see it (404 otherwise, as if absent). */
int app_order_load_visible(const AppContext *cx, long long id, json_t **row, ZfError *err);
/* The sides (OrderSide bits) cx->user may act for on the row: the supervisor's when his region covers
 * the agency and his role holds orders.write, the agency's for its own users with orders.respond. */
unsigned app_order_sides(const AppContext *cx, const json_t *row);
/* 409 when row is a copy of an upper level's order (body.upper_order, docs/sync.md): this level's
 * supervisors may not decide it, the message names the upper level. ZF_OK otherwise. */
int app_order_copy_refuse(const AppContext *cx, const json_t *row, ZfError *err);
int app_order_record_escalation(const AppContext *cx, json_t *row, int level, zf_day on, const char *note,
                                ZfError *err);

/* The orders cx->user may see, filtered (f's scope fields are set here from cx): items as
 * order_view shows them, {"items","total","page","size"}. */
typedef struct OrderFilter OrderFilter;
int app_orders_list(const AppContext *cx, OrderFilter *f, int page, int size, json_t **out, ZfError *err);

/* The statuses that wait for the caller: the agency's to sign and answer, the supervisor's to
 * issue and verify (NULL-terminated). */
const char *const *app_orders_todo_statuses(const AppContext *cx);
/* Per agency and month, within the caller's scope (f's scope fields are set here). */
typedef struct OrderStatsFilter OrderStatsFilter;
int app_orders_stats(const AppContext *cx, OrderStatsFilter *f, json_t **out, ZfError *err);

/* Reminders and escalations due on cx->today for every running order (cx->user NULL: the system). */
int app_orders_remind(const AppContext *cx, OrderRemindSummary *sum, ZfError *err);

#endif
