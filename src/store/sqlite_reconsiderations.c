/* SQLite side of store/reconsiderations.h. A row is read as one json_object() built by SQLite, so
 * the get, the list and verify share its shape; scope is the respondent agency's stored region. */
#include "store/reconsiderations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/sqlite_where.h"

/* The row as the table holds it: what a reconsideration.put event logs. */
#define STORED_FIELDS                                                                                             \
    "'id', r.id, 'case_no', r.case_no, 'region', r.region, 'respondent', r.respondent, 'status', r.status,"     \
    " 'procedure', r.procedure, 'channel', r.channel, 'received_on', r.received_on, 'accepted_on',"            \
    " r.accepted_on, 'decided_on', r.decided_on, 'outcome', r.outcome, 'reject_reason', r.reject_reason,"      \
    " 'linked_case_no', r.linked_case_no, 'body', json(r.body), 'created_by', r.created_by, 'created_at',"     \
    " r.created_at, 'updated_at', r.updated_at"
#define ROW_JSON "json_object(" STORED_FIELDS ", 'respondent_name', a.name, 'respondent_region', a.region)"
#define TIMELINE_JSON                                                                                          \
    "json_object('id', id, 'reconsideration_id', reconsideration_id, 'time', time, 'on', on_date, 'user', user," \
    " 'action', action, 'from_status', from_status, 'to_status', to_status, 'note', note)"
#define FROM "FROM reconsiderations r LEFT JOIN agencies a ON a.code = r.respondent "

int sqlite_store_recon_get(Store *st, long long id, json_t **row, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT " ROW_JSON " " FROM "WHERE r.id = ?1", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = sqlite_json_row(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "行政复议案件不存在");
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "reconsiderations");
}

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* ?1 … ?15 in the order of TEXTS, ?16 the body. */
static const char *const TEXTS[] = {"case_no",     "region",     "respondent", "status",        "procedure",
                                    "channel",     "received_on", "accepted_on", "decided_on",  "outcome",
                                    "reject_reason", "linked_case_no", "created_by", "created_at", "updated_at"};
#define N_TEXTS (int)(sizeof TEXTS / sizeof *TEXTS)

int sqlite_store_recon_put(Store *st, json_t *row, ZfError *err)
{
    static const char *const INSERT =
        "INSERT INTO reconsiderations(case_no, region, respondent, status, procedure, channel, received_on,"
        " accepted_on, decided_on, outcome, reject_reason, linked_case_no, created_by, created_at, updated_at, body)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
    /* case_no, region, respondent, channel, received_on, created_* never change: bound, checked, not written */
    static const char *const UPDATE =
        "UPDATE reconsiderations SET status = ?4, procedure = ?5, accepted_on = ?8, decided_on = ?9, outcome = ?10,"
        " reject_reason = ?11, linked_case_no = ?12, updated_at = ?15, body = ?16"
        " WHERE id = ?17 AND case_no = ?1 AND region = ?2 AND respondent = ?3 AND channel = ?6 AND received_on = ?7"
        " AND created_by = ?13 AND created_at = ?14";
    json_t *idv = json_object_get(row, "id");
    bool insert = !json_is_integer(idv);
    char *body = json_dumps(json_object_get(row, "body"), JSON_COMPACT | JSON_SORT_KEYS);
    sqlite3_stmt *q;
    if (!body) return zf_fail(err, 500, "internal", NULL, "行政复议案件内容无法保存");
    if (sqlite_prepare(st, insert ? INSERT : UPDATE, &q, err) != ZF_OK) return free(body), ZF_ERR;
    for (int i = 0; i < N_TEXTS; i++) sqlite_bind_opt(q, i + 1, str(row, TEXTS[i]));
    sqlite3_bind_text(q, 16, body, -1, SQLITE_STATIC);
    if (!insert) sqlite3_bind_int64(q, 17, json_integer_value(idv));
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    free(body);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "reconsiderations");
    if (!insert)
        return sqlite3_changes(st->db) == 1 ? ZF_OK : zf_fail(err, 409, "conflict", NULL, "行政复议案件已被修改");
    json_object_set_new(row, "id", json_integer(sqlite3_last_insert_rowid(st->db)));
    return ZF_OK;
}

int sqlite_store_recon_timeline_add(Store *st, const ReconTimelineRow *r, long long *id, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "INSERT INTO reconsideration_timeline(reconsideration_id, time, on_date, user, action,"
                       " from_status, to_status, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, r->recon_id);
    const char *texts[] = {r->time, r->on, r->user, r->action, r->from_status, r->to_status};
    for (int i = 0; i < 6; i++) sqlite_bind_opt(q, i + 2, texts[i]);
    sqlite3_bind_text(q, 8, r->note ? r->note : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "reconsideration_timeline");
    *id = sqlite3_last_insert_rowid(st->db);
    return ZF_OK;
}

int sqlite_store_recon_timeline(Store *st, long long recon_id, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT " TIMELINE_JSON " FROM reconsideration_timeline WHERE reconsideration_id = ?1 ORDER BY id",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, recon_id);
    return sqlite_json_rows(st, q, "reconsideration_timeline", items, err);
}

int sqlite_store_recon_foreach(Store *st, ReconTable t, ReconRowFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    const char *sql = t == RECON_TABLE_ROWS
                          ? "SELECT json_object(" STORED_FIELDS ") FROM reconsiderations r ORDER BY r.id"
                          : "SELECT " TIMELINE_JSON " FROM reconsideration_timeline ORDER BY id";
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    return sqlite_json_foreach(st, q, "reconsiderations", fn, ctx, err);
}

/* One statement per sequence table: the table name is never built from input. */
static int next_seq(Store *st, const char *sql, const char *what, const char *region, int year, long *seq,
                    ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, region, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, year);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *seq = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, what);
}

int sqlite_store_recon_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err)
{
    return next_seq(st,
                    "INSERT INTO reconsideration_seq(region, year, seq) VALUES (?1, ?2, 1)"
                    " ON CONFLICT(region, year) DO UPDATE SET seq = seq + 1 RETURNING seq",
                    "reconsideration_seq", region, year, seq, err);
}

int sqlite_store_recon_doc_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err)
{
    return next_seq(st,
                    "INSERT INTO reconsideration_doc_seq(region, year, seq) VALUES (?1, ?2, 1)"
                    " ON CONFLICT(region, year) DO UPDATE SET seq = seq + 1 RETURNING seq",
                    "reconsideration_doc_seq", region, year, seq, err);
}

static void build_where(const ReconFilter *f, SqlWhere *w)
{
    sql_where_init(w);
    if (f->scope_nothing) sql_where_fixed(w, "0");
    sql_where_text(w, "r.respondent = ?", f->scope_agency);
    sql_where_prefix(w, "a.region", f->scope_region_prefix);
    if (f->accepted_only) sql_where_fixed(w, "r.accepted_on IS NOT NULL");
    sql_where_text(w, "r.status = ?", f->status);
    sql_where_text(w, "r.respondent = ?", f->respondent);
    sql_where_text(w, "r.received_on >= ?", f->received_from);
    sql_where_text(w, "r.received_on <= ?", f->received_to);
    sql_where_text_n(w, "(instr(r.case_no, ?) > 0 OR instr(r.body, ?) > 0)", f->q, 2);
}

int sqlite_store_recons_list(Store *st, const ReconFilter *f, int page, int size, json_t **out, ZfError *err)
{
    SqlWhere w;
    char sql[4096];
    build_where(f, &w);
    long long total = sql_where_count(st, FROM, &w, err);
    if (total < 0) return ZF_ERR;
    snprintf(sql, sizeof sql, "SELECT " ROW_JSON " " FROM "%s ORDER BY r.id DESC LIMIT ? OFFSET ?", w.sql);
    return sql_where_page(st, sql, &w, page, size, total, sqlite_json_row, "reconsiderations", out, err);
}

static int stats_query(Store *st, const SqlWhere *w, const char *select, const char *group, json_t **items,
                       ZfError *err)
{
    char sql[4096];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s " FROM "%s %s", select, w->sql, group);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sql_where_bind(q, w, 1);
    return sqlite_json_rows(st, q, "reconsiderations", items, err);
}

/* 纠错: revoke, change, confirm_illegal, order_perform (the act found wrong); the rate over decisions. */
#define CORRECTED "sum(r.outcome IN ('revoke', 'change', 'confirm_illegal', 'order_perform'))"
#define DECIDED "sum(r.decided_on IS NOT NULL)"
#define COUNTS                                                                                                 \
    "'received', count(*), 'accepted', sum(r.accepted_on IS NOT NULL), 'rejected',"                         \
    " sum(r.reject_reason IS NOT NULL), 'decided', " DECIDED ", 'corrected', " CORRECTED ","                   \
    " 'correction_rate', CASE WHEN " DECIDED " > 0 THEN round(100.0 * " CORRECTED " / " DECIDED ", 1) END,"  \
    " 'avg_days', round(avg(julianday(r.decided_on) - julianday(r.accepted_on)), 1)"

int sqlite_store_recons_stats(Store *st, const ReconFilter *f, json_t **out, ZfError *err)
{
    SqlWhere w;
    json_t *items = NULL, *reasons = NULL, *outcomes = NULL, *totals = NULL;
    build_where(f, &w);
    int rc = stats_query(st, &w,
                         "json_object('respondent', r.respondent, 'respondent_name', a.name, " COUNTS ")",
                         "GROUP BY r.respondent ORDER BY count(*) DESC, r.respondent", &items, err);
    if (rc == ZF_OK)
        rc = stats_query(st, &w, "json_object('reason', r.reject_reason, 'count', count(*))",
                         "AND r.reject_reason IS NOT NULL GROUP BY r.reject_reason ORDER BY count(*) DESC", &reasons, err);
    if (rc == ZF_OK)
        rc = stats_query(st, &w, "json_object('outcome', r.outcome, 'count', count(*))",
                         "AND r.outcome IS NOT NULL GROUP BY r.outcome ORDER BY count(*) DESC", &outcomes, err);
    if (rc == ZF_OK) rc = stats_query(st, &w, "json_object(" COUNTS ")", "", &totals, err);
    if (rc != ZF_OK) {
        json_decref(items), json_decref(reasons), json_decref(outcomes), json_decref(totals);
        return ZF_ERR;
    }
    *out = json_pack("{s:o, s:o, s:o, s:O}", "items", items, "reject_reasons", reasons, "outcomes", outcomes, "totals",
                     json_array_get(totals, 0));
    json_decref(totals);
    return ZF_OK;
}
