/* SQLite side of store/leads.h. A row is read as one json_object() built by SQLite, so the get and
 * the list share its shape; scope is the lead's own region (its agency's for agency users). */
#include "store/leads.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/sqlite_where.h"

/* The row as a lead.put event logs it (every stored column), and as it is read (the agency's name beside). */
#define STORED_FIELDS                                                                                          \
    "'id', l.id, 'source', l.source, 'source_ref', l.source_ref, 'status', l.status,"                         \
    " 'received_at', l.received_at, 'region', l.region, 'agency', l.agency, 'case_no', l.case_no,"              \
    " 'category', l.category, 'dispatched_on', l.dispatched_on, 'due_on', l.due_on, 'answered_on', l.answered_on," \
    " 'last_act_on', l.last_act_on, 'order_id', l.order_id, 'duplicate_of', l.duplicate_of, 'body', json(l.body),"  \
    " 'created_by', l.created_by, 'created_at', l.created_at, 'updated_at', l.updated_at"
#define ROW_JSON "json_object(" STORED_FIELDS ", 'agency_name', a.name)"
#define TIMELINE_JSON                                                                                          \
    "json_object('id', id, 'lead_id', lead_id, 'time', time, 'on', on_date, 'user', user, 'action', action,"  \
    " 'from_status', from_status, 'to_status', to_status, 'note', note)"
#define FROM "FROM leads l LEFT JOIN agencies a ON a.code = l.agency "

int sqlite_store_lead_get(Store *st, long long id, json_t **row, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " ROW_JSON " " FROM "WHERE l.id = ?1", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = sqlite_json_row(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "线索不存在");
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "leads");
}

int sqlite_store_lead_by_ref(Store *st, const char *source, const char *source_ref, long long *id, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT id FROM leads WHERE source = ?1 AND source_ref = ?2", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, source_ref, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "leads");
}

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* ?1 … ?15 in the order of COLUMNS; ?16 the body. */
static const char *const COLUMNS[] = {"source", "source_ref", "status", "received_at", "region", "agency", "case_no",
                                      "category", "dispatched_on", "due_on", "answered_on", "last_act_on",
                                      "created_by", "created_at", "updated_at"};

static void bind_row(sqlite3_stmt *q, const json_t *row, const char *body)
{
    for (int i = 0; i < 15; i++) sqlite_bind_opt(q, i + 1, str(row, COLUMNS[i]));
    sqlite3_bind_text(q, 16, body, -1, SQLITE_STATIC);
    json_t *order = json_object_get(row, "order_id"), *dup = json_object_get(row, "duplicate_of");
    if (json_is_integer(order)) sqlite3_bind_int64(q, 17, json_integer_value(order));
    else sqlite3_bind_null(q, 17);
    if (json_is_integer(dup)) sqlite3_bind_int64(q, 18, json_integer_value(dup));
    else sqlite3_bind_null(q, 18);
}

int sqlite_store_lead_put(Store *st, json_t *row, ZfError *err)
{
    static const char *const INSERT =
        "INSERT INTO leads(source, source_ref, status, received_at, region, agency, case_no, category, dispatched_on,"
        " due_on, answered_on, last_act_on, created_by, created_at, updated_at, body, order_id, duplicate_of)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, ''), ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";
    /* what a lead came as (its source, number, time, author) never changes: bound, not written */
    static const char *const UPDATE =
        "UPDATE leads SET status = ?3, region = ?5, agency = ?6, case_no = ?7, category = coalesce(?8, ''),"
        " dispatched_on = ?9, due_on = ?10, answered_on = ?11, last_act_on = ?12, updated_at = ?15, body = ?16,"
        " order_id = ?17, duplicate_of = ?18"
        " WHERE id = ?19 AND source = ?1 AND source_ref IS ?2 AND received_at = ?4 AND created_by = ?13"
        " AND created_at = ?14";
    json_t *idv = json_object_get(row, "id");
    bool insert = !json_is_integer(idv);
    char *body = json_dumps(json_object_get(row, "body"), JSON_COMPACT | JSON_SORT_KEYS);
    sqlite3_stmt *q;
    if (!body) return zf_fail(err, 500, "internal", NULL, "线索内容无法保存");
    if (sqlite_prepare(st, insert ? INSERT : UPDATE, &q, err) != ZF_OK) return free(body), ZF_ERR;
    bind_row(q, row, body);
    if (!insert) sqlite3_bind_int64(q, 19, json_integer_value(idv));
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    free(body);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "leads");
    if (!insert) return sqlite3_changes(st->db) == 1 ? ZF_OK : zf_fail(err, 409, "conflict", NULL, "线索已被修改");
    json_object_set_new(row, "id", json_integer(sqlite3_last_insert_rowid(st->db)));
    return ZF_OK;
}

int sqlite_store_lead_timeline_add(Store *st, const LeadTimelineRow *r, long long *id, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "INSERT INTO lead_timeline(lead_id, time, on_date, user, action, from_status, to_status, note)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, r->lead_id);
    const char *texts[] = {r->time, r->on, r->user, r->action, r->from_status, r->to_status};
    for (int i = 0; i < 6; i++) sqlite_bind_opt(q, i + 2, texts[i]);
    sqlite3_bind_text(q, 8, r->note ? r->note : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "lead_timeline");
    *id = sqlite3_last_insert_rowid(st->db);
    return ZF_OK;
}

int sqlite_store_lead_timeline(Store *st, long long lead_id, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " TIMELINE_JSON " FROM lead_timeline WHERE lead_id = ?1 ORDER BY id", &q, err) !=
        ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, lead_id);
    return sqlite_json_rows(st, q, "lead_timeline", items, err);
}

int sqlite_store_leads_foreach(Store *st, LeadRowFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT json_object(" STORED_FIELDS ") FROM leads l ORDER BY l.id", &q, err) != ZF_OK)
        return ZF_ERR;
    return sqlite_json_foreach(st, q, "leads", fn, ctx, err);
}

int sqlite_store_lead_timeline_foreach(Store *st, LeadRowFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " TIMELINE_JSON " FROM lead_timeline ORDER BY id", &q, err) != ZF_OK) return ZF_ERR;
    return sqlite_json_foreach(st, q, "lead_timeline", fn, ctx, err);
}

int sqlite_store_leads_of_agency_between(Store *st, const char *agency, const char *from, const char *to, int limit,
                                         json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT " ROW_JSON " " FROM "WHERE l.agency = ?1 AND l.received_at BETWEEN ?2 AND ?3"
                       " ORDER BY l.received_at DESC, l.id DESC LIMIT ?4",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, to, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 4, limit);
    return sqlite_json_rows(st, q, "leads", items, err);
}

static void build_where(const LeadFilter *f, SqlWhere *w)
{
    sql_where_init(w);
    if (f->scope_nothing) sql_where_fixed(w, "0");
    sql_where_text(w, "l.agency = ?", f->scope_agency);
    sql_where_prefix(w, "l.region", f->scope_region_prefix);
    if (f->dispatched_only) sql_where_fixed(w, "l.dispatched_on IS NOT NULL");
    sql_where_text(w, "l.source = ?", f->source);
    sql_where_text(w, "l.created_by = ?", f->created_by);
    sql_where_text(w, "l.status = ?", f->status);
    sql_where_text(w, "l.agency = ?", f->agency);
    if (f->overdue_before) sql_where_fixed(w, "l.status = 'dispatched'");
    sql_where_text(w, "l.due_on < ?", f->overdue_before);
    sql_where_text_n(w, "(instr(coalesce(l.source_ref, ''), ?) > 0 OR instr(l.body, ?) > 0)", f->q, 2);
}

int sqlite_store_leads_list(Store *st, const LeadFilter *f, int page, int size, json_t **out, ZfError *err)
{
    SqlWhere w;
    char sql[4096];
    build_where(f, &w);
    long long total = sql_where_count(st, FROM, &w, err);
    if (total < 0) return ZF_ERR;
    snprintf(sql, sizeof sql, "SELECT " ROW_JSON " " FROM "%s ORDER BY l.id DESC LIMIT ? OFFSET ?", w.sql);
    return sql_where_page(st, sql, &w, page, size, total, sqlite_json_row, "leads", out, err);
}

int sqlite_store_focus_counts(Store *st, int year, const char *scope_agency, const char *scope_region_prefix,
                              json_t **out, ZfError *err)
{
    /* one pass per source, summed per agency; a lead not taken up (rejected) counts for nothing */
    static const char *const SQL =
        "WITH y(p) AS (SELECT printf('%04d', ?1)),"
        " l AS (SELECT agency,"
        "   sum(source NOT IN ('reconsideration', 'litigation')) AS leads,"
        "   sum(source = 'reconsideration') AS reconsideration, sum(source = 'litigation') AS litigation"
        "   FROM leads, y WHERE agency IS NOT NULL AND substr(received_at, 1, 4) = y.p"
        "   AND coalesce(json_extract(body, '$.triage.result'), 'accepted') = 'accepted' GROUP BY agency),"
        " o AS (SELECT agency, count(*) AS orders, sum(late) AS overdue_orders FROM orders, y"
        "   WHERE substr(issued_on, 1, 4) = y.p GROUP BY agency),"
        " f AS (SELECT agency, count(*) AS violations FROM findings, y"
        "   WHERE severity = 'violation' AND substr(first_seen, 1, 4) = y.p GROUP BY agency),"
        " a AS (SELECT code, name, region FROM agencies"
        "   WHERE (?2 IS NULL OR code = ?2) AND (?3 IS NULL OR substr(region, 1, length(?3)) = ?3))"
        " SELECT json_object('agency', a.code, 'agency_name', a.name, 'region', a.region,"
        "   'leads', coalesce(l.leads, 0), 'reconsideration', coalesce(l.reconsideration, 0),"
        "   'litigation', coalesce(l.litigation, 0), 'orders', coalesce(o.orders, 0),"
        "   'overdue_orders', coalesce(o.overdue_orders, 0), 'violations', coalesce(f.violations, 0))"
        " FROM a LEFT JOIN l ON l.agency = a.code LEFT JOIN o ON o.agency = a.code LEFT JOIN f ON f.agency = a.code"
        " WHERE l.agency IS NOT NULL OR o.agency IS NOT NULL OR f.agency IS NOT NULL ORDER BY a.code";
    sqlite3_stmt *q;
    json_t *items;
    if (sqlite_prepare(st, SQL, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int(q, 1, year);
    sqlite_bind_opt(q, 2, scope_agency);
    sqlite_bind_opt(q, 3, scope_region_prefix);
    if (sqlite_json_rows(st, q, "focus", &items, err) != ZF_OK) return ZF_ERR;
    *out = json_pack("{s:o}", "items", items);
    return ZF_OK;
}

int sqlite_store_case_outcomes_since(Store *st, const char *since, CaseOutcomeFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    /* the time range first (index cases_by_updated_at): the bodies of the changed cases only */
    if (sqlite_prepare(st,
                       "SELECT json_object('case_no', c.case_no, 'agency', c.agency, 'revocation',"
                       " json_extract(c.body, '$.revocation'), 'updated_at', c.updated_at)"
                       " FROM cases c INDEXED BY cases_by_updated_at WHERE c.updated_at >= ?1"
                       " AND json_type(c.body, '$.revocation') = 'object' ORDER BY c.updated_at",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, since ? since : "", -1, SQLITE_STATIC);
    return sqlite_json_foreach(st, q, "cases", fn, ctx, err);
}

int sqlite_store_outcome_scan_get(Store *st, char mark[32], ZfError *err)
{
    sqlite3_stmt *q;
    mark[0] = '\0';
    if (sqlite_prepare(st, "SELECT mark FROM outcome_scan WHERE id = 1", &q, err) != ZF_OK) return ZF_ERR;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) sqlite_col_copy(q, 0, mark, 32);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "outcome_scan");
}

int sqlite_store_outcome_scan_set(Store *st, const char *mark, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "UPDATE outcome_scan SET mark = ?1 WHERE id = 1", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, mark, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "outcome_scan");
}
