/* SQLite side of store/publicity.h. Parameterized statements only; callers hold the transaction. */
#include <time.h>

#include "store/publicity.h"
#include "store/sqlite_internal.h"

static void utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int store_publicity_publish(Store *st, const char *case_no, const char *agency, const char *published_on,
                            const char *user, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    utc_now(now);
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO case_publicity(case_no, agency, published_on, published_by, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(case_no) DO NOTHING",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "case_publicity");
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, agency, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, published_on, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, user, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "case_publicity");
    return sqlite3_changes(st->db) == 1 ? ZF_OK
                                        : zf_fail(err, 409, "already_published", "published_on", "处罚决定已经公示");
}

int store_publicity_withdraw(Store *st, const char *case_no, const char *withdrawn_on, const char *user,
                             const char *reason, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    utc_now(now);
    if (sqlite3_prepare_v2(st->db,
                           "UPDATE case_publicity SET withdrawn_on = ?2, withdrawn_by = ?3, withdraw_reason = ?4,"
                           " updated_at = ?5 WHERE case_no = ?1 AND withdrawn_on IS NULL",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "case_publicity");
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, withdrawn_on, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, user, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "case_publicity");
    return sqlite3_changes(st->db) == 1
               ? ZF_OK
               : zf_fail(err, 409, "not_published", "published_on", "处罚决定未公示或已撤回");
}
