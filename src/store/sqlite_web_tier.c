/* SQLite side of store/web_tier.h. */
#include "store/web_tier.h"

#include "store/sqlite_internal.h"

int sqlite_store_job_lease(Store *st, const char *job, const char *holder, long long now, long long ttl, bool *held,
                           ZfError *err)
{
    sqlite3_stmt *q;
    /* one statement: taken when free, expired or already ours; another holder's live lease stays */
    if (sqlite_prepare(st,
                       "INSERT INTO job_leases(job, holder, acquired_at, expires_at) VALUES (?1, ?2, ?3, ?3 + ?4)"
                       " ON CONFLICT(job) DO UPDATE SET expires_at = excluded.expires_at,"
                       " acquired_at = CASE WHEN job_leases.holder = excluded.holder THEN job_leases.acquired_at"
                       "   ELSE excluded.acquired_at END, holder = excluded.holder"
                       " WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= ?3",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, job, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, holder, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, now);
    sqlite3_bind_int64(q, 4, ttl);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "job_leases");
    *held = sqlite3_changes(st->db) == 1;
    return ZF_OK;
}

int sqlite_store_job_release(Store *st, const char *job, const char *holder, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "UPDATE job_leases SET expires_at = 0 WHERE job = ?1 AND holder = ?2", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, job, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, holder, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "job_leases");
}

/* Kept prepared for the connection's life: it runs on every request that carries a session. */
int sqlite_store_auth_generation(Store *st, long long *gen, ZfError *err)
{
    if (!st->auth_gen && sqlite3_prepare_v3(st->db, "SELECT n FROM auth_generation WHERE id = 1", -1,
                                            SQLITE_PREPARE_PERSISTENT, &st->auth_gen, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "auth_generation");
    int rc = sqlite3_step(st->auth_gen);
    *gen = rc == SQLITE_ROW ? sqlite3_column_int64(st->auth_gen, 0) : -1;
    sqlite3_reset(st->auth_gen);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "auth_generation");
}

bool sqlite_store_in_transaction(Store *st) { return !sqlite3_get_autocommit(st->db); }

static int insert_audit(Store *st, sqlite3_stmt *q, const char *now, const AuditEntry *e)
{
    const char *v[7] = {e->username, e->role, e->ip ? e->ip : "", e->action, e->target ? e->target : "",
                        e->result, e->detail ? e->detail : ""};
    sqlite3_reset(q);
    sqlite3_bind_text(q, 1, now, -1, SQLITE_STATIC);
    for (int i = 0; i < 7; i++) sqlite_bind_opt(q, i + 2, v[i]);
    (void)st;
    return sqlite3_step(q) == SQLITE_DONE ? ZF_OK : ZF_ERR;
}

int sqlite_store_audit_append_many(Store *st, const AuditEntry *const *entries, size_t n, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) return sqlite_fail(st, err, "audit_log");
    if (sqlite_prepare(st,
                       "INSERT INTO audit_log(time, username, role, ip, action, target, result, detail)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                       &q, err) != ZF_OK) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return ZF_ERR;
    }
    int rc = ZF_OK;
    for (size_t i = 0; i < n && rc == ZF_OK; i++) rc = insert_audit(st, q, now, entries[i]);
    sqlite3_finalize(q);
    if (rc == ZF_OK && sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK) return ZF_OK;
    rc = sqlite_fail(st, err, "audit_log");
    sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}
