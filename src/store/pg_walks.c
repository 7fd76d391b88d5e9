/* PostgreSQL side of the walks `zhifa verify` makes over the logged tables (ledger/verify.c
 * LOGGED_TABLES): orders and their timeline, leads and theirs, review plans/items/tasks/defenses,
 * delivery consents and deliveries. Each row has exactly the shape, key order and types of the
 * SQLite backend's (json_object there, json_build_object here), since verify compares it with the
 * ledger event that logged it. The other operations on these tables are not ported yet. */
#include <stdio.h>

#include "store/deliveries.h"
#include "store/leads.h"
#include "store/orders.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/reviews.h"

static int walk(Store *st, const char *sql, const char *what, int (*fn)(const json_t *row, void *ctx), void *ctx,
                ZfError *err)
{
    PGresult *r = pg_query(st, sql, PG_NOARGS, what, err);
    if (!r) return ZF_ERR;
    for (int i = 0, stop = 0; i < PQntuples(r) && !stop; i++) {
        json_t *row = pg_json_cell(r, i, 0);
        stop = fn(row, ctx);
        json_decref(row);
    }
    PQclear(r);
    return ZF_OK;
}

int pg_store_orders_foreach(Store *st, OrderRowFn fn, void *ctx, ZfError *err)
{
    return walk(st,
                "SELECT json_build_object('id', o.id, 'kind', o.kind, 'doc_no', o.doc_no, 'agency', o.agency,"
                " 'region', o.region, 'status', o.status, 'deadline_wd', o.deadline_wd, 'issued_on', o.issued_on,"
                " 'due_on', o.due_on, 'last_act_on', o.last_act_on, 'escalation', o.escalation, 'rounds', o.rounds,"
                " 'reminded', o.reminded, 'first_due_on', o.first_due_on, 'first_answered_on', o.first_answered_on,"
                " 'accepted_on', o.accepted_on, 'late', o.late, 'body', o.body::json,"
                " 'case_nos', (SELECT coalesce(json_agg(case_no ORDER BY case_no COLLATE \"C\"), '[]')"
                "              FROM order_cases WHERE order_id = o.id),"
                " 'finding_ids', (SELECT coalesce(json_agg(finding_id ORDER BY finding_id), '[]')"
                "                 FROM order_findings WHERE order_id = o.id),"
                " 'created_by', o.created_by, 'created_at', o.created_at, 'updated_at', o.updated_at)"
                " FROM orders o ORDER BY o.id",
                "orders", fn, ctx, err);
}

int pg_store_order_timeline_foreach(Store *st, OrderRowFn fn, void *ctx, ZfError *err)
{
    return walk(st,
                "SELECT json_build_object('id', id, 'order_id', order_id, 'time', time, 'on', on_date, 'user', \"user\","
                " 'action', action, 'from_status', from_status, 'to_status', to_status, 'note', note)"
                " FROM order_timeline ORDER BY id",
                "order_timeline", fn, ctx, err);
}

int pg_store_leads_foreach(Store *st, LeadRowFn fn, void *ctx, ZfError *err)
{
    return walk(st,
                "SELECT json_build_object('id', l.id, 'source', l.source, 'source_ref', l.source_ref,"
                " 'status', l.status, 'received_at', l.received_at, 'region', l.region, 'agency', l.agency,"
                " 'case_no', l.case_no, 'category', l.category, 'dispatched_on', l.dispatched_on, 'due_on', l.due_on,"
                " 'answered_on', l.answered_on, 'last_act_on', l.last_act_on, 'order_id', l.order_id,"
                " 'duplicate_of', l.duplicate_of, 'body', l.body::json, 'created_by', l.created_by,"
                " 'created_at', l.created_at, 'updated_at', l.updated_at) FROM leads l ORDER BY l.id",
                "leads", fn, ctx, err);
}

int pg_store_lead_timeline_foreach(Store *st, LeadRowFn fn, void *ctx, ZfError *err)
{
    return walk(st,
                "SELECT json_build_object('id', id, 'lead_id', lead_id, 'time', time, 'on', on_date, 'user', \"user\","
                " 'action', action, 'from_status', from_status, 'to_status', to_status, 'note', note)"
                " FROM lead_timeline ORDER BY id",
                "lead_timeline", fn, ctx, err);
}

int pg_store_review_foreach(Store *st, ReviewTable t, ReviewRowFn fn, void *ctx, ZfError *err)
{
    static const char *const sql[] = {
        [REVIEW_PLAN] = "SELECT json_build_object('id', id, 'region', region, 'status', status, 'created_by', created_by,"
                        " 'body', body::json) FROM review_plans ORDER BY id",
        [REVIEW_ITEM] = "SELECT json_build_object('id', id, 'plan_id', plan_id, 'case_no', case_no, 'agency', agency,"
                        " 'status', status, 'body', body::json) FROM review_items ORDER BY id",
        [REVIEW_TASK] = "SELECT json_build_object('id', id, 'plan_id', plan_id, 'item_id', item_id, 'case_no', case_no,"
                        " 'reviewer', reviewer, 'status', status, 'body', body::json) FROM review_tasks ORDER BY id",
        [REVIEW_DEFENSE] = "SELECT json_build_object('id', id, 'plan_id', plan_id, 'item_id', item_id, 'agency', agency,"
                           " 'body', body::json) FROM review_defenses ORDER BY id",
    };
    return walk(st, sql[t], "reviews", fn, ctx, err);
}

int pg_store_delivery_foreach(Store *st, DeliveryTable t, DeliveryRowFn fn, void *ctx, ZfError *err)
{
    static const char *const sql[] = {
        [DELIVERY_CONSENT] = "SELECT json_build_object('id', id, 'case_no', case_no, 'agency', agency, 'body', body::json)"
                             " FROM delivery_consents ORDER BY id",
        [DELIVERY_ROW] = "SELECT json_build_object('id', id, 'case_no', case_no, 'agency', agency, 'channel', channel,"
                         " 'status', status, 'token_hash', token_hash, 'body', body::json) FROM deliveries ORDER BY id",
    };
    return walk(st, sql[t], "deliveries", fn, ctx, err);
}
