/* PostgreSQL side of store/orders.h. A row is read as one json_build_object, of the same keys, key
 * order and types as SQLite's json_object (verify compares the stored rows with their ledger events,
 * pg_walks.c); scope is the target agency's stored region. The 文号 counter is one row per issuing
 * region and year, locked by the upsert that takes the next number until the transaction ends: two
 * servers issuing at once take 1, 2 … in turn, and a rolled-back issue gives its number back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/orders.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/pg_where.h"

/* The row as the orders table and its links hold it: what an order.put event logs. */
#define STORED_FIELDS                                                                                           \
    "'id', o.id, 'kind', o.kind, 'doc_no', o.doc_no, 'agency', o.agency, 'region', o.region,"                  \
    " 'status', o.status, 'deadline_wd', o.deadline_wd, 'issued_on', o.issued_on, 'due_on', o.due_on,"         \
    " 'last_act_on', o.last_act_on, 'escalation', o.escalation, 'rounds', o.rounds, 'reminded', o.reminded,"   \
    " 'first_due_on', o.first_due_on, 'first_answered_on', o.first_answered_on, 'accepted_on', o.accepted_on," \
    " 'late', o.late, 'body', o.body::json,"                                                                   \
    " 'case_nos', (SELECT coalesce(json_agg(case_no ORDER BY case_no COLLATE \"C\"), '[]')"                    \
    "              FROM order_cases WHERE order_id = o.id),"                                                    \
    " 'finding_ids', (SELECT coalesce(json_agg(finding_id ORDER BY finding_id), '[]')"                         \
    "                 FROM order_findings WHERE order_id = o.id),"                                              \
    " 'created_by', o.created_by, 'created_at', o.created_at, 'updated_at', o.updated_at"
#define ROW_JSON "json_build_object(" STORED_FIELDS ", 'agency_name', a.name, 'agency_region', a.region)"
#define TIMELINE_JSON                                                                                          \
    "json_build_object('id', id, 'order_id', order_id, 'time', time, 'on', on_date, 'user', \"user\","        \
    " 'action', action, 'from_status', from_status, 'to_status', to_status, 'note', note)"
#define FROM "FROM orders o LEFT JOIN agencies a ON a.code = o.agency "
#define RUNNING "('issued', 'received', 'returned')"

int pg_store_order_get(Store *st, long long id, json_t **row, ZfError *err)
{
    char idt[24];
    PGresult *r = pg_query(st, "SELECT " ROW_JSON " " FROM "WHERE o.id = $1::bigint", PG_ARGS(pg_int(idt, id)),
                           "orders", err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    if (found) *row = pg_json_cell(r, 0, 0);
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "监督文书不存在");
}

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The parameters an insert and an update share, $1 … $20 (as SQLite's ?1 … ?20). */
typedef struct {
    const char *v[21];
    char nums[5][24];
} OrderParams;

static void order_params(OrderParams *p, const json_t *row, const char *body)
{
    static const char *const texts[] = {"kind", "doc_no", "agency", "region", "status", NULL, "issued_on", "due_on",
                                        "last_act_on"};
    memset(p, 0, sizeof *p);
    for (int i = 0; i < 9; i++)
        if (texts[i]) p->v[i] = str(row, texts[i]);
    json_t *late = json_object_get(row, "late");
    p->v[5] = pg_int(p->nums[0], json_integer_value(json_object_get(row, "deadline_wd")));
    p->v[9] = pg_int(p->nums[1], json_integer_value(json_object_get(row, "escalation")));
    p->v[10] = pg_int(p->nums[2], json_integer_value(json_object_get(row, "rounds")));
    p->v[11] = str(row, "reminded") ? str(row, "reminded") : "";
    p->v[12] = str(row, "first_due_on");
    p->v[13] = str(row, "first_answered_on");
    p->v[14] = str(row, "accepted_on");
    p->v[15] = pg_int(p->nums[3], json_is_true(late) || json_integer_value(late));
    p->v[16] = body;
    p->v[17] = str(row, "created_by");
    p->v[18] = str(row, "created_at");
    p->v[19] = str(row, "updated_at");
}

/* A list of the row as JSON text ("[]" when absent). */
static char *json_list(const json_t *row, const char *k)
{
    json_t *v = json_object_get(row, k);
    return json_is_array(v) ? json_dumps(v, JSON_COMPACT) : strdup("[]");
}

/* The case and finding links, written once with the new order. */
static int insert_links(Store *st, long long id, const json_t *row, ZfError *err)
{
    char idt[24];
    char *cases = json_list(row, "case_nos"), *findings = json_list(row, "finding_ids");
    int rc = cases && findings ? ZF_OK : zf_fail(err, 500, "internal", NULL, "监督文书内容无法保存");
    if (rc == ZF_OK)
        rc = pg_exec(st,
                     "INSERT INTO order_cases(order_id, case_no) SELECT $1::bigint, v.x"
                     " FROM json_array_elements_text($2::json) AS v(x) ON CONFLICT DO NOTHING",
                     PG_ARGS(pg_int(idt, id), cases), "order_links", NULL, err);
    if (rc == ZF_OK)
        rc = pg_exec(st,
                     "INSERT INTO order_findings(order_id, finding_id) SELECT $1::bigint, v.x::bigint"
                     " FROM json_array_elements_text($2::json) AS v(x) ON CONFLICT DO NOTHING",
                     PG_ARGS(idt, findings), "order_links", NULL, err);
    free(cases);
    free(findings);
    return rc;
}

int pg_store_order_put(Store *st, json_t *row, ZfError *err)
{
    static const char *const INSERT =
        "INSERT INTO orders(kind, doc_no, agency, region, status, deadline_wd, issued_on, due_on, last_act_on,"
        " escalation, rounds, reminded, first_due_on, first_answered_on, accepted_on, late, body, created_by,"
        " created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,"
        " $17, $18, $19, $20) RETURNING id";
    /* kind, agency, region, created_* never change: passed but not written */
    static const char *const UPDATE =
        "UPDATE orders SET doc_no = $2, status = $5, deadline_wd = $6, issued_on = $7, due_on = $8,"
        " last_act_on = $9, escalation = $10, rounds = $11, reminded = $12, first_due_on = $13,"
        " first_answered_on = $14, accepted_on = $15, late = $16, body = $17, updated_at = $20"
        " WHERE id = $21::bigint AND kind = $1 AND agency = $3 AND region = $4 AND created_by = $18"
        " AND created_at = $19 RETURNING id";
    json_t *idv = json_object_get(row, "id");
    bool insert = !json_is_integer(idv);
    char *body = json_dumps(json_object_get(row, "body"), JSON_COMPACT | JSON_SORT_KEYS);
    if (!body) return zf_fail(err, 500, "internal", NULL, "监督文书内容无法保存");
    OrderParams p;
    char idt[24];
    order_params(&p, row, body);
    p.v[20] = insert ? NULL : pg_int(idt, json_integer_value(idv));
    PGresult *r = pg_query(st, insert ? INSERT : UPDATE, insert ? 20 : 21, p.v, "orders", err);
    free(body);
    if (!r) return ZF_ERR;
    int changed = PQntuples(r);
    long long id = changed ? pg_ll(r, 0, 0) : 0;
    PQclear(r);
    if (!insert) return changed == 1 ? ZF_OK : zf_fail(err, 409, "conflict", NULL, "监督文书已被修改");
    json_object_set_new(row, "id", json_integer(id));
    return insert_links(st, id, row, err);
}

int pg_store_order_timeline_add(Store *st, const OrderTimelineRow *t, long long *id, ZfError *err)
{
    char oid[24];
    PGresult *r = pg_query(st,
                           "INSERT INTO order_timeline(order_id, time, on_date, \"user\", action, from_status, to_status,"
                           " note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                           PG_ARGS(pg_int(oid, t->order_id), t->time, t->on, t->user, t->action, t->from_status,
                                   t->to_status, t->note ? t->note : ""),
                           "order_timeline", err);
    if (!r) return ZF_ERR;
    *id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_order_timeline(Store *st, long long order_id, json_t **items, ZfError *err)
{
    char oid[24];
    return pg_json_rows(st, "SELECT " TIMELINE_JSON " FROM order_timeline WHERE order_id = $1::bigint ORDER BY id",
                        PG_ARGS(pg_int(oid, order_id)), "order_timeline", items, err);
}

int pg_store_orders_of_case(Store *st, const char *case_no, json_t **ids, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT c.order_id FROM order_cases c JOIN orders o ON o.id = c.order_id"
                           " WHERE c.case_no = $1 AND o.status <> 'draft' ORDER BY c.order_id",
                           PG_ARGS(case_no), "order_cases", err);
    if (!r) return ZF_ERR;
    json_t *out = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(out, json_integer(pg_ll(r, i, 0)));
    PQclear(r);
    *ids = out;
    return ZF_OK;
}

int pg_store_order_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err)
{
    char y[24];
    PGresult *r = pg_query(st,
                           "INSERT INTO order_doc_seq AS s (region, year, seq) VALUES ($1, $2, 1)"
                           " ON CONFLICT (region, year) DO UPDATE SET seq = s.seq + 1 RETURNING seq",
                           PG_ARGS(region, pg_int(y, year)), "order_doc_seq", err);
    if (!r) return ZF_ERR;
    *seq = (long)pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

/* The region through the agency's row, as on SQLite. */
static void scope_where(PgWhere *w, bool nothing, const char *agency, const char *region_prefix)
{
    if (nothing) pg_where_fixed(w, "false");
    pg_where_text(w, "o.agency = ?", agency);
    pg_where_prefix(w, "a.region", region_prefix);
}

/* "o.status IN ('', 'a', 'b')": the codes come from the domain's table, never from input. */
static void statuses_where(PgWhere *w, const char *const *statuses)
{
    char in[160] = "o.status IN (''";
    for (int i = 0; statuses[i] && i < 6; i++) {
        if (strspn(statuses[i], "abcdefghijklmnopqrstuvwxyz_") != strlen(statuses[i])) continue;
        snprintf(in + strlen(in), sizeof in - strlen(in), ", '%s'", statuses[i]);
    }
    snprintf(in + strlen(in), sizeof in - strlen(in), ")");
    pg_where_fixed(w, in);
}

static void build_where(const OrderFilter *f, PgWhere *w)
{
    pg_where_init(w);
    scope_where(w, f->scope_nothing, f->scope_agency, f->scope_region_prefix);
    if (f->issued_only) pg_where_fixed(w, "o.status <> 'draft'");
    pg_where_text(w, "o.status = ?", f->status);
    pg_where_text(w, "o.agency = ?", f->agency);
    pg_where_text(w, "o.kind = ?", f->kind);
    pg_where_text(w, "o.id IN (SELECT order_id FROM order_cases WHERE case_no = ?)", f->case_no);
    pg_where_num(w, "o.id IN (SELECT order_id FROM order_findings WHERE finding_id = ?)",
                 f->finding_id > 0 ? f->finding_id : -1);
    if (f->escalated) pg_where_fixed(w, strcmp(f->escalated, "1") == 0 ? "o.escalation > 0" : "o.escalation = 0");
    if (f->overdue_before) pg_where_fixed(w, "o.status IN " RUNNING);
    pg_where_text(w, "o.due_on < ?", f->overdue_before);
    if (f->statuses) statuses_where(w, f->statuses);
    /* the body's stored text (raw UTF-8, as on SQLite) and the agencies' names taken once */
    pg_where_text(w,
                  "(strpos(coalesce(o.doc_no, ''), ?) > 0 OR strpos(o.body, ?) > 0"
                  " OR o.agency IN (SELECT code FROM agencies WHERE strpos(name, ?) > 0))",
                  f->q);
}

int pg_store_orders_list(Store *st, const OrderFilter *f, int page, int size, json_t **out, ZfError *err)
{
    PgWhere w;
    build_where(f, &w);
    long long total = pg_where_count(st, FROM, &w, "orders", err);
    if (total < 0) return ZF_ERR;
    return pg_where_page(st, "SELECT " ROW_JSON " " FROM, &w, "ORDER BY o.id DESC", page, size, total,
                         pg_where_json_row, "orders", out, err);
}

int pg_store_orders_running(Store *st, json_t **rows, ZfError *err)
{
    return pg_json_rows(st, "SELECT " ROW_JSON " " FROM "WHERE o.status IN " RUNNING " ORDER BY o.id", PG_NOARGS,
                        "orders", rows, err);
}

int pg_store_orders_stats(Store *st, const OrderStatsFilter *f, json_t **out, ZfError *err)
{
    PgWhere w;
    char sql[4096];
    pg_where_init(&w);
    scope_where(&w, f->scope_nothing, f->scope_agency, f->scope_region_prefix);
    pg_where_fixed(&w, "o.issued_on IS NOT NULL");
    pg_where_text(&w, "o.agency = ?", f->agency);
    pg_where_text(&w, "substr(o.issued_on, 1, 7) >= ?", f->from_month);
    pg_where_text(&w, "substr(o.issued_on, 1, 7) <= ?", f->to_month);
    /* SQLite's sum() of a condition counts its true rows (NULL when every row's is NULL): the same
     * with the condition as an integer; julianday differences of dates are whole days */
    snprintf(sql, sizeof sql,
             "SELECT json_build_object('agency', o.agency, 'agency_name', min(a.name), 'month', substr(o.issued_on, 1, 7),"
             " 'issued', count(*),"
             " 'answered_on_time', sum((o.first_answered_on IS NOT NULL AND o.first_answered_on <= o.first_due_on)::int),"
             " 'overdue', sum(o.late), 'returned', sum((o.rounds > 0)::int),"
             " 'accepted', sum((o.status = 'accepted')::int),"
             " 'avg_days_to_accept', round(avg(substr(o.accepted_on, 1, 10)::date - substr(o.issued_on, 1, 10)::date), 1)) "
             FROM "%s GROUP BY o.agency, substr(o.issued_on, 1, 7)"
             " ORDER BY substr(o.issued_on, 1, 7) DESC, o.agency COLLATE \"C\"",
             w.sql);
    json_t *items;
    if (pg_json_rows(st, sql, w.n, w.params, "orders", &items, err) != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}
