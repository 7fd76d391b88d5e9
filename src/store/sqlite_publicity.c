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

/* Runs sql with ?1…?4 bound to v and ?5 to the current UTC time; *changed = rows changed. */
static int run(Store *st, const char *sql, const char *const v[4], int *changed, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    utc_now(now);
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "case_publicity");
    for (int i = 0; i < 4; i++) sqlite3_bind_text(q, i + 1, v[i], -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "case_publicity");
    *changed = sqlite3_changes(st->db);
    return ZF_OK;
}

int store_publicity_publish(Store *st, const char *case_no, const char *agency, const char *published_on,
                            const char *user, ZfError *err)
{
    const char *v[4] = {case_no, agency, published_on, user};
    int changed;
    if (run(st,
            "INSERT INTO case_publicity(case_no, agency, published_on, published_by, updated_at)"
            " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(case_no) DO NOTHING",
            v, &changed, err) != ZF_OK)
        return ZF_ERR;
    return changed == 1 ? ZF_OK : zf_fail(err, 409, "already_published", "published_on", "处罚决定已经公示");
}

int store_publicity_withdraw(Store *st, const char *case_no, const char *withdrawn_on, const char *user,
                             const char *reason, ZfError *err)
{
    const char *v[4] = {case_no, withdrawn_on, user, reason};
    int changed;
    if (run(st,
            "UPDATE case_publicity SET withdrawn_on = ?2, withdrawn_by = ?3, withdraw_reason = ?4,"
            " updated_at = ?5 WHERE case_no = ?1 AND withdrawn_on IS NULL",
            v, &changed, err) != ZF_OK)
        return ZF_ERR;
    return changed == 1 ? ZF_OK : zf_fail(err, 409, "not_published", "published_on", "处罚决定未公示或已撤回");
}
