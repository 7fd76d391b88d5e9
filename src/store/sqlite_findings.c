/* SQLite side of store/findings.h: sweep sync, filtered lists, per-agency summary, rule config. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/findings.h"
#include "domain/orders.h"
#include "store/sqlite_internal.h"
#include "store/sqlite_where.h"

/* ---- sweep sync ---- */

static const char upsert_sql[] =
    "INSERT INTO findings(rule, severity, subject_type, subject, agency, law, due_on, message,"
    " config_version, first_seen, last_seen, sweep_id, opened_sweep)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11, ?11)"
    " ON CONFLICT(subject_type, subject, rule, severity) DO UPDATE SET"
    " agency = excluded.agency, law = excluded.law, due_on = excluded.due_on,"
    " message = excluded.message, config_version = excluded.config_version,"
    " last_seen = excluded.last_seen, sweep_id = excluded.sweep_id,"
    " first_seen = CASE WHEN findings.resolved_at IS NULL THEN findings.first_seen ELSE excluded.first_seen END,"
    " opened_sweep = CASE WHEN findings.resolved_at IS NULL THEN findings.opened_sweep ELSE excluded.opened_sweep END,"
    " resolved_at = NULL"
    " RETURNING opened_sweep";

static int upsert_all(Store *st, const FindingRecord *rows, size_t n, int version, const char *now,
                      FindingSyncStats *stats, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, upsert_sql, &q, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    for (size_t i = 0; i < n && rc == ZF_OK; i++) {
        const FindingRecord *r = &rows[i];
        const char *text[8] = {r->rule, r->severity, r->subject_type, r->subject,
                               r->agency ? r->agency : "", r->law, r->due_on, r->message};
        for (int c = 0; c < 8; c++) sqlite_bind_opt(q, c + 1, text[c]);
        sqlite3_bind_int(q, 9, version);
        sqlite3_bind_text(q, 10, now, -1, SQLITE_STATIC);
        sqlite3_bind_int64(q, 11, stats->sweep_id);
        if (sqlite3_step(q) != SQLITE_ROW) rc = sqlite_fail(st, err, "findings");
        else if (sqlite3_column_int64(q, 0) == stats->sweep_id) stats->new_count++;
        sqlite3_reset(q);
    }
    sqlite3_finalize(q);
    stats->findings = (long long)n;
    return rc;
}

/* A statement without parameters: constant SQL only. */
static int exec_const(Store *st, const char *sql, ZfError *err)
{
    return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ? ZF_OK : sqlite_fail(st, err, sql);
}

static int start_sweep(Store *st, const char *as_of, const char *now, long long subjects,
                       FindingSyncStats *stats, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                "INSERT INTO sweeps(as_of, started_at, finished_at, subjects, findings, new, resolved)"
                " VALUES (?1, ?2, ?2, ?3, 0, 0, 0)",
                &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, as_of, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, subjects);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "sweeps");
    stats->sweep_id = sqlite3_last_insert_rowid(st->db);
    return ZF_OK;
}

static int finish_sweep(Store *st, const char *now, FindingSyncStats *stats, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "UPDATE findings SET resolved_at = ?1 WHERE resolved_at IS NULL AND sweep_id <> ?2",
                &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, stats->sweep_id);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "findings");
    stats->resolved = sqlite3_changes(st->db);
    if (sqlite_prepare(st, "UPDATE sweeps SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
                    " findings = ?1, new = ?2, resolved = ?3 WHERE id = ?4", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_int64(q, 1, stats->findings);
    sqlite3_bind_int64(q, 2, stats->new_count);
    sqlite3_bind_int64(q, 3, stats->resolved);
    sqlite3_bind_int64(q, 4, stats->sweep_id);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "sweeps");
    return exec_const(st, "UPDATE sweep_state SET dirty = 0 WHERE id = 1", err);
}

int sqlite_store_findings_sync(Store *st, const FindingRecord *rows, size_t n, int config_version,
                        const char *as_of, long long subjects, FindingSyncStats *stats, ZfError *err)
{
    char now[32];
    sqlite_utc_now(now);
    memset(stats, 0, sizeof *stats);
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    if (start_sweep(st, as_of, now, subjects, stats, err) != ZF_OK ||
        upsert_all(st, rows, n, config_version, now, stats, err) != ZF_OK ||
        finish_sweep(st, now, stats, err) != ZF_OK || store_commit(st, err) != ZF_OK) {
        store_rollback(st);
        return ZF_ERR;
    }
    return ZF_OK;
}

static int resolve_case(Store *st, const char *case_no, const char *except_rule, const char *now,
                        FindingSyncStats *stats, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                "UPDATE findings SET resolved_at = ?1 WHERE resolved_at IS NULL AND subject_type = 'case'"
                " AND subject = ?2 AND instr(',' || ?3 || ',', ',' || rule || ',') = 0 AND sweep_id <> ?4",
                &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, case_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, except_rule, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 4, stats->sweep_id);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "findings");
    stats->resolved += sqlite3_changes(st->db);
    return ZF_OK;
}

int sqlite_store_findings_sync_cases(Store *st, const FindingRecord *rows, size_t n, int config_version,
                              const char *as_of, const char *const *case_nos, size_t n_cases,
                              const char *except_rule, FindingSyncStats *stats, ZfError *err)
{
    char now[32];
    sqlite_utc_now(now);
    memset(stats, 0, sizeof *stats);
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    int rc = start_sweep(st, as_of, now, (long long)n_cases, stats, err);
    if (rc == ZF_OK) rc = upsert_all(st, rows, n, config_version, now, stats, err);
    for (size_t i = 0; rc == ZF_OK && i < n_cases; i++) rc = resolve_case(st, case_nos[i], except_rule, now, stats, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    if (rc != ZF_OK) store_rollback(st);
    return rc;
}

/* ---- filtered queries ---- */

static void build_where(const FindingFilter *f, SqlWhere *w, char age_buf[16])
{
    const char *status = f->status && *f->status ? f->status : "open";
    sql_where_init(w);
    if (strcmp(status, "open") == 0) sql_where_fixed(w, "f.resolved_at IS NULL");
    else if (strcmp(status, "resolved") == 0) sql_where_fixed(w, "f.resolved_at IS NOT NULL");
    else if (strcmp(status, "new") == 0)
        sql_where_fixed(w, "f.resolved_at IS NULL AND f.first_seen >= strftime('%Y-%m-%dT%H:%M:%SZ','now','-1 day')");
    sql_where_text(w, "f.severity = ?", f->severity);
    sql_where_text(w, "f.rule = ?", f->rule);
    sql_where_text(w, "f.agency = ?", f->agency);
    sql_where_text(w, "a.sector = ?", f->sector);
    sql_where_text(w, "f.subject_type = ?", f->subject_type);
    sql_where_text(w, "f.subject = ?", f->subject);
    sql_where_prefix(w, "a.region", f->region_prefix);
    sql_where_text(w, "instr(f.subject || f.message || coalesce(a.name, ''), ?) > 0", f->q);
    sql_where_text(w, "f.agency = ?", f->scope_agency);
    sql_where_prefix(w, "a.region", f->scope_region_prefix);
    if (f->scope_nothing) sql_where_fixed(w, "0");
    if (f->min_age_days > 0) {
        snprintf(age_buf, 16, "%d", f->min_age_days);
        sql_where_text(w, "julianday('now') - julianday(f.first_seen) >= CAST(? AS INTEGER)", age_buf);
    }
}

#define FINDINGS_FROM "FROM findings f LEFT JOIN agencies a ON a.code = f.agency "

static json_t *finding_row(sqlite3_stmt *q)
{
    static const char *const names[] = {"rule", "severity", "subject_type", "subject", "agency",
                                        "agency_name", "region", "sector", "law", "due_on",
                                        "message", "first_seen", "last_seen", "resolved_at"};
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(sqlite3_column_int64(q, 0)));
    for (int c = 0; c < 14; c++) json_object_set_new(o, names[c], sqlite_json_text(q, c + 1));
    json_object_set_new(o, "age_days", json_integer(sqlite3_column_int64(q, 15)));
    json_object_set_new(o, "config_version", json_integer(sqlite3_column_int64(q, 16)));
    /* the newest supervision order about it: the alert board's badge */
    const char *order = (const char *)sqlite3_column_text(q, 17);
    json_t *ord = order ? json_loads(order, 0, NULL) : NULL;
    OrderStatus status;
    if (ord && order_status_by_code(json_string_value(json_object_get(ord, "status")), &status) == ZF_OK)
        json_object_set_new(ord, "status_name", json_string(order_status_name(status)));
    json_object_set_new(o, "order", ord ? ord : json_null());
    return o;
}

/* The newest order linked to f; an agency's users do not see the supervisor's drafts. */
#define FINDING_ORDER(drafts)                                                                                    \
    "(SELECT json_object('id', o.id, 'doc_no', o.doc_no, 'status', o.status, 'kind', o.kind)"                  \
    " FROM order_findings l JOIN orders o ON o.id = l.order_id WHERE l.finding_id = f.id" drafts                \
    " ORDER BY o.id DESC LIMIT 1)"

int sqlite_store_findings_list(Store *st, const FindingFilter *f, int page, int size, json_t **out, ZfError *err)
{
    SqlWhere w;
    char age[16], sql[4096];
    build_where(f, &w, age);
    long long total = sql_where_count(st, FINDINGS_FROM, &w, err);
    if (total < 0) return ZF_ERR;
    snprintf(sql, sizeof sql,
             "SELECT f.id, f.rule, f.severity, f.subject_type, f.subject, f.agency, a.name, a.region,"
             " a.sector, f.law, f.due_on, f.message, f.first_seen, f.last_seen, f.resolved_at,"
             " CAST(julianday(coalesce(f.resolved_at, 'now')) - julianday(f.first_seen) AS INTEGER),"
             " f.config_version, %s " FINDINGS_FROM "%s"
             " ORDER BY f.resolved_at IS NOT NULL, f.severity = 'warning', f.first_seen, f.subject, f.rule"
             " LIMIT ? OFFSET ?",
             f->scope_agency ? FINDING_ORDER(" AND o.status <> 'draft'") : FINDING_ORDER(""), w.sql);
    return sql_where_page(st, sql, &w, page, size, total, finding_row, "findings", out, err);
}

int sqlite_store_findings_summary(Store *st, const FindingFilter *f, json_t **out, ZfError *err)
{
    SqlWhere w;
    char age[16], sql[4096];
    sqlite3_stmt *q;
    build_where(f, &w, age);
    snprintf(sql, sizeof sql,
             "SELECT f.agency, a.name, a.region, a.sector,"
             " sum(f.severity = 'violation'), sum(f.severity = 'warning')"
             " FROM findings f LEFT JOIN agencies a ON a.code = f.agency %s"
             " GROUP BY f.agency ORDER BY 5 DESC, 6 DESC, f.agency",
             w.sql);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sql_where_bind(q, &w, 1);
    json_t *items = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *o = json_object();
        json_object_set_new(o, "agency", sqlite_json_text(q, 0));
        json_object_set_new(o, "agency_name", sqlite_json_text(q, 1));
        json_object_set_new(o, "region", sqlite_json_text(q, 2));
        json_object_set_new(o, "sector", sqlite_json_text(q, 3));
        json_object_set_new(o, "violations", json_integer(sqlite3_column_int64(q, 4)));
        json_object_set_new(o, "warnings", json_integer(sqlite3_column_int64(q, 5)));
        json_array_append_new(items, o);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return sqlite_fail(st, err, "findings");
    }
    *out = json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items), "items", items);
    return ZF_OK;
}

/* ---- single records ---- */

int sqlite_store_record_get(Store *st, RecordType type, const char *key, char **body, ZfError *err)
{
    static const char *const sql[REC_TYPE_COUNT] = {
        "SELECT body FROM agencies WHERE code = ?1",   "SELECT body FROM officers WHERE cert_no = ?1",
        "SELECT body FROM powers WHERE code = ?1",     "SELECT body FROM benchmarks WHERE power = ?1",
        "SELECT body FROM cases WHERE case_no = ?1",   "SELECT body FROM monthly_reports WHERE agency = ?1"};
    sqlite3_stmt *q;
    if (sqlite_prepare(st, sql[type], &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *body = strdup((const char *)sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return *body ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "记录不存在");
    return sqlite_fail(st, err, "get");
}

/* ---- rule configuration ---- */

int sqlite_store_rule_config_latest(Store *st, int *version, char **overrides, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT version, overrides FROM rule_config_versions ORDER BY version DESC LIMIT 1",
                &q, err) != ZF_OK)
        return ZF_ERR;
    int rc = sqlite3_step(q);
    *version = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    *overrides = strdup(rc == SQLITE_ROW ? (const char *)sqlite3_column_text(q, 1) : "[]");
    sqlite3_finalize(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return sqlite_fail(st, err, "rule_config_versions");
    return *overrides ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
}

int sqlite_store_rule_config_save(Store *st, const char *overrides, const char *by, int *version, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                "INSERT INTO rule_config_versions(version, created_at, created_by, overrides)"
                " SELECT coalesce(max(version), 0) + 1, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?1, ?2"
                " FROM rule_config_versions RETURNING version",
                &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite_bind_opt(q, 1, by);
    sqlite3_bind_text(q, 2, overrides, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *version = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "rule_config_versions");
}

int sqlite_store_mark_dirty(Store *st, ZfError *err)
{
    return exec_const(st, "UPDATE sweep_state SET dirty = 1 WHERE id = 1", err);
}

int sqlite_store_is_dirty(Store *st)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT dirty FROM sweep_state WHERE id = 1", -1, &q, NULL) != SQLITE_OK)
        return -1;
    int dirty = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
    return dirty;
}
