/* SQLite side of store/workflow.h. Every query parameterized; the timeline is append-only
 * (triggers in 008_workflow.sql), so this file only ever inserts into it. The ledger events that
 * cover these rows are app/case_log.c's, written in the same savepoint as the row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"
#include "store/workflow.h"
#include "store/workflow_seed.h"

static json_t *json_col(sqlite3_stmt *q, int col, json_t *dflt)
{
    const char *text = (const char *)sqlite3_column_text(q, col);
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;
    if (v) {
        json_decref(dflt);
        return v;
    }
    return dflt;
}

#define ROW_COLS "w.case_no, w.agency, w.case_type, w.stage, w.state, w.assignees, w.doc_no," \
                 " w.created_by, w.created_at, w.updated_at"

static json_t *row_json(sqlite3_stmt *q)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "case_no",
                     sqlite_json_text(q, 0), "agency", sqlite_json_text(q, 1), "case_type",
                     sqlite_json_text(q, 2), "stage", sqlite_json_text(q, 3), "state",
                     json_col(q, 4, json_object()), "assignees", json_col(q, 5, json_array()),
                     "doc_no", sqlite_json_text(q, 6), "created_by", sqlite_json_text(q, 7),
                     "created_at", sqlite_json_text(q, 8), "updated_at", sqlite_json_text(q, 9));
}

int sqlite_store_workflow_get(Store *st, const char *case_no, json_t **row, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT " ROW_COLS " FROM case_workflow w WHERE w.case_no = ?1", -1,
                           &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "workflow");
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = row_json(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return ZF_OK;
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "案件不存在");
    return sqlite_fail(st, err, "workflow");
}

static const char *str(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

int sqlite_store_workflow_put(Store *st, const json_t *row, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    const char *sql =
        "INSERT INTO case_workflow(case_no, agency, case_type, stage, state, assignees, doc_no,"
        " created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)"
        " ON CONFLICT(case_no) DO UPDATE SET stage = ?4, state = ?5, assignees = ?6,"
        " doc_no = ?7, updated_at = ?9";
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "workflow");
    char *state = json_dumps(json_object_get(row, "state"), JSON_COMPACT);
    char *assignees = json_dumps(json_object_get(row, "assignees"), JSON_COMPACT);
    sqlite_bind_opt(q, 1, str(row, "case_no"));
    sqlite_bind_opt(q, 2, str(row, "agency"));
    sqlite_bind_opt(q, 3, str(row, "case_type"));
    sqlite_bind_opt(q, 4, str(row, "stage"));
    sqlite3_bind_text(q, 5, state ? state : "{}", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 6, assignees ? assignees : "[]", -1, SQLITE_TRANSIENT);
    sqlite_bind_opt(q, 7, str(row, "doc_no"));
    sqlite_bind_opt(q, 8, str(row, "created_by"));
    sqlite3_bind_text(q, 9, now, -1, SQLITE_STATIC);
    free(state);
    free(assignees);
    int rc = sqlite3_step(q) == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "workflow");
    sqlite3_finalize(q);
    return rc;
}

int sqlite_store_workflow_foreach(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT " ROW_COLS " FROM case_workflow w ORDER BY w.case_no", -1, &q, NULL) !=
        SQLITE_OK)
        return sqlite_fail(st, err, "workflow");
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *row = row_json(q);
        stop = fn(row, ctx);
        json_decref(row);
    }
    int failed = !stop && rc != SQLITE_DONE;
    sqlite3_finalize(q);
    return failed ? sqlite_fail(st, err, "workflow") : ZF_OK;
}

int sqlite_store_workflow_timeline_foreach(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT id, case_no, time, user, action, from_stage, to_stage, note FROM case_timeline"
                           " ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "timeline");
    int rc, stop = 0;
    while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *row = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
                                (json_int_t)sqlite3_column_int64(q, 0), "case_no", sqlite_json_text(q, 1), "time",
                                sqlite_json_text(q, 2), "user", sqlite_json_text(q, 3), "action",
                                sqlite_json_text(q, 4), "from_stage", sqlite_json_text(q, 5), "to_stage",
                                sqlite_json_text(q, 6), "note", sqlite_json_text(q, 7));
        stop = fn(row, ctx);
        json_decref(row);
    }
    int failed = !stop && rc != SQLITE_DONE;
    sqlite3_finalize(q);
    return failed ? sqlite_fail(st, err, "timeline") : ZF_OK;
}

int sqlite_store_workflow_timeline(Store *st, const char *case_no, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT id, time, user, action, from_stage, to_stage, note FROM case_timeline"
                           " WHERE case_no = ?1 ORDER BY id",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "timeline");
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        json_array_append_new(a, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
                                           (json_int_t)sqlite3_column_int64(q, 0), "time",
                                           sqlite_json_text(q, 1), "user", sqlite_json_text(q, 2),
                                           "action", sqlite_json_text(q, 3), "from_stage",
                                           sqlite_json_text(q, 4), "to_stage", sqlite_json_text(q, 5),
                                           "note", sqlite_json_text(q, 6)));
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return sqlite_fail(st, err, "timeline");
    }
    *items = a;
    return ZF_OK;
}

int sqlite_store_workflow_list(Store *st, const char *agency, const char *created_by, const char *stage,
                        int page, int size, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    const char *sql = "SELECT " ROW_COLS ", c.body, count(*) OVER () FROM case_workflow w"
                      " LEFT JOIN cases c ON c.case_no = w.case_no"
                      " WHERE w.agency = ?1 AND (?2 IS NULL OR w.created_by = ?2)"
                      " AND (?3 IS NULL OR w.stage = ?3)"
                      " ORDER BY w.updated_at DESC, w.case_no LIMIT ?4 OFFSET ?5";
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "workflow");
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    sqlite_bind_opt(q, 2, created_by);
    sqlite_bind_opt(q, 3, stage);
    sqlite3_bind_int(q, 4, size);
    sqlite3_bind_int64(q, 5, (sqlite3_int64)(page - 1) * size);
    json_t *items = json_array();
    long long total = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        json_t *row = row_json(q);
        json_object_set_new(row, "record", json_col(q, 10, json_null()));
        total = sqlite3_column_int64(q, 11);
        json_array_append_new(items, row);
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(items);
        return sqlite_fail(st, err, "workflow");
    }
    *out = json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "page", page,
                     "size", size);
    return ZF_OK;
}

int sqlite_store_workflow_next_seq(Store *st, const char *agency, int year, long *seq, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO doc_numbers(agency, year, next_seq) VALUES (?1, ?2, 2)"
                           " ON CONFLICT(agency, year) DO UPDATE SET next_seq = next_seq + 1"
                           " RETURNING next_seq - 1",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "doc_numbers");
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, year);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *seq = (long)sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "doc_numbers");
}

int sqlite_store_doc_no_used(Store *st, const char *agency, const char *doc_no, int *used, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT 1 FROM cases WHERE agency = ?1 AND json_extract(body, '$.decision.doc_no') = ?2"
                           " LIMIT 1",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "cases");
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, doc_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    *used = rc == SQLITE_ROW;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "cases");
}

/* ---- rows written before migration 018 ---- */

bool sqlite_store_workflow_backfill_pending(Store *st, const char *table)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM ledger_backfill WHERE what = ?1", -1, &q, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_text(q, 1, table, -1, SQLITE_STATIC);
    bool yes = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    return yes;
}

int sqlite_store_workflow_backfill_done(Store *st, ZfError *err)
{
    if (sqlite3_exec(st->db, "DELETE FROM ledger_backfill", NULL, NULL, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "ledger_backfill");
    return ZF_OK;
}
