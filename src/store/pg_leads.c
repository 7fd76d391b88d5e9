/* PostgreSQL side of store/leads.h. A row is read as one json_build_object, of the same keys, key
 * order and types as SQLite's json_object (verify compares the stored rows with their ledger events,
 * pg_walks.c); scope is the lead's own region (its agency's for agency users). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/leads.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/pg_where.h"

#define ROW_JSON                                                                                                 \
    "json_build_object('id', l.id, 'source', l.source, 'source_ref', l.source_ref, 'status', l.status,"         \
    " 'received_at', l.received_at, 'region', l.region, 'agency', l.agency, 'case_no', l.case_no,"              \
    " 'category', l.category, 'dispatched_on', l.dispatched_on, 'due_on', l.due_on, 'answered_on', l.answered_on," \
    " 'last_act_on', l.last_act_on, 'order_id', l.order_id, 'duplicate_of', l.duplicate_of, 'body', l.body::json,"  \
    " 'created_by', l.created_by, 'created_at', l.created_at, 'updated_at', l.updated_at, 'agency_name', a.name)"
#define TIMELINE_JSON                                                                                          \
    "json_build_object('id', id, 'lead_id', lead_id, 'time', time, 'on', on_date, 'user', \"user\","          \
    " 'action', action, 'from_status', from_status, 'to_status', to_status, 'note', note)"
#define FROM "FROM leads l LEFT JOIN agencies a ON a.code = l.agency "

int pg_store_lead_get(Store *st, long long id, json_t **row, ZfError *err)
{
    char idt[24];
    PGresult *r = pg_query(st, "SELECT " ROW_JSON " " FROM "WHERE l.id = $1::bigint", PG_ARGS(pg_int(idt, id)), "leads",
                           err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    if (found) *row = pg_json_cell(r, 0, 0);
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "线索不存在");
}

int pg_store_lead_by_ref(Store *st, const char *source, const char *source_ref, long long *id, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT id FROM leads WHERE source = $1 AND source_ref = $2", PG_ARGS(source, source_ref),
                           "leads", err);
    if (!r) return ZF_ERR;
    *id = PQntuples(r) ? pg_ll(r, 0, 0) : 0;
    PQclear(r);
    return ZF_OK;
}

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* $1 … $15 in the order of COLUMNS; $16 the body, $17 order_id, $18 duplicate_of (as SQLite's ?n). */
static const char *const COLUMNS[] = {"source", "source_ref", "status", "received_at", "region", "agency", "case_no",
                                      "category", "dispatched_on", "due_on", "answered_on", "last_act_on",
                                      "created_by", "created_at", "updated_at"};

typedef struct {
    const char *v[19];
    char nums[3][24];
} LeadParams;

static void lead_params(LeadParams *p, const json_t *row, const char *body)
{
    memset(p, 0, sizeof *p);
    for (int i = 0; i < 15; i++) p->v[i] = str(row, COLUMNS[i]);
    p->v[15] = body;
    json_t *order = json_object_get(row, "order_id"), *dup = json_object_get(row, "duplicate_of");
    if (json_is_integer(order)) p->v[16] = pg_int(p->nums[0], json_integer_value(order));
    if (json_is_integer(dup)) p->v[17] = pg_int(p->nums[1], json_integer_value(dup));
}

int pg_store_lead_put(Store *st, json_t *row, ZfError *err)
{
    static const char *const INSERT =
        "INSERT INTO leads(source, source_ref, status, received_at, region, agency, case_no, category, dispatched_on,"
        " due_on, answered_on, last_act_on, created_by, created_at, updated_at, body, order_id, duplicate_of)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, ''), $9, $10, $11, $12, $13, $14, $15, $16,"
        " $17::bigint, $18::bigint) RETURNING id";
    /* what a lead came as (its source, number, time, author) never changes: passed, not written */
    static const char *const UPDATE =
        "UPDATE leads SET status = $3, region = $5, agency = $6, case_no = $7, category = coalesce($8, ''),"
        " dispatched_on = $9, due_on = $10, answered_on = $11, last_act_on = $12, updated_at = $15, body = $16,"
        " order_id = $17::bigint, duplicate_of = $18::bigint"
        " WHERE id = $19::bigint AND source = $1 AND source_ref IS NOT DISTINCT FROM $2::text AND received_at = $4"
        " AND created_by = $13 AND created_at = $14 RETURNING id";
    json_t *idv = json_object_get(row, "id");
    bool insert = !json_is_integer(idv);
    char *body = json_dumps(json_object_get(row, "body"), JSON_COMPACT | JSON_SORT_KEYS);
    if (!body) return zf_fail(err, 500, "internal", NULL, "线索内容无法保存");
    LeadParams p;
    lead_params(&p, row, body);
    if (!insert) p.v[18] = pg_int(p.nums[2], json_integer_value(idv));
    PGresult *r = pg_query(st, insert ? INSERT : UPDATE, insert ? 18 : 19, p.v, "leads", err);
    free(body);
    if (!r) return ZF_ERR;
    int changed = PQntuples(r);
    long long id = changed ? pg_ll(r, 0, 0) : 0;
    PQclear(r);
    if (!insert) return changed == 1 ? ZF_OK : zf_fail(err, 409, "conflict", NULL, "线索已被修改");
    json_object_set_new(row, "id", json_integer(id));
    return ZF_OK;
}

int pg_store_lead_timeline_add(Store *st, const LeadTimelineRow *t, long long *id, ZfError *err)
{
    char lid[24];
    PGresult *r = pg_query(st,
                           "INSERT INTO lead_timeline(lead_id, time, on_date, \"user\", action, from_status, to_status,"
                           " note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                           PG_ARGS(pg_int(lid, t->lead_id), t->time, t->on, t->user, t->action, t->from_status,
                                   t->to_status, t->note ? t->note : ""),
                           "lead_timeline", err);
    if (!r) return ZF_ERR;
    *id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_lead_timeline(Store *st, long long lead_id, json_t **items, ZfError *err)
{
    char lid[24];
    return pg_json_rows(st, "SELECT " TIMELINE_JSON " FROM lead_timeline WHERE lead_id = $1::bigint ORDER BY id",
                        PG_ARGS(pg_int(lid, lead_id)), "lead_timeline", items, err);
}

int pg_store_leads_of_agency_between(Store *st, const char *agency, const char *from, const char *to, int limit,
                                     json_t **items, ZfError *err)
{
    char lim[24];
    return pg_json_rows(st,
                        "SELECT " ROW_JSON " " FROM "WHERE l.agency = $1 AND l.received_at BETWEEN $2 AND $3"
                        " ORDER BY l.received_at DESC, l.id DESC LIMIT $4::bigint",
                        PG_ARGS(agency, from, to, pg_int(lim, limit)), "leads", items, err);
}

static void build_where(const LeadFilter *f, PgWhere *w)
{
    pg_where_init(w);
    if (f->scope_nothing) pg_where_fixed(w, "false");
    pg_where_text(w, "l.agency = ?", f->scope_agency);
    pg_where_prefix(w, "l.region", f->scope_region_prefix);
    if (f->dispatched_only) pg_where_fixed(w, "l.dispatched_on IS NOT NULL");
    pg_where_text(w, "l.source = ?", f->source);
    pg_where_text(w, "l.created_by = ?", f->created_by);
    pg_where_text(w, "l.status = ?", f->status);
    pg_where_text(w, "l.agency = ?", f->agency);
    if (f->overdue_before) pg_where_fixed(w, "l.status = 'dispatched'");
    pg_where_text(w, "l.due_on < ?", f->overdue_before);
    pg_where_text(w, "(strpos(coalesce(l.source_ref, ''), ?) > 0 OR strpos(l.body, ?) > 0)", f->q);
}

int pg_store_leads_list(Store *st, const LeadFilter *f, int page, int size, json_t **out, ZfError *err)
{
    PgWhere w;
    build_where(f, &w);
    long long total = pg_where_count(st, FROM, &w, "leads", err);
    if (total < 0) return ZF_ERR;
    return pg_where_page(st, "SELECT " ROW_JSON " " FROM, &w, "ORDER BY l.id DESC", page, size, total,
                         pg_where_json_row, "leads", out, err);
}

int pg_store_focus_counts(Store *st, int year, const char *scope_agency, const char *scope_region_prefix,
                          json_t **out, ZfError *err)
{
    /* one pass per source, summed per agency; a lead not taken up (rejected) counts for nothing */
    static const char *const SQL =
        "WITH y(p) AS (SELECT lpad($1::int::text, 4, '0')),"
        " l AS (SELECT agency,"
        "   sum((source NOT IN ('reconsideration', 'litigation'))::int) AS leads,"
        "   sum((source = 'reconsideration')::int) AS reconsideration, sum((source = 'litigation')::int) AS litigation"
        "   FROM leads, y WHERE agency IS NOT NULL AND substr(received_at, 1, 4) = y.p"
        "   AND coalesce(body::json #>> '{triage,result}', 'accepted') = 'accepted' GROUP BY agency),"
        " o AS (SELECT agency, count(*) AS orders, sum(late) AS overdue_orders FROM orders, y"
        "   WHERE substr(issued_on, 1, 4) = y.p GROUP BY agency),"
        " f AS (SELECT agency, count(*) AS violations FROM findings, y"
        "   WHERE severity = 'violation' AND substr(first_seen, 1, 4) = y.p GROUP BY agency),"
        " a AS (SELECT code, name, region FROM agencies"
        "   WHERE ($2::text IS NULL OR code = $2) AND ($3::text IS NULL OR starts_with(region, $3)))"
        " SELECT json_build_object('agency', a.code, 'agency_name', a.name, 'region', a.region,"
        "   'leads', coalesce(l.leads, 0), 'reconsideration', coalesce(l.reconsideration, 0),"
        "   'litigation', coalesce(l.litigation, 0), 'orders', coalesce(o.orders, 0),"
        "   'overdue_orders', coalesce(o.overdue_orders, 0), 'violations', coalesce(f.violations, 0))"
        " FROM a LEFT JOIN l ON l.agency = a.code LEFT JOIN o ON o.agency = a.code LEFT JOIN f ON f.agency = a.code"
        " WHERE l.agency IS NOT NULL OR o.agency IS NOT NULL OR f.agency IS NOT NULL ORDER BY a.code COLLATE \"C\"";
    char y[24];
    json_t *items;
    if (pg_json_rows(st, SQL, PG_ARGS(pg_int(y, year), scope_agency, scope_region_prefix), "focus", &items, err) != ZF_OK)
        return ZF_ERR;
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}
