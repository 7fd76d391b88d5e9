/* PostgreSQL side of store/reconsiderations.h: the rows, shapes and order of
 * sqlite_reconsiderations.c (json_build_object here, json_object there); scope is the respondent
 * agency's stored region. The 复议案号 counter row stays locked until the registering transaction
 * ends, so numbers are gap-free across servers. */
#include "store/reconsiderations.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_body_rows.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

/* The row as the table holds it: what a reconsideration.put event logs. */
#define STORED_FIELDS                                                                                           \
    "'id', r.id, 'case_no', r.case_no, 'region', r.region, 'respondent', r.respondent, 'status', r.status,"   \
    " 'procedure', r.procedure, 'channel', r.channel, 'received_on', r.received_on, 'accepted_on',"          \
    " r.accepted_on, 'decided_on', r.decided_on, 'outcome', r.outcome, 'reject_reason', r.reject_reason,"    \
    " 'linked_case_no', r.linked_case_no, 'body', r.body::json, 'created_by', r.created_by, 'created_at',"   \
    " r.created_at, 'updated_at', r.updated_at"
#define ROW_JSON "json_build_object(" STORED_FIELDS ", 'respondent_name', a.name, 'respondent_region', a.region)"
#define TIMELINE_JSON                                                                                               \
    "json_build_object('id', id, 'reconsideration_id', reconsideration_id, 'time', time, 'on', on_date,"         \
    " 'user', \"user\", 'action', action, 'from_status', from_status, 'to_status', to_status, 'note', note)"
#define FROM "FROM reconsiderations r LEFT JOIN agencies a ON a.code = r.respondent "

int pg_store_recon_get(Store *st, long long id, json_t **row, ZfError *err)
{
    char idt[24];
    json_t *rows;
    if (pg_json_rows(st, "SELECT " ROW_JSON " " FROM "WHERE r.id = $1::bigint", PG_ARGS(pg_int(idt, id)),
                     "reconsiderations", &rows, err) != ZF_OK)
        return ZF_ERR;
    bool found = json_array_size(rows) > 0;
    if (found) *row = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return found ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "行政复议案件不存在");
}

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* $1 … $15 in the order of TEXTS, $16 the body, $17 the id (update). */
static const char *const TEXTS[] = {"case_no",     "region",     "respondent", "status",        "procedure",
                                    "channel",     "received_on", "accepted_on", "decided_on",  "outcome",
                                    "reject_reason", "linked_case_no", "created_by", "created_at", "updated_at"};
#define N_TEXTS (int)(sizeof TEXTS / sizeof *TEXTS)

int pg_store_recon_put(Store *st, json_t *row, ZfError *err)
{
    static const char *const INSERT =
        "INSERT INTO reconsiderations(case_no, region, respondent, status, procedure, channel, received_on,"
        " accepted_on, decided_on, outcome, reject_reason, linked_case_no, created_by, created_at, updated_at, body)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id";
    /* case_no, region, respondent, channel, received_on, created_* never change: checked, not written */
    static const char *const UPDATE =
        "UPDATE reconsiderations SET status = $4, procedure = $5, accepted_on = $8, decided_on = $9, outcome = $10,"
        " reject_reason = $11, linked_case_no = $12, updated_at = $15, body = $16"
        " WHERE id = $17::bigint AND case_no = $1 AND region = $2 AND respondent = $3 AND channel = $6"
        " AND received_on = $7 AND created_by = $13 AND created_at = $14 RETURNING id";
    json_t *idv = json_object_get(row, "id");
    bool insert = !json_is_integer(idv);
    char *body = json_dumps(json_object_get(row, "body"), JSON_COMPACT | JSON_SORT_KEYS), idt[24];
    if (!body) return zf_fail(err, 500, "internal", NULL, "行政复议案件内容无法保存");
    const char *params[17];
    for (int i = 0; i < N_TEXTS; i++) params[i] = str(row, TEXTS[i]);
    params[15] = body;
    params[16] = insert ? NULL : pg_int(idt, json_integer_value(idv));
    PGresult *r = pg_query_text(st, insert ? INSERT : UPDATE, insert ? 16 : 17, params, "reconsiderations", err);
    free(body);
    if (!r) return ZF_ERR;
    int changed = PQntuples(r);
    long long id = changed ? pg_ll(r, 0, 0) : 0;
    PQclear(r);
    if (!insert) return changed == 1 ? ZF_OK : zf_fail(err, 409, "conflict", NULL, "行政复议案件已被修改");
    json_object_set_new(row, "id", json_integer(id));
    return ZF_OK;
}

int pg_store_recon_timeline_add(Store *st, const ReconTimelineRow *t, long long *id, ZfError *err)
{
    char rid[24];
    PGresult *r = pg_query_text(st,
                                "INSERT INTO reconsideration_timeline(reconsideration_id, time, on_date, \"user\","
                                " action, from_status, to_status, note)"
                                " VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                                PG_ARGS(pg_int(rid, t->recon_id), t->time, t->on, t->user, t->action, t->from_status,
                                        t->to_status, t->note ? t->note : ""),
                                "reconsideration_timeline", err);
    if (!r) return ZF_ERR;
    *id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_recon_timeline(Store *st, long long recon_id, json_t **items, ZfError *err)
{
    char rid[24];
    return pg_json_rows(st,
                        "SELECT " TIMELINE_JSON " FROM reconsideration_timeline WHERE reconsideration_id = $1::bigint"
                        " ORDER BY id",
                        PG_ARGS(pg_int(rid, recon_id)), "reconsideration_timeline", items, err);
}

int pg_store_recon_foreach(Store *st, ReconTable t, ReconRowFn fn, void *ctx, ZfError *err)
{
    const char *sql = t == RECON_TABLE_ROWS
                          ? "SELECT json_build_object(" STORED_FIELDS ") FROM reconsiderations r ORDER BY r.id"
                          : "SELECT " TIMELINE_JSON " FROM reconsideration_timeline ORDER BY id";
    return pg_body_walk(st, sql, PG_NOARGS, "reconsiderations", fn, ctx, err);
}

int pg_store_recon_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err)
{
    char y[24];
    PGresult *r = pg_query_text(st,
                                "INSERT INTO reconsideration_seq(region, year, seq) VALUES ($1, $2::bigint, 1)"
                                " ON CONFLICT (region, year) DO UPDATE SET seq = reconsideration_seq.seq + 1"
                                " RETURNING seq",
                                PG_ARGS(region, pg_int(y, year)), "reconsideration_seq", err);
    if (!r) return ZF_ERR;
    *seq = (long)pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

/* The 文书' own 文号 sequence (migration 083's twin): the counter row stays locked until the
 * step's transaction ends, so two servers never take one number and a rolled back step leaves no gap. */
int pg_store_recon_doc_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err)
{
    char y[24];
    PGresult *r = pg_query_text(st,
                                "INSERT INTO reconsideration_doc_seq(region, year, seq) VALUES ($1, $2::bigint, 1)"
                                " ON CONFLICT (region, year) DO UPDATE SET seq = reconsideration_doc_seq.seq + 1"
                                " RETURNING seq",
                                PG_ARGS(region, pg_int(y, year)), "reconsideration_doc_seq", err);
    if (!r) return ZF_ERR;
    *seq = (long)pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

/* The filter as fixed SQL over $1 … $7 (all text; an absent filter is NULL and adds nothing). */
typedef struct {
    char sql[1024];
    const char *params[9];
    char nums[2][24];
} ReconWhere;

static const char *opt(const char *v) { return v && *v ? v : NULL; }

static void build_where(const ReconFilter *f, ReconWhere *w)
{
    snprintf(w->sql, sizeof w->sql,
             "WHERE %s AND %s AND ($1::text IS NULL OR r.respondent = $1)"
             " AND ($2::text IS NULL OR left(coalesce(a.region, ''), length($2)) = $2)"
             " AND ($3::text IS NULL OR r.status = $3) AND ($4::text IS NULL OR r.respondent = $4)"
             " AND ($5::text IS NULL OR r.received_on >= $5) AND ($6::text IS NULL OR r.received_on <= $6)"
             " AND ($7::text IS NULL OR strpos(r.case_no, $7) > 0 OR strpos(r.body, $7) > 0)",
             f->scope_nothing ? "false" : "true", f->accepted_only ? "r.accepted_on IS NOT NULL" : "true");
    const char *v[7] = {opt(f->scope_agency), opt(f->scope_region_prefix), opt(f->status), opt(f->respondent),
                        opt(f->received_from), opt(f->received_to), opt(f->q)};
    memcpy(w->params, v, sizeof v);
}

int pg_store_recons_list(Store *st, const ReconFilter *f, int page, int size, json_t **out, ZfError *err)
{
    ReconWhere w;
    char sql[2048];
    build_where(f, &w);
    snprintf(sql, sizeof sql, "SELECT count(*) " FROM "%s", w.sql);
    PGresult *r = pg_query_text(st, sql, 7, w.params, "reconsiderations", err);
    if (!r) return ZF_ERR;
    long long total = pg_ll(r, 0, 0);
    PQclear(r);
    w.params[7] = pg_int(w.nums[0], size);
    w.params[8] = pg_int(w.nums[1], (long long)(page - 1) * size);
    snprintf(sql, sizeof sql, "SELECT " ROW_JSON " " FROM "%s ORDER BY r.id DESC LIMIT $8::bigint OFFSET $9::bigint",
             w.sql);
    if (!(r = pg_query_text(st, sql, 9, w.params, "reconsiderations", err))) return ZF_ERR;
    json_t *items = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(items, pg_json_cell(r, i, 0));
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

static int stats_query(Store *st, const ReconWhere *w, const char *select, const char *group, json_t **items,
                       ZfError *err)
{
    char sql[4096];
    snprintf(sql, sizeof sql, "SELECT %s " FROM "%s %s", select, w->sql, group);
    PGresult *r = pg_query_text(st, sql, 7, w->params, "reconsiderations", err);
    if (!r) return ZF_ERR;
    *items = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(*items, pg_json_cell(r, i, 0));
    PQclear(r);
    return ZF_OK;
}

/* 纠错: revoke, change, confirm_illegal, order_perform (the act found wrong); the rate over decisions.
 * sum() of no rows is NULL, as in SQLite. */
#define CORRECTED "sum((r.outcome IN ('revoke', 'change', 'confirm_illegal', 'order_perform'))::int)"
#define DECIDED "sum((r.decided_on IS NOT NULL)::int)"
#define COUNTS                                                                                                   \
    "'received', count(*), 'accepted', sum((r.accepted_on IS NOT NULL)::int), 'rejected',"                    \
    " sum((r.reject_reason IS NOT NULL)::int), 'decided', " DECIDED ", 'corrected', " CORRECTED ","            \
    " 'correction_rate', CASE WHEN " DECIDED " > 0 THEN round(100.0 * " CORRECTED " / " DECIDED ", 1) END,"    \
    " 'avg_days', round(avg(r.decided_on::date - r.accepted_on::date), 1)"

int pg_store_recons_stats(Store *st, const ReconFilter *f, json_t **out, ZfError *err)
{
    ReconWhere w;
    json_t *items = NULL, *reasons = NULL, *outcomes = NULL, *totals = NULL;
    build_where(f, &w);
    int rc = stats_query(st, &w, "json_build_object('respondent', r.respondent, 'respondent_name', a.name, " COUNTS ")",
                         "GROUP BY r.respondent, a.name ORDER BY count(*) DESC, r.respondent COLLATE \"C\"", &items,
                         err);
    if (rc == ZF_OK)
        rc = stats_query(st, &w, "json_build_object('reason', r.reject_reason, 'count', count(*))",
                         "AND r.reject_reason IS NOT NULL GROUP BY r.reject_reason ORDER BY count(*) DESC", &reasons,
                         err);
    if (rc == ZF_OK)
        rc = stats_query(st, &w, "json_build_object('outcome', r.outcome, 'count', count(*))",
                         "AND r.outcome IS NOT NULL GROUP BY r.outcome ORDER BY count(*) DESC", &outcomes, err);
    if (rc == ZF_OK) rc = stats_query(st, &w, "json_build_object(" COUNTS ")", "", &totals, err);
    if (rc != ZF_OK) {
        json_decref(items), json_decref(reasons), json_decref(outcomes), json_decref(totals);
        return ZF_ERR;
    }
    *out = json_pack("{s:o, s:o, s:o, s:O}", "items", items, "reject_reasons", reasons, "outcomes", outcomes, "totals",
                     json_array_get(totals, 0));
    json_decref(totals);
    return ZF_OK;
}
