/* SQLite side of store/workflow_seed.h. Insert only: the timeline is append-only, and each row is
 * logged in the ledger as it is written (the one place a timeline row is made). */
#include "ledger/ledger.h"
#include "store/ledger_store.h"
#include "store/sqlite_internal.h"
#include "store/workflow_seed.h"

/* The row and its timeline.add event in one savepoint: verify holds every row to the event it
 * was written with (the row id is in the event, so a row moved or renumbered no longer matches). */
int store_workflow_timeline_add_at(Store *st, const char *case_no, const char *time, const char *user,
                                   const char *action, const char *from_stage, const char *to_stage,
                                   const char *note, ZfError *err)
{
    sqlite3_stmt *q;
    if (ledger_db_savepoint(st, "SAVEPOINT timeline_add", err) != ZF_OK) return ZF_ERR;
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO case_timeline(case_no, time, user, action, from_stage, to_stage, note)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &q, NULL) != SQLITE_OK) {
        sqlite_fail(st, err, "timeline");
        ledger_db_savepoint(st, "ROLLBACK TO timeline_add; RELEASE timeline_add", NULL);
        return ZF_ERR;
    }
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, time, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, user, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, action, -1, SQLITE_STATIC);
    sqlite_bind_opt(q, 5, from_stage);
    sqlite_bind_opt(q, 6, to_stage);
    sqlite3_bind_text(q, 7, note ? note : "", -1, SQLITE_STATIC);
    int rc = sqlite3_step(q) == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "timeline");
    sqlite3_finalize(q);
    if (rc == ZF_OK) {
        json_t *data = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "id",
                                 (json_int_t)sqlite3_last_insert_rowid(st->db), "case_no", case_no, "time", time,
                                 "user", user, "action", action, "from_stage",
                                 from_stage ? json_string(from_stage) : json_null(), "to_stage",
                                 to_stage ? json_string(to_stage) : json_null(), "note", note ? note : "");
        rc = data ? ledger_append_seq(st, LEDGER_TIMELINE_ADD, case_no, data, NULL, err)
                  : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        json_decref(data);
    }
    if (rc == ZF_OK) return ledger_db_savepoint(st, "RELEASE timeline_add", err);
    ledger_db_savepoint(st, "ROLLBACK TO timeline_add; RELEASE timeline_add", NULL);
    return ZF_ERR;
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
