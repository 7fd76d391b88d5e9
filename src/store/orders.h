/* Supervision orders (store side): the order rows, their links to cases and findings, their
 * append-only timeline and attachments, gap-free 文号 numbers, lists and statistics. Rows are JSON
 * objects with the columns of migration 027 and `body` parsed; app/orders_log.c writes them with
 * their ledger events — the only writer. */
#ifndef ZF_STORE_ORDERS_H
#define ZF_STORE_ORDERS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

/* {id, kind, doc_no, agency, region, status, deadline_wd, issued_on, due_on, last_act_on, escalation,
 *  rounds, reminded, first_due_on, first_answered_on, accepted_on, late, body:{…}, case_nos:[…],
 *  finding_ids:[…], created_by, created_at, updated_at, agency_name, agency_region};
 * ZF_ERR 404 when absent. */
int store_order_get(Store *st, long long id, json_t **row, ZfError *err);
/* Inserts the row when it has no id (setting it, with its case and finding links, which never
 * change afterwards), else updates the mutable columns and body. agency_name/agency_region are
 * not stored. */
int store_order_put(Store *st, json_t *row, ZfError *err);

typedef struct {
    long long order_id;
    const char *time, *on, *user, *action, *from_status, *to_status, *note;
} OrderTimelineRow;
/* *id the new row's id. */
int store_order_timeline_add(Store *st, const OrderTimelineRow *row, long long *id, ZfError *err);
/* Oldest first: [{id, order_id, time, on, user, action, from_status, to_status, note}]. */
int store_order_timeline(Store *st, long long order_id, json_t **items, ZfError *err);

/* Every orders row, by id, as an order.put event logs it (store_order_get's shape without
 * agency_name/agency_region), and every order_timeline row, by id (store_order_timeline's shape),
 * for zhifa verify. Rows are valid during the callback only; a non-zero return stops the walk. */
typedef int (*OrderRowFn)(const json_t *row, void *ctx);
int store_orders_foreach(Store *st, OrderRowFn fn, void *ctx, ZfError *err);
int store_order_timeline_foreach(Store *st, OrderRowFn fn, void *ctx, ZfError *err);
/* The ids of the orders past draft that name case_no (order_cases), ascending: the supervision
 * of the case in its dossier. */
int store_orders_of_case(Store *st, const char *case_no, json_t **ids, ZfError *err);

/* Takes the next number of (region, year) and advances it; inside the issuing write transaction. */
int store_order_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err);

typedef struct OrderFilter {
    const char *status, *agency, *kind, *case_no, *q;
    long long finding_id;       /* 0 = any */
    const char *overdue_before; /* running and due before this date (YYYY-MM-DD); NULL = any */
    const char *const *statuses; /* NULL-terminated: one of these (the caller's to-do); NULL = any */
    bool issued_only;           /* drafts hidden (agency users) */
    const char *escalated;      /* "1": escalated at least once (the superior level knows), "0": never; NULL: any */
    /* data scope of the asking user, by the target agency (always applied) */
    const char *scope_agency, *scope_region_prefix;
    bool scope_nothing;
} OrderFilter;
/* Rows as store_order_get's, newest first: {"items","total","page","size"}. */
int store_orders_list(Store *st, const OrderFilter *f, int page, int size, json_t **out, ZfError *err);
/* Every order whose period runs (issued, received, returned), as rows, for the reminder run. */
int store_orders_running(Store *st, json_t **rows, ZfError *err);

typedef struct OrderStatsFilter {
    const char *from_month, *to_month; /* YYYY-MM of issue, inclusive; NULL = open */
    const char *agency;
    const char *scope_agency, *scope_region_prefix;
    bool scope_nothing;
} OrderStatsFilter;
/* Per agency and month of issue: {items:[{agency, agency_name, month, issued, answered_on_time,
 * overdue, returned, accepted, avg_days_to_accept}]}. */
int store_orders_stats(Store *st, const OrderStatsFilter *f, json_t **out, ZfError *err);

typedef struct {
    long long order_id;
    const char *purpose, *name, *mime, *sm3, *uploaded_by, *uploaded_at;
    long long size, ledger_seq;
} OrderAttachmentRow;
int store_order_attachment_add(Store *st, const OrderAttachmentRow *a, long long *id, ZfError *err);
/* [{id, order_id, purpose, name, media_type, size, sm3, ledger_seq, uploaded_by, uploaded_at}] */
int store_order_attachments(Store *st, long long order_id, json_t **items, ZfError *err);

/* The findings of `ids` (a JSON array of integers) that exist: [{id, rule, severity, subject_type,
 * subject, agency, message, law, due_on, resolved_at}] in the order of ids. */
int store_findings_by_ids(Store *st, const json_t *ids, json_t **items, ZfError *err);

#endif
