/* PostgreSQL side of store/findings.h, as far as ported: the rule configuration versions and
 * the sweep's dirty mark (the findings themselves are not yet: docs/postgresql.md). */
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"

int pg_store_rule_config_latest(Store *st, int *version, char **overrides, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT version, overrides FROM rule_config_versions ORDER BY version DESC LIMIT 1",
                           PG_NOARGS, "rule_config_versions", err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    *version = found ? (int)pg_ll(r, 0, 0) : 0;
    *overrides = strdup(found ? pg_text(r, 0, 1) : "[]");
    PQclear(r);
    return *overrides ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
}

/* Two supervisors saving at once: the second meets the version's primary key (409) and retries. */
int pg_store_rule_config_save(Store *st, const char *overrides, const char *by, int *version, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "INSERT INTO rule_config_versions(version, created_at, created_by, overrides)"
                           " SELECT coalesce(max(version), 0) + 1,"
                           " to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $1, $2"
                           " FROM rule_config_versions RETURNING version",
                           PG_ARGS(by, overrides), "rule_config_versions", err);
    if (!r) return ZF_ERR;
    *version = (int)pg_ll(r, 0, 0);
    PQclear(r);
    return ZF_OK;
}

int pg_store_mark_dirty(Store *st, ZfError *err)
{
    return pg_exec(st, "UPDATE sweep_state SET dirty = 1 WHERE id = 1", PG_NOARGS, "sweep_state", NULL, err);
}

int pg_store_is_dirty(Store *st)
{
    ZfError ignored = {0};
    PGresult *r = pg_query(st, "SELECT dirty FROM sweep_state WHERE id = 1", PG_NOARGS, "sweep_state", &ignored);
    int dirty = r && PQntuples(r) ? (int)pg_ll(r, 0, 0) : -1;
    PQclear(r);
    return dirty;
}
