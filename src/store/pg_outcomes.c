/* PostgreSQL side of the case-outcome scan of store/leads.h: the cases whose revocation changed
 * since a mark, and the mark itself (one row, as on SQLite). */
#include <string.h>

#include "store/leads.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

int pg_store_case_outcomes_since(Store *st, const char *since, CaseOutcomeFn fn, void *ctx, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT json_build_object('case_no', c.case_no, 'agency', c.agency, 'revocation',"
                           " c.body::jsonb -> 'revocation', 'updated_at', c.updated_at)"
                           " FROM cases c WHERE c.updated_at >= $1"
                           " AND jsonb_typeof(c.body::jsonb -> 'revocation') = 'object'"
                           " ORDER BY c.updated_at COLLATE \"C\"",
                           PG_ARGS(since ? since : ""), "cases", err);
    if (!r) return ZF_ERR;
    for (int i = 0, stop = 0; i < PQntuples(r) && !stop; i++) {
        json_t *row = pg_json_cell(r, i, 0);
        stop = fn(row, ctx);
        json_decref(row);
    }
    PQclear(r);
    return ZF_OK;
}

int pg_store_outcome_scan_get(Store *st, char mark[32], ZfError *err)
{
    mark[0] = '\0';
    PGresult *r = pg_query(st, "SELECT mark FROM outcome_scan WHERE id = 1", PG_NOARGS, "outcome_scan", err);
    if (!r) return ZF_ERR;
    if (PQntuples(r)) pg_copy(r, 0, 0, mark, 32);
    PQclear(r);
    return ZF_OK;
}

int pg_store_outcome_scan_set(Store *st, const char *mark, ZfError *err)
{
    return pg_exec(st, "UPDATE outcome_scan SET mark = $1 WHERE id = 1", PG_ARGS(mark), "outcome_scan", NULL, err);
}
