/* SQLite side of store/portal.h: each operation is one or two statements in autocommit, the
 * take and the count atomic by themselves (DELETE … RETURNING, INSERT … ON CONFLICT … RETURNING). */
#include <string.h>

#include "store/portal.h"
#include "store/sqlite_internal.h"

int sqlite_store_portal_challenge_add(Store *st, const char *id, const char *prefix, int bits, long long expires_at,
                                      long long now, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "DELETE FROM portal_challenges WHERE expires_at < ?1", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, now);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "portal_challenges");
    if (sqlite_prepare(st, "INSERT INTO portal_challenges(id, prefix, bits, expires_at) VALUES (?1, ?2, ?3, ?4)", &q,
                       err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, prefix, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(q, 3, bits);
    sqlite3_bind_int64(q, 4, expires_at);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "portal_challenges");
}

int sqlite_store_portal_challenge_take(Store *st, const char *id, long long now,
                                       char prefix[PORTAL_CHALLENGE_PREFIX + 1], int *bits, bool *found, ZfError *err)
{
    sqlite3_stmt *q;
    *found = false;
    if (sqlite_prepare(st, "DELETE FROM portal_challenges WHERE id = ?1 RETURNING prefix, bits, expires_at", &q, err) !=
        ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        sqlite_col_copy(q, 0, prefix, PORTAL_CHALLENGE_PREFIX + 1);
        *bits = sqlite3_column_int(q, 1);
        *found = sqlite3_column_int64(q, 2) >= now;
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "portal_challenges");
}

int sqlite_store_portal_count(Store *st, const char *addr, const char *kind, long long hour, int add, int *count,
                              ZfError *err)
{
    sqlite3_stmt *q;
    *count = 0;
    if (add > 0) {
        if (sqlite_prepare(st, "DELETE FROM portal_counts WHERE hour < ?1", &q, err) != ZF_OK) return ZF_ERR;
        sqlite3_bind_int64(q, 1, hour - 1);
        int rc = sqlite3_step(q);
        sqlite3_finalize(q);
        if (rc != SQLITE_DONE) return sqlite_fail(st, err, "portal_counts");
    }
    const char *sql = add > 0 ? "INSERT INTO portal_counts(addr, kind, hour, n) VALUES (?1, ?2, ?3, ?4)"
                                " ON CONFLICT(addr, kind, hour) DO UPDATE SET n = n + excluded.n RETURNING n"
                              : "SELECT n FROM portal_counts WHERE addr = ?1 AND kind = ?2 AND hour = ?3";
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, addr, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 3, hour);
    if (add > 0) sqlite3_bind_int(q, 4, add);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *count = sqlite3_column_int(q, 0);
        rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "portal_counts");
}
