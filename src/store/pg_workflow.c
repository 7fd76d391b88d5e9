/* PostgreSQL side of store/workflow.h. The timeline is append-only (a trigger refuses UPDATE and
 * DELETE). The 文号 counter (doc_numbers) is one row per agency and year: the upsert that takes
 * the next number locks that row until the transaction ends, so concurrent approvals on any
 * number of servers take 1, 2, 3 … in turn, and a rolled-back one gives its number back. */
#include <stdio.h>
#include <stdlib.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/workflow.h"
#include "store/workflow_seed.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static json_t *json_cell(const PGresult *r, int i, int c, json_t *dflt)
{
    json_t *v = PQgetisnull(r, i, c) ? NULL : json_loads(PQgetvalue(r, i, c), JSON_DECODE_ANY, NULL);
    if (v) {
        json_decref(dflt);
        return v;
    }
    return dflt;
}

#define ROW_COLS "w.case_no, w.agency, w.case_type, w.stage, w.state, w.assignees, w.doc_no," \
                 " w.created_by, w.created_at, w.updated_at"

static json_t *row_json(const PGresult *r, int i)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "case_no", pg_json_text(r, i, 0), "agency",
                     pg_json_text(r, i, 1), "case_type", pg_json_text(r, i, 2), "stage", pg_json_text(r, i, 3),
                     "state", json_cell(r, i, 4, json_object()), "assignees", json_cell(r, i, 5, json_array()),
                     "doc_no", pg_json_text(r, i, 6), "created_by", pg_json_text(r, i, 7), "created_at",
                     pg_json_text(r, i, 8), "updated_at", pg_json_text(r, i, 9));
}

int pg_store_workflow_get(Store *st, const char *case_no, json_t **row, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT " ROW_COLS " FROM case_workflow w WHERE w.case_no = $1", PG_ARGS(case_no),
                           "workflow", err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    if (found) *row = row_json(r, 0);
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "案件不存在");
}

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

int pg_store_workflow_put(Store *st, const json_t *row, ZfError *err)
{
    char *state = json_dumps(json_object_get(row, "state"), JSON_COMPACT);
    char *assignees = json_dumps(json_object_get(row, "assignees"), JSON_COMPACT);
    int rc = pg_exec(st,
                     "INSERT INTO case_workflow(case_no, agency, case_type, stage, state, assignees, doc_no,"
                     " created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, " PG_NOW ", " PG_NOW ")"
                     " ON CONFLICT (case_no) DO UPDATE SET stage = excluded.stage, state = excluded.state,"
                     " assignees = excluded.assignees, doc_no = excluded.doc_no, updated_at = excluded.updated_at",
                     PG_ARGS(str(row, "case_no"), str(row, "agency"), str(row, "case_type"), str(row, "stage"),
                             state ? state : "{}", assignees ? assignees : "[]", str(row, "doc_no"),
                             str(row, "created_by")),
                     "workflow", NULL, err);
    free(state);
    free(assignees);
    return rc;
}

int pg_store_workflow_timeline_insert(Store *st, const TimelineRow *row, long long *id, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "INSERT INTO case_timeline(case_no, time, \"user\", action, from_stage, to_stage, note)"
                           " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                           PG_ARGS(row->case_no, row->time, row->user, row->action, row->from_stage, row->to_stage,
                                   row->note ? row->note : ""),
                           "timeline", err);
    if (!r) return ZF_ERR;
    *id = pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_workflow_foreach(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT " ROW_COLS " FROM case_workflow w ORDER BY w.case_no COLLATE \"C\"", PG_NOARGS,
                           "workflow", err);
    if (!r) return ZF_ERR;
    for (int i = 0, stop = 0; i < PQntuples(r) && !stop; i++) {
        json_t *row = row_json(r, i);
        stop = fn(row, ctx);
        json_decref(row);
    }
    PQclear(r);
    return ZF_OK;
}

static json_t *timeline_row(const PGresult *r, int i, bool with_case)
{
    json_t *o = json_pack("{s:I}", "id", (json_int_t)pg_ll(r, i, 0));
    if (with_case) json_object_set_new(o, "case_no", pg_json_text(r, i, 7));
    static const char *const names[] = {"time", "user", "action", "from_stage", "to_stage", "note"};
    for (int c = 0; c < 6; c++) json_object_set_new(o, names[c], pg_json_text(r, i, c + 1));
    return o;
}

int pg_store_workflow_timeline_foreach(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT id, time, \"user\", action, from_stage, to_stage, note, case_no FROM case_timeline"
                           " ORDER BY id",
                           PG_NOARGS, "timeline", err);
    if (!r) return ZF_ERR;
    for (int i = 0, stop = 0; i < PQntuples(r) && !stop; i++) {
        json_t *row = timeline_row(r, i, true);
        stop = fn(row, ctx);
        json_decref(row);
    }
    PQclear(r);
    return ZF_OK;
}

int pg_store_workflow_timeline(Store *st, const char *case_no, json_t **items, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT id, time, \"user\", action, from_stage, to_stage, note FROM case_timeline"
                           " WHERE case_no = $1 ORDER BY id",
                           PG_ARGS(case_no), "timeline", err);
    if (!r) return ZF_ERR;
    json_t *a = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(a, timeline_row(r, i, false));
    PQclear(r);
    *items = a;
    return ZF_OK;
}

int pg_store_workflow_list(Store *st, const char *agency, const char *created_by, const char *stage, int page, int size,
                           json_t **out, ZfError *err)
{
    char lim[24], off[24];
    PGresult *r = pg_query(st,
                           "SELECT " ROW_COLS ", c.body, count(*) OVER () FROM case_workflow w"
                           " LEFT JOIN cases c ON c.case_no = w.case_no"
                           " WHERE w.agency = $1 AND ($2::text IS NULL OR w.created_by = $2)"
                           " AND ($3::text IS NULL OR w.stage = $3)"
                           " ORDER BY w.updated_at DESC, w.case_no COLLATE \"C\" LIMIT $4 OFFSET $5",
                           PG_ARGS(agency, created_by, stage, pg_int(lim, size), pg_int(off, (long long)(page - 1) * size)),
                           "workflow", err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    long long total = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        json_t *row = row_json(r, i);
        json_object_set_new(row, "record", json_cell(r, i, 10, json_null()));
        total = pg_ll(r, i, 11);
        json_array_append_new(items, row);
    }
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

int pg_store_workflow_next_seq(Store *st, const char *agency, int year, long *seq, ZfError *err)
{
    char y[24];
    PGresult *r = pg_query(st,
                           "INSERT INTO doc_numbers AS d (agency, year, next_seq) VALUES ($1, $2, 2)"
                           " ON CONFLICT (agency, year) DO UPDATE SET next_seq = d.next_seq + 1 RETURNING next_seq - 1",
                           PG_ARGS(agency, pg_int(y, year)), "doc_numbers", err);
    if (!r) return ZF_ERR;
    *seq = (long)pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_workflow_seq_skip(Store *st, const char *agency, int year, long used, ZfError *err)
{
    char y[24], u[24];
    return pg_exec(st,
                   "INSERT INTO doc_numbers AS d (agency, year, next_seq) VALUES ($1, $2, $3::bigint + 1)"
                   " ON CONFLICT (agency, year) DO UPDATE SET next_seq = greatest(d.next_seq, excluded.next_seq)",
                   PG_ARGS(agency, pg_int(y, year), pg_int(u, used)), "doc_numbers", NULL, err);
}

int pg_store_doc_no_used(Store *st, const char *agency, const char *doc_no, int *used, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT 1 FROM cases WHERE agency = $1 AND (body::jsonb) #>> '{decision,doc_no}' = $2 LIMIT 1",
                           PG_ARGS(agency, doc_no), "cases", err);
    if (!r) return ZF_ERR;
    *used = PQntuples(r) > 0;
    PQclear(r);
    return ZF_OK;
}

/* A PostgreSQL database starts at the schema of SQLite migration 060: it never holds rows written
 * before migration 018, so there is nothing to backfill into the ledger. */
bool pg_store_workflow_backfill_pending(Store *st, const char *table)
{
    (void)st;
    (void)table;
    return false;
}

int pg_store_workflow_backfill_done(Store *st, ZfError *err)
{
    (void)st;
    (void)err;
    return ZF_OK;
}
