/* PostgreSQL side of store/web_tier.h: job leases, the auth generation (tables of migrations_pg
 * 003, the twins of SQLite 079/080) and the audit group commit. */
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/web_tier.h"

int pg_store_job_lease(Store *st, const char *job, const char *holder, long long now, long long ttl, bool *held,
                       ZfError *err)
{
    char n[24], t[24];
    long long changed = 0;
    /* one statement: taken when free, expired or already ours; another holder's live lease stays
     * (the row lock of the conflicting row orders two processes trying at once) */
    if (pg_exec(st,
                "INSERT INTO job_leases AS l (job, holder, acquired_at, expires_at)"
                " VALUES ($1, $2, $3::bigint, $3::bigint + $4::bigint)"
                " ON CONFLICT (job) DO UPDATE SET expires_at = excluded.expires_at,"
                " acquired_at = CASE WHEN l.holder = excluded.holder THEN l.acquired_at ELSE excluded.acquired_at END,"
                " holder = excluded.holder"
                " WHERE l.holder = excluded.holder OR l.expires_at <= $3::bigint",
                PG_ARGS(job, holder, pg_int(n, now), pg_int(t, ttl)), "job_leases", &changed, err) != ZF_OK)
        return ZF_ERR;
    *held = changed == 1;
    return ZF_OK;
}

int pg_store_job_release(Store *st, const char *job, const char *holder, ZfError *err)
{
    return pg_exec(st, "UPDATE job_leases SET expires_at = 0 WHERE job = $1 AND holder = $2", PG_ARGS(job, holder),
                   "job_leases", NULL, err);
}

int pg_store_auth_generation(Store *st, long long *gen, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT n FROM auth_generation WHERE id = 1", PG_NOARGS, "auth_generation", err);
    *gen = r && PQntuples(r) ? pg_ll(r, 0, 0) : -1;
    int found = r && PQntuples(r);
    PQclear(r);
    if (!r) return ZF_ERR;
    return found ? ZF_OK : zf_fail(err, 500, "database_error", NULL, "数据库操作失败（auth_generation）");
}

bool pg_store_in_transaction(Store *st)
{
    return pg_in_transaction(st);
}

/* One statement: the n rows are written all or none, with one time (as SQLite's one transaction). */
int pg_store_audit_append_many(Store *st, const AuditEntry *const *entries, size_t n, ZfError *err)
{
    json_t *rows = json_array();
    for (size_t i = 0; i < n; i++) {
        const AuditEntry *e = entries[i];
        json_array_append_new(rows, json_pack("[s?, s?, s, s?, s, s?, s]", e->username, e->role, e->ip ? e->ip : "",
                                              e->action, e->target ? e->target : "", e->result,
                                              e->detail ? e->detail : ""));
    }
    char *text = json_dumps(rows, JSON_COMPACT);
    json_decref(rows);
    if (!text) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    int rc = pg_exec(st,
                     "INSERT INTO audit_log(time, username, role, ip, action, target, result, detail)"
                     " SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                     " e->>0, e->>1, e->>2, e->>3, e->>4, e->>5, e->>6"
                     " FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS j(e, pos) ORDER BY pos",
                     PG_ARGS(text), "audit_log", NULL, err);
    free(text);
    return rc;
}
