/* SQLite side of the timeline insert (store/workflow.h) and of store/workflow_seed.h. */
#include "store/sqlite_internal.h"
#include "store/workflow.h"
#include "store/workflow_seed.h"

/* Insert only: the timeline is append-only (triggers refuse UPDATE and DELETE). */
int sqlite_store_workflow_timeline_insert(Store *st, const TimelineRow *r, long long *id, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO case_timeline(case_no, time, user, action, from_stage, to_stage, note)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "timeline");
    sqlite3_bind_text(q, 1, r->case_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, r->time, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, r->user, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, r->action, -1, SQLITE_STATIC);
    sqlite_bind_opt(q, 5, r->from_stage);
    sqlite_bind_opt(q, 6, r->to_stage);
    sqlite3_bind_text(q, 7, r->note ? r->note : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(q) == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "timeline");
    sqlite3_finalize(q);
    if (rc == ZF_OK) *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

int sqlite_store_workflow_seq_skip(Store *st, const char *agency, int year, long used, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO doc_numbers(agency, year, next_seq) VALUES (?1, ?2, ?3 + 1)"
                           " ON CONFLICT(agency, year) DO UPDATE SET next_seq = max(next_seq, excluded.next_seq)",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "doc_numbers");
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, year);
    sqlite3_bind_int64(q, 3, used);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "doc_numbers");
}
