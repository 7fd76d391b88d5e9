/* PostgreSQL side of store/findings.h: the sweep's sync of the findings, their filtered list and
 * per-agency summary, the rule configuration versions and the sweep's dirty mark; and the findings
 * an order names (store/orders.h). The same rows, order and paging as sqlite_findings.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/orders.h"
#include "store/findings.h"
#include "store/orders.h"
#include "store/pg_clauses.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

/* ---- sweep sync ---- */

static void utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The rows as one JSON parameter: one statement per batch instead of one round trip per finding. */
static char *rows_json(const FindingRecord *rows, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        const FindingRecord *r = &rows[i];
        json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s?, s:s}", "rule", r->rule, "severity",
                                           r->severity, "subject_type", r->subject_type, "subject", r->subject,
                                           "agency", r->agency ? r->agency : "", "law", r->law, "due_on", r->due_on,
                                           "message", r->message));
    }
    char *text = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    return text;
}

/* A key found twice in one sweep keeps its last row (as SQLite's second upsert overwrites the
 * first); a finding is new when this sweep opened it. */
static const char upsert_sql[] =
    "INSERT INTO findings(rule, severity, subject_type, subject, agency, law, due_on, message,"
    " config_version, first_seen, last_seen, sweep_id, opened_sweep)"
    " SELECT DISTINCT ON (x->>'subject_type', x->>'subject', x->>'rule', x->>'severity')"
    " x->>'rule', x->>'severity', x->>'subject_type', x->>'subject', x->>'agency', x->>'law',"
    " x->>'due_on', x->>'message', $2::bigint, $3, $3, $4::bigint, $4::bigint"
    " FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS j(x, pos)"
    " ORDER BY x->>'subject_type', x->>'subject', x->>'rule', x->>'severity', pos DESC"
    " ON CONFLICT (subject_type, subject, rule, severity) DO UPDATE SET"
    " agency = excluded.agency, law = excluded.law, due_on = excluded.due_on,"
    " message = excluded.message, config_version = excluded.config_version,"
    " last_seen = excluded.last_seen, sweep_id = excluded.sweep_id,"
    " first_seen = CASE WHEN findings.resolved_at IS NULL THEN findings.first_seen ELSE excluded.first_seen END,"
    " opened_sweep = CASE WHEN findings.resolved_at IS NULL THEN findings.opened_sweep ELSE excluded.opened_sweep END,"
    " resolved_at = NULL"
    " RETURNING opened_sweep = $4::bigint";

#define SYNC_BATCH 2000

static int upsert_all(Store *st, const FindingRecord *rows, size_t n, int version, const char *now,
                      FindingSyncStats *stats, ZfError *err)
{
    char ver[24], sweep[24];
    for (size_t at = 0; at < n; at += SYNC_BATCH) {
        char *json = rows_json(rows + at, n - at < SYNC_BATCH ? n - at : SYNC_BATCH);
        if (!json) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        PGresult *r = pg_query(st, upsert_sql, PG_ARGS(json, pg_int(ver, version), now, pg_int(sweep, stats->sweep_id)),
                               "findings", err);
        free(json);
        if (!r) return ZF_ERR;
        for (int i = 0; i < PQntuples(r); i++) stats->new_count += strcmp(pg_text(r, i, 0), "t") == 0;
        PQclear(r);
    }
    stats->findings = (long long)n;
    return ZF_OK;
}

static int start_sweep(Store *st, const char *as_of, const char *now, long long subjects, FindingSyncStats *stats,
                       ZfError *err)
{
    char n[24];
    PGresult *r = pg_query(st,
                           "INSERT INTO sweeps(as_of, started_at, finished_at, subjects, findings, new, resolved)"
                           " VALUES ($1, $2, $2, $3::bigint, 0, 0, 0) RETURNING id",
                           PG_ARGS(as_of, now, pg_int(n, subjects)), "sweeps", err);
    if (!r) return ZF_ERR;
    stats->sweep_id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

static int finish_sweep(Store *st, const char *now, FindingSyncStats *stats, ZfError *err)
{
    char id[24], f[24], nw[24], res[24];
    if (pg_exec(st, "UPDATE findings SET resolved_at = $1 WHERE resolved_at IS NULL AND sweep_id <> $2::bigint",
                PG_ARGS(now, pg_int(id, stats->sweep_id)), "findings", &stats->resolved, err) != ZF_OK)
        return ZF_ERR;
    if (pg_exec(st,
                "UPDATE sweeps SET finished_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                " findings = $1::bigint, new = $2::bigint, resolved = $3::bigint WHERE id = $4::bigint",
                PG_ARGS(pg_int(f, stats->findings), pg_int(nw, stats->new_count), pg_int(res, stats->resolved), id),
                "sweeps", NULL, err) != ZF_OK)
        return ZF_ERR;
    return pg_exec(st, "UPDATE sweep_state SET dirty = 0 WHERE id = 1", PG_NOARGS, "sweep_state", NULL, err);
}

int pg_store_findings_sync(Store *st, const FindingRecord *rows, size_t n, int config_version, const char *as_of,
                           long long subjects, FindingSyncStats *stats, ZfError *err)
{
    char now[32];
    utc_now(now);
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
    char id[24];
    long long changed = 0;
    int rc = pg_exec(st,
                     "UPDATE findings SET resolved_at = $1 WHERE resolved_at IS NULL AND subject_type = 'case'"
                     " AND subject = $2 AND strpos(',' || $3::text || ',', ',' || rule || ',') = 0"
                     " AND sweep_id <> $4::bigint",
                     PG_ARGS(now, case_no, except_rule ? except_rule : "", pg_int(id, stats->sweep_id)), "findings",
                     &changed, err);
    stats->resolved += changed;
    return rc;
}

int pg_store_findings_sync_cases(Store *st, const FindingRecord *rows, size_t n, int config_version,
                                 const char *as_of, const char *const *case_nos, size_t n_cases,
                                 const char *except_rule, FindingSyncStats *stats, ZfError *err)
{
    char now[32];
    utc_now(now);
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

#define UTC_TEXT(t) "to_char((" t ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
/* whole days since a stored UTC time (SQLite: CAST(julianday(b) - julianday(a) AS INTEGER)) */
#define DAYS_SINCE(a, b) "trunc(extract(epoch FROM (" b ") - (" a ")::timestamptz) / 86400)::bigint"

static void build_where(const FindingFilter *f, PgClauses *w)
{
    const char *status = f->status && *f->status ? f->status : "open";
    pg_clauses_init(w);
    if (strcmp(status, "open") == 0) pg_clauses_fixed(w, "f.resolved_at IS NULL");
    else if (strcmp(status, "resolved") == 0) pg_clauses_fixed(w, "f.resolved_at IS NOT NULL");
    else if (strcmp(status, "new") == 0)
        pg_clauses_fixed(w, "f.resolved_at IS NULL AND f.first_seen >= " UTC_TEXT("now() - interval '1 day'"));
    pg_clauses_text(w, "f.severity = ?", f->severity);
    pg_clauses_text(w, "f.rule = ?", f->rule);
    pg_clauses_text(w, "f.agency = ?", f->agency);
    pg_clauses_text(w, "a.sector = ?", f->sector);
    pg_clauses_text(w, "f.subject_type = ?", f->subject_type);
    pg_clauses_text(w, "f.subject = ?", f->subject);
    pg_clauses_text(w, "starts_with(coalesce(a.region, ''), ?)", f->region_prefix);
    pg_clauses_text(w, "strpos(f.subject || f.message || coalesce(a.name, ''), ?) > 0", f->q);
    pg_clauses_text(w, "f.agency = ?", f->scope_agency);
    pg_clauses_text(w, "starts_with(coalesce(a.region, ''), ?)", f->scope_region_prefix);
    if (f->scope_nothing) pg_clauses_fixed(w, "false");
    if (f->min_age_days > 0) pg_clauses_num(w, DAYS_SINCE("f.first_seen", "now()") " >= ?", f->min_age_days);
}

#define FINDINGS_FROM "FROM findings f LEFT JOIN agencies a ON a.code = f.agency "

static json_t *finding_row(const PGresult *r, int i)
{
    static const char *const names[] = {"rule", "severity", "subject_type", "subject", "agency",
                                        "agency_name", "region", "sector", "law", "due_on",
                                        "message", "first_seen", "last_seen", "resolved_at"};
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(pg_ll(r, i, 0)));
    for (int c = 0; c < 14; c++) json_object_set_new(o, names[c], pg_json_text(r, i, c + 1));
    json_object_set_new(o, "age_days", json_integer(pg_ll(r, i, 15)));
    json_object_set_new(o, "config_version", json_integer(pg_ll(r, i, 16)));
    /* the newest supervision order about it: the alert board's badge */
    json_t *ord = PQgetisnull(r, i, 17) ? NULL : json_loads(pg_text(r, i, 17), 0, NULL);
    OrderStatus status;
    if (ord && order_status_by_code(json_string_value(json_object_get(ord, "status")), &status) == ZF_OK)
        json_object_set_new(ord, "status_name", json_string(order_status_name(status)));
    json_object_set_new(o, "order", ord ? ord : json_null());
    return o;
}

/* The newest order linked to f; an agency's users do not see the supervisor's drafts. */
#define FINDING_ORDER(drafts)                                                                                    \
    "(SELECT json_build_object('id', o.id, 'doc_no', o.doc_no, 'status', o.status, 'kind', o.kind)::text"      \
    " FROM order_findings l JOIN orders o ON o.id = l.order_id WHERE l.finding_id = f.id" drafts                \
    " ORDER BY o.id DESC LIMIT 1)"

int pg_store_findings_list(Store *st, const FindingFilter *f, int page, int size, json_t **out, ZfError *err)
{
    PgClauses w;
    char sql[4096];
    build_where(f, &w);
    snprintf(sql, sizeof sql, "SELECT count(*) " FINDINGS_FROM "%s", w.sql);
    PGresult *r = pg_query(st, sql, w.n, w.params, "findings", err);
    if (!r) return ZF_ERR;
    long long total = pg_ll(r, 0, 0);
    PQclear(r);
    int lim = pg_clauses_extra(&w, size), off = pg_clauses_extra(&w, (long long)(page - 1) * size);
    snprintf(sql, sizeof sql,
             "SELECT f.id, f.rule, f.severity, f.subject_type, f.subject, f.agency, a.name, a.region,"
             " a.sector, f.law, f.due_on, f.message, f.first_seen, f.last_seen, f.resolved_at,"
             " " DAYS_SINCE("f.first_seen", "coalesce(f.resolved_at::timestamptz, now())") ","
             " f.config_version, %s " FINDINGS_FROM "%s"
             " ORDER BY f.resolved_at IS NOT NULL, f.severity = 'warning', f.first_seen COLLATE \"C\","
             " f.subject COLLATE \"C\", f.rule COLLATE \"C\" LIMIT $%d OFFSET $%d",
             f->scope_agency ? FINDING_ORDER(" AND o.status <> 'draft'") : FINDING_ORDER(""), w.sql, lim, off);
    if (!(r = pg_query(st, sql, w.n, w.params, "findings", err))) return ZF_ERR;
    json_t *items = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(items, finding_row(r, i));
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

int pg_store_findings_summary(Store *st, const FindingFilter *f, json_t **out, ZfError *err)
{
    PgClauses w;
    char sql[4096];
    build_where(f, &w);
    snprintf(sql, sizeof sql,
             "SELECT f.agency, a.name, a.region, a.sector,"
             " count(*) FILTER (WHERE f.severity = 'violation'), count(*) FILTER (WHERE f.severity = 'warning')"
             " " FINDINGS_FROM "%s GROUP BY f.agency, a.name, a.region, a.sector"
             " ORDER BY 5 DESC, 6 DESC, f.agency COLLATE \"C\"",
             w.sql);
    PGresult *r = pg_query(st, sql, w.n, w.params, "findings", err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    for (int i = 0; i < PQntuples(r); i++)
        json_array_append_new(items, json_pack("{s:o, s:o, s:o, s:o, s:I, s:I}", "agency", pg_json_text(r, i, 0),
                                               "agency_name", pg_json_text(r, i, 1), "region", pg_json_text(r, i, 2),
                                               "sector", pg_json_text(r, i, 3), "violations",
                                               (json_int_t)pg_ll(r, i, 4), "warnings", (json_int_t)pg_ll(r, i, 5)));
    PQclear(r);
    *out = json_pack("{s:I, s:o}", "total", (json_int_t)json_array_size(items), "items", items);
    return ZF_OK;
}

/* The findings an order names, in the order of ids (store/orders.h). */
int pg_store_findings_by_ids(Store *st, const json_t *ids, json_t **items, ZfError *err)
{
    char *text = json_dumps(ids, JSON_COMPACT);
    if (!text || !json_is_array(ids)) {
        free(text);
        return zf_fail(err, 400, "invalid_field", "finding_ids", "预警编号格式不正确");
    }
    int rc = pg_json_rows(st,
                          "SELECT json_build_object('id', f.id, 'rule', f.rule, 'severity', f.severity, 'subject_type',"
                          " f.subject_type, 'subject', f.subject, 'agency', f.agency, 'message', f.message, 'law', f.law,"
                          " 'due_on', f.due_on, 'resolved_at', f.resolved_at)"
                          " FROM jsonb_array_elements_text($1::jsonb) WITH ORDINALITY j(v, k)"
                          " JOIN findings f ON f.id::text = j.v ORDER BY j.k",
                          PG_ARGS(text), "findings", items, err);
    free(text);
    return rc;
}

/* ---- rule configuration ---- */

int pg_store_rule_config_latest(Store *st, int *version, char **overrides, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT version, overrides FROM rule_config_versions ORDER BY version DESC LIMIT 1",
                           PG_NOARGS, "rule_config_versions", err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    *version = found ? (int)pg_ll(r, 0, 0) : 0;
    *overrides = strdup(found ? pg_text(r, 0, 1) : "[]");
    PQclear(r);
    return *overrides ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
}

/* Two supervisors saving at once: the second meets the version's primary key (409) and retries. */
int pg_store_rule_config_save(Store *st, const char *overrides, const char *by, int *version, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "INSERT INTO rule_config_versions(version, created_at, created_by, overrides)"
                           " SELECT coalesce(max(version), 0) + 1,"
                           " to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $1, $2"
                           " FROM rule_config_versions RETURNING version",
                           PG_ARGS(by, overrides), "rule_config_versions", err);
    if (!r) return ZF_ERR;
    *version = (int)pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_mark_dirty(Store *st, ZfError *err)
{
    return pg_exec(st, "UPDATE sweep_state SET dirty = 1 WHERE id = 1", PG_NOARGS, "sweep_state", NULL, err);
}

int pg_store_is_dirty(Store *st)
{
    ZfError ignored = {0};
    PGresult *r = pg_query(st, "SELECT dirty FROM sweep_state WHERE id = 1", PG_NOARGS, "sweep_state", &ignored);
    int dirty = r && PQntuples(r) ? (int)pg_ll(r, 0, 0) : -1;
    PQclear(r);
    return dirty;
}
