/* SQLite side of store/orders.h. A row is read as one json_object() built by SQLite, so the get,
 * the lists and the reminder run share its shape; scope is the target agency's stored region. */
#include "store/orders.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/sqlite_where.h"

/* The row as the orders table and its links hold it: what an order.put event logs. */
#define STORED_FIELDS                                                                                          \
    "'id', o.id, 'kind', o.kind, 'doc_no', o.doc_no, 'agency', o.agency, 'region', o.region,"                 \
    " 'status', o.status, 'deadline_wd', o.deadline_wd, 'issued_on', o.issued_on, 'due_on', o.due_on,"        \
    " 'last_act_on', o.last_act_on, 'escalation', o.escalation, 'rounds', o.rounds, 'reminded', o.reminded,"  \
    " 'first_due_on', o.first_due_on, 'first_answered_on', o.first_answered_on, 'accepted_on', o.accepted_on," \
    " 'late', o.late, 'body', json(o.body),"                                                                  \
    " 'case_nos', (SELECT json_group_array(case_no) FROM order_cases WHERE order_id = o.id),"                  \
    " 'finding_ids', (SELECT json_group_array(finding_id) FROM order_findings WHERE order_id = o.id),"        \
    " 'created_by', o.created_by, 'created_at', o.created_at, 'updated_at', o.updated_at"
#define ROW_JSON "json_object(" STORED_FIELDS ", 'agency_name', a.name, 'agency_region', a.region)"
#define TIMELINE_JSON                                                                                          \
    "json_object('id', id, 'order_id', order_id, 'time', time, 'on', on_date, 'user', user, 'action', action," \
    " 'from_status', from_status, 'to_status', to_status, 'note', note)"
#define FROM "FROM orders o LEFT JOIN agencies a ON a.code = o.agency "
#define RUNNING "('issued', 'received', 'returned')"

int sqlite_store_order_get(Store *st, long long id, json_t **row, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " ROW_JSON " " FROM "WHERE o.id = ?1", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = sqlite_json_row(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "监督文书不存在");
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "orders");
}

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* Binds the columns an insert and an update share, ?1 … ?16. */
static void bind_columns(sqlite3_stmt *q, const json_t *row, const char *body)
{
    static const char *const texts[] = {"kind", "doc_no", "agency", "region", "status", NULL, "issued_on", "due_on",
                                        "last_act_on"};
    for (int i = 0; i < 9; i++)
        if (texts[i]) sqlite_bind_opt(q, i + 1, str(row, texts[i]));
    sqlite3_bind_int64(q, 6, json_integer_value(json_object_get(row, "deadline_wd")));
    sqlite3_bind_int64(q, 10, json_integer_value(json_object_get(row, "escalation")));
    sqlite3_bind_int64(q, 11, json_integer_value(json_object_get(row, "rounds")));
    sqlite3_bind_text(q, 12, str(row, "reminded") ? str(row, "reminded") : "", -1, SQLITE_TRANSIENT);
    sqlite_bind_opt(q, 13, str(row, "first_due_on"));
    sqlite_bind_opt(q, 14, str(row, "first_answered_on"));
    sqlite_bind_opt(q, 15, str(row, "accepted_on"));
    sqlite3_bind_int(q, 16, json_is_true(json_object_get(row, "late")) || json_integer_value(json_object_get(row, "late")));
    sqlite3_bind_text(q, 17, body, -1, SQLITE_STATIC);
    sqlite_bind_opt(q, 18, str(row, "created_by"));
    sqlite_bind_opt(q, 19, str(row, "created_at"));
    sqlite_bind_opt(q, 20, str(row, "updated_at"));
}

static int insert_links(Store *st, long long id, const json_t *row, ZfError *err)
{
    sqlite3_stmt *c, *f;
    if (sqlite_prepare(st, "INSERT OR IGNORE INTO order_cases(order_id, case_no) VALUES (?1, ?2)", &c, err) != ZF_OK)
        return ZF_ERR;
    if (sqlite_prepare(st, "INSERT OR IGNORE INTO order_findings(order_id, finding_id) VALUES (?1, ?2)", &f, err) !=
        ZF_OK)
        return sqlite3_finalize(c), ZF_ERR;
    size_t i;
    json_t *v;
    int rc = SQLITE_DONE;
    json_array_foreach(json_object_get(row, "case_nos"), i, v) {
        if (rc != SQLITE_DONE) break;
        sqlite3_reset(c);
        sqlite3_bind_int64(c, 1, id);
        sqlite3_bind_text(c, 2, json_string_value(v), -1, SQLITE_STATIC);
        rc = sqlite3_step(c);
    }
    json_array_foreach(json_object_get(row, "finding_ids"), i, v) {
        if (rc != SQLITE_DONE) break;
        sqlite3_reset(f);
        sqlite3_bind_int64(f, 1, id);
        sqlite3_bind_int64(f, 2, json_integer_value(v));
        rc = sqlite3_step(f);
    }
    sqlite3_finalize(c);
    sqlite3_finalize(f);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "order_links");
}

int sqlite_store_order_put(Store *st, json_t *row, ZfError *err)
{
    static const char *const INSERT =
        "INSERT INTO orders(kind, doc_no, agency, region, status, deadline_wd, issued_on, due_on, last_act_on,"
        " escalation, rounds, reminded, first_due_on, first_answered_on, accepted_on, late, body, created_by,"
        " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
        " ?17, ?18, ?19, ?20)";
    /* kind, agency, region, created_* never change: bound but not written */
    static const char *const UPDATE =
        "UPDATE orders SET doc_no = ?2, status = ?5, deadline_wd = ?6, issued_on = ?7, due_on = ?8,"
        " last_act_on = ?9, escalation = ?10, rounds = ?11, reminded = ?12, first_due_on = ?13,"
        " first_answered_on = ?14, accepted_on = ?15, late = ?16, body = ?17, updated_at = ?20"
        " WHERE id = ?21 AND kind = ?1 AND agency = ?3 AND region = ?4 AND created_by = ?18 AND created_at = ?19";
    json_t *idv = json_object_get(row, "id");
    bool insert = !json_is_integer(idv);
    char *body = json_dumps(json_object_get(row, "body"), JSON_COMPACT | JSON_SORT_KEYS);
    sqlite3_stmt *q;
    if (!body) return zf_fail(err, 500, "internal", NULL, "监督文书内容无法保存");
    if (sqlite_prepare(st, insert ? INSERT : UPDATE, &q, err) != ZF_OK) return free(body), ZF_ERR;
    bind_columns(q, row, body);
    if (!insert) sqlite3_bind_int64(q, 21, json_integer_value(idv));
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    free(body);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "orders");
    if (!insert) return sqlite3_changes(st->db) == 1 ? ZF_OK : zf_fail(err, 409, "conflict", NULL, "监督文书已被修改");
    long long id = sqlite3_last_insert_rowid(st->db);
    json_object_set_new(row, "id", json_integer(id));
    return insert_links(st, id, row, err);
}

int sqlite_store_order_timeline_add(Store *st, const OrderTimelineRow *r, long long *id, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "INSERT INTO order_timeline(order_id, time, on_date, user, action, from_status, to_status, note)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, r->order_id);
    const char *texts[] = {r->time, r->on, r->user, r->action, r->from_status, r->to_status};
    for (int i = 0; i < 6; i++) sqlite_bind_opt(q, i + 2, texts[i]);
    sqlite3_bind_text(q, 8, r->note ? r->note : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "order_timeline");
    *id = sqlite3_last_insert_rowid(st->db);
    return ZF_OK;
}

int sqlite_store_order_timeline(Store *st, long long order_id, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " TIMELINE_JSON " FROM order_timeline WHERE order_id = ?1 ORDER BY id", &q, err) !=
        ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, order_id);
    return sqlite_json_rows(st, q, "order_timeline", items, err);
}

/* Calls fn with each row of sql (one JSON text column), valid during the call; a non-zero return
 * stops the walk. */
static int foreach_row(Store *st, const char *sql, const char *what, OrderRowFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    return sqlite_prepare(st, sql, &q, err) == ZF_OK ? sqlite_json_foreach(st, q, what, fn, ctx, err) : ZF_ERR;
}

int sqlite_store_orders_foreach(Store *st, OrderRowFn fn, void *ctx, ZfError *err)
{
    return foreach_row(st, "SELECT json_object(" STORED_FIELDS ") FROM orders o ORDER BY o.id", "orders", fn, ctx, err);
}

int sqlite_store_order_timeline_foreach(Store *st, OrderRowFn fn, void *ctx, ZfError *err)
{
    return foreach_row(st, "SELECT " TIMELINE_JSON " FROM order_timeline ORDER BY id", "order_timeline", fn, ctx, err);
}

int sqlite_store_orders_of_case(Store *st, const char *case_no, json_t **ids, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT c.order_id FROM order_cases c JOIN orders o ON o.id = c.order_id"
                       " WHERE c.case_no = ?1 AND o.status <> 'draft' ORDER BY c.order_id",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    json_t *out = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) json_array_append_new(out, json_integer(sqlite3_column_int64(q, 0)));
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return json_decref(out), sqlite_fail(st, err, "order_cases");
    *ids = out;
    return ZF_OK;
}

int sqlite_store_order_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "INSERT INTO order_doc_seq(region, year, seq) VALUES (?1, ?2, 1)"
                       " ON CONFLICT(region, year) DO UPDATE SET seq = seq + 1 RETURNING seq",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, region, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, year);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *seq = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "order_doc_seq");
}

/* The region through the agency's row (a primary-key lookup per order): measured at 100,000 orders
 * it beats `agency IN (SELECT … region …)`, whose list check costs more than the lookup. */
static void scope_where(SqlWhere *w, bool nothing, const char *agency, const char *region_prefix)
{
    if (nothing) sql_where_fixed(w, "0");
    sql_where_text(w, "o.agency = ?", agency);
    sql_where_prefix(w, "a.region", region_prefix);
}

static void build_where(const OrderFilter *f, SqlWhere *w)
{
    sql_where_init(w);
    scope_where(w, f->scope_nothing, f->scope_agency, f->scope_region_prefix);
    if (f->issued_only) sql_where_fixed(w, "o.status <> 'draft'");
    sql_where_text(w, "o.status = ?", f->status);
    sql_where_text(w, "o.agency = ?", f->agency);
    sql_where_text(w, "o.kind = ?", f->kind);
    sql_where_text(w, "o.id IN (SELECT order_id FROM order_cases WHERE case_no = ?)", f->case_no);
    sql_where_num(w, "o.id IN (SELECT order_id FROM order_findings WHERE finding_id = ?)",
                  f->finding_id > 0 ? f->finding_id : -1);
    if (f->escalated) sql_where_fixed(w, strcmp(f->escalated, "1") == 0 ? "o.escalation > 0" : "o.escalation = 0");
    if (f->overdue_before) sql_where_fixed(w, "o.status IN " RUNNING);
    sql_where_text(w, "o.due_on < ?", f->overdue_before);
    if (f->statuses) {
        char in[160] = "o.status IN ('', ";
        for (int i = 0; f->statuses[i] && i < 6; i++) {
            strncat(in, "'", sizeof in - strlen(in) - 1);
            strncat(in, f->statuses[i], sizeof in - strlen(in) - 1); /* codes of the domain's table, not input */
            strncat(in, "', ", sizeof in - strlen(in) - 1);
        }
        in[strlen(in) - 2] = ')';
        in[strlen(in) - 1] = '\0';
        sql_where_fixed(w, in);
    }
    /* the body's stored text, not json_extract: the document's words (problem, measures, answers) are
     * raw UTF-8 there, and a scan of the text is several times cheaper than parsing each body */
    sql_where_text_n(w,
                     "(instr(coalesce(o.doc_no, ''), ?) > 0 OR instr(o.body, ?) > 0"
                     /* the names as a set taken once, not an instr() of the joined name per order */
                     " OR o.agency IN (SELECT code FROM agencies WHERE instr(name, ?) > 0))",
                     f->q, 3);
}

int sqlite_store_orders_list(Store *st, const OrderFilter *f, int page, int size, json_t **out, ZfError *err)
{
    SqlWhere w;
    char sql[4096];
    build_where(f, &w);
    long long total = sql_where_count(st, FROM, &w, err);
    if (total < 0) return ZF_ERR;
    snprintf(sql, sizeof sql, "SELECT " ROW_JSON " " FROM "%s ORDER BY o.id DESC LIMIT ? OFFSET ?", w.sql);
    return sql_where_page(st, sql, &w, page, size, total, sqlite_json_row, "orders", out, err);
}

int sqlite_store_orders_running(Store *st, json_t **rows, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " ROW_JSON " " FROM "WHERE o.status IN " RUNNING " ORDER BY o.id", &q, err) != ZF_OK)
        return ZF_ERR;
    return sqlite_json_rows(st, q, "orders", rows, err);
}

int sqlite_store_orders_stats(Store *st, const OrderStatsFilter *f, json_t **out, ZfError *err)
{
    SqlWhere w;
    char sql[4096];
    sqlite3_stmt *q;
    sql_where_init(&w);
    scope_where(&w, f->scope_nothing, f->scope_agency, f->scope_region_prefix);
    sql_where_fixed(&w, "o.issued_on IS NOT NULL");
    sql_where_text(&w, "o.agency = ?", f->agency);
    sql_where_text(&w, "substr(o.issued_on, 1, 7) >= ?", f->from_month);
    sql_where_text(&w, "substr(o.issued_on, 1, 7) <= ?", f->to_month);
    snprintf(sql, sizeof sql,
             "SELECT json_object('agency', o.agency, 'agency_name', a.name, 'month', substr(o.issued_on, 1, 7),"
             " 'issued', count(*),"
             " 'answered_on_time', sum(o.first_answered_on IS NOT NULL AND o.first_answered_on <= o.first_due_on),"
             " 'overdue', sum(o.late), 'returned', sum(o.rounds > 0), 'accepted', sum(o.status = 'accepted'),"
             " 'avg_days_to_accept', round(avg(julianday(o.accepted_on) - julianday(o.issued_on)), 1)) " FROM
             "%s GROUP BY o.agency, substr(o.issued_on, 1, 7) ORDER BY substr(o.issued_on, 1, 7) DESC, o.agency",
             w.sql);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sql_where_bind(q, &w, 1);
    json_t *items;
    if (sqlite_json_rows(st, q, "orders", &items, err) != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}

int sqlite_store_findings_by_ids(Store *st, const json_t *ids, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    char *text = json_dumps(ids, JSON_COMPACT);
    if (!text) return zf_fail(err, 400, "invalid_field", "finding_ids", "预警编号格式不正确");
    if (sqlite_prepare(st,
                       "SELECT json_object('id', f.id, 'rule', f.rule, 'severity', f.severity, 'subject_type',"
                       " f.subject_type, 'subject', f.subject, 'agency', f.agency, 'message', f.message, 'law', f.law,"
                       " 'due_on', f.due_on, 'resolved_at', f.resolved_at)"
                       " FROM json_each(?1) j JOIN findings f ON f.id = j.value ORDER BY j.key",
                       &q, err) != ZF_OK)
        return free(text), ZF_ERR;
    sqlite3_bind_text(q, 1, text, -1, SQLITE_TRANSIENT);
    free(text);
    return sqlite_json_rows(st, q, "findings", items, err);
}
