/* PostgreSQL side of store/portal.h: the portal's proof-of-work challenges and per-address counts.
 * The take and the count are atomic by themselves (DELETE … RETURNING, INSERT … ON CONFLICT …
 * RETURNING), as on SQLite. */
#include <string.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/portal.h"

int pg_store_portal_challenge_add(Store *st, const char *id, const char *prefix, int bits, long long expires_at,
                                  long long now, ZfError *err)
{
    char n[24], b[24], e[24];
    if (pg_exec(st, "DELETE FROM portal_challenges WHERE expires_at < $1::bigint", PG_ARGS(pg_int(n, now)),
                "portal_challenges", NULL, err) != ZF_OK)
        return ZF_ERR;
    return pg_exec(st, "INSERT INTO portal_challenges(id, prefix, bits, expires_at) VALUES ($1, $2, $3::bigint, $4::bigint)",
                   PG_ARGS(id, prefix, pg_int(b, bits), pg_int(e, expires_at)), "portal_challenges", NULL, err);
}

int pg_store_portal_challenge_take(Store *st, const char *id, long long now, char prefix[PORTAL_CHALLENGE_PREFIX + 1],
                                   int *bits, bool *found, ZfError *err)
{
    *found = false;
    PGresult *r = pg_query(st, "DELETE FROM portal_challenges WHERE id = $1 RETURNING prefix, bits, expires_at",
                           PG_ARGS(id), "portal_challenges", err);
    if (!r) return ZF_ERR;
    if (PQntuples(r)) {
        pg_copy(r, 0, 0, prefix, PORTAL_CHALLENGE_PREFIX + 1);
        *bits = (int)pg_ll(r, 0, 1);
        *found = pg_ll(r, 0, 2) >= now;
    }
    PQclear(r);
    return ZF_OK;
}

int pg_store_portal_count(Store *st, const char *addr, const char *kind, long long hour, int add, int *count,
                          ZfError *err)
{
    char h[24], prev[24], a[24];
    *count = 0;
    if (add > 0 && pg_exec(st, "DELETE FROM portal_counts WHERE hour < $1::bigint", PG_ARGS(pg_int(prev, hour - 1)),
                           "portal_counts", NULL, err) != ZF_OK)
        return ZF_ERR;
    PGresult *r = add > 0 ? pg_query(st,
                                     "INSERT INTO portal_counts AS c (addr, kind, hour, n) VALUES ($1, $2, $3::bigint, $4::bigint)"
                                     " ON CONFLICT (addr, kind, hour) DO UPDATE SET n = c.n + excluded.n RETURNING n",
                                     PG_ARGS(addr, kind, pg_int(h, hour), pg_int(a, add)), "portal_counts", err)
                          : pg_query(st, "SELECT n FROM portal_counts WHERE addr = $1 AND kind = $2 AND hour = $3::bigint",
                                     PG_ARGS(addr, kind, pg_int(h, hour)), "portal_counts", err);
    if (!r) return ZF_ERR;
    if (PQntuples(r)) *count = (int)pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}
