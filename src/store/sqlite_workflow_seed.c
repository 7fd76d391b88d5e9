/* SQLite side of store/workflow_seed.h. Insert only: the timeline is append-only. */
#include "store/sqlite_internal.h"
#include "store/workflow_seed.h"

int store_workflow_timeline_add_at(Store *st, const char *case_no, const char *time, const char *user,
                                   const char *action, const char *from_stage, const char *to_stage,
                                   const char *note, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO case_timeline(case_no, time, user, action, from_stage, to_stage, note)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "timeline");
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, time, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, user, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, action, -1, SQLITE_STATIC);
    sqlite_bind_opt(q, 5, from_stage);
    sqlite_bind_opt(q, 6, to_stage);
    sqlite3_bind_text(q, 7, note ? note : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "timeline");
}

int store_workflow_seq_skip(Store *st, const char *agency, int year, long used, ZfError *err)
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
