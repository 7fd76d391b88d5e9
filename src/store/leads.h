/* Supervision leads (store side): the lead rows, their append-only timeline, lists. Rows are JSON
 * objects with the columns of migration 031 and `body` parsed; app/leads_log.c writes them with their
 * ledger events — the only writer. */
#ifndef ZF_STORE_LEADS_H
#define ZF_STORE_LEADS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

/* {id, source, source_ref, status, received_at, region, agency, case_no, category, dispatched_on, due_on,
 *  answered_on, last_act_on, order_id, duplicate_of, body:{…}, created_by, created_at, updated_at,
 *  agency_name}; ZF_ERR 404 when absent. */
int store_lead_get(Store *st, long long id, json_t **row, ZfError *err);
/* The lead of (source, source_ref); *id = 0 when none. */
int store_lead_by_ref(Store *st, const char *source, const char *source_ref, long long *id, ZfError *err);
/* Inserts the row when it has no id (setting it), else updates it (source, source_ref, received_at,
 * created_* never change). agency_name is not stored. */
int store_lead_put(Store *st, json_t *row, ZfError *err);

typedef struct {
    long long lead_id;
    const char *time, *on, *user, *action, *from_status, *to_status, *note;
} LeadTimelineRow;
int store_lead_timeline_add(Store *st, const LeadTimelineRow *row, long long *id, ZfError *err);
/* Oldest first: [{id, lead_id, time, on, user, action, from_status, to_status, note}]. */
int store_lead_timeline(Store *st, long long lead_id, json_t **items, ZfError *err);

/* A lead's photo (migration 035), append-only: the file is in the ledger's file store under sm3. */
typedef struct {
    long long lead_id;
    const char *name, *mime, *sm3, *uploaded_by, *uploaded_at;
    long long size, ledger_seq;
} LeadPhotoRow;
int store_lead_photo_add(Store *st, const LeadPhotoRow *p, long long *id, ZfError *err);
/* Oldest first: [{id, lead_id, name, media_type, size, sm3, ledger_seq, uploaded_by, uploaded_at}]. */
int store_lead_photos(Store *st, long long lead_id, json_t **items, ZfError *err);

/* Every leads row, by id, as a lead.put event logs it (without agency_name), and every lead_timeline
 * row, by id, for zhifa verify. Rows are valid during the callback only; non-zero stops the walk. */
typedef int (*LeadRowFn)(const json_t *row, void *ctx);
int store_leads_foreach(Store *st, LeadRowFn fn, void *ctx, ZfError *err);
int store_lead_timeline_foreach(Store *st, LeadRowFn fn, void *ctx, ZfError *err);

/* The leads of `agency` received from `from` to `to` (received_at text, both included), newest
 * first, at most `limit`, as store_lead_get's rows — the candidates a lead may repeat (index
 * leads_by_agency_received). */
int store_leads_of_agency_between(Store *st, const char *agency, const char *from, const char *to, int limit,
                                  json_t **items, ZfError *err);

typedef struct LeadFilter {
    const char *source, *status, *agency, *q;
    const char *overdue_before; /* dispatched and due before this date; NULL = any */
    /* data scope: region users by the lead's region; agency users by the lead's agency, dispatched ones only */
    const char *scope_agency, *scope_region_prefix;
    bool scope_nothing, dispatched_only;
    const char *created_by;     /* an observer's own leads (GET /observations); NULL = anyone's */
} LeadFilter;
/* Rows as store_lead_get's, newest first: {"items","total","page","size"}. */
int store_leads_list(Store *st, const LeadFilter *f, int page, int size, json_t **out, ZfError *err);

/* The cases with a `revocation` (a reconsideration or litigation outcome) changed at or after `since`
 * ("" = all): {case_no, agency, revocation (JSON object), updated_at} in updated_at order, to fn
 * (non-zero stops). The mark of the last run is kept by outcome_scan_get/_set. */
typedef int (*CaseOutcomeFn)(const json_t *row, void *ctx);
int store_case_outcomes_since(Store *st, const char *since, CaseOutcomeFn fn, void *ctx, ZfError *err);
int store_outcome_scan_get(Store *st, char mark[32], ZfError *err);
int store_outcome_scan_set(Store *st, const char *mark, ZfError *err);

/* 重点督查对象: per agency in the scope, what the year brought — leads taken up (other than
 * reconsideration and litigation), reconsideration and litigation leads, orders issued, orders ever
 * overdue, violation findings first seen: {items:[{agency, agency_name, region, leads, reconsideration,
 * litigation, orders, overdue_orders, violations}]} (agencies with none left out). */
int store_focus_counts(Store *st, int year, const char *scope_agency, const char *scope_region_prefix, json_t **out,
                       ZfError *err);

#endif
