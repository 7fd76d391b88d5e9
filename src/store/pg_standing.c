/* PostgreSQL side of store/standing.h: where a record to be written stands for the writer — in
 * scope, out of it, or an online case — by one lookup on its key. Parameters: $1 scope agency,
 * $2 scope region prefix, $3 key, $4 the new body (all text). An owner no agency row names is in
 * no region's scope (as for reads). */
#include <stdlib.h>
#include <string.h>

#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/standing.h"

#define OWNER_IN_SCOPE(owner) \
    "(($1 IS NULL OR " owner " = $1) AND ($2 IS NULL OR starts_with(coalesce(a.region, ''), $2)))"
#define NO_LIMIT "($1 IS NULL AND $2 IS NULL)"
#define POWER_SCOPE                                                                                  \
    "EXISTS (SELECT 1 FROM jsonb_array_elements_text(p.body::jsonb -> 'agencies') j(code)"         \
    " JOIN agencies a ON a.code = j.code WHERE ($1 IS NULL OR a.code = $1)"                          \
    " AND ($2 IS NULL OR starts_with(a.region, $2)))"

static const char *const standing_sql[REC_TYPE_COUNT] = {
    [REC_AGENCY] = "SELECT " OWNER_IN_SCOPE("a.code") ", false, $4 FROM agencies a WHERE a.code = $3",
    [REC_OFFICER] = "SELECT " OWNER_IN_SCOPE("o.agency") ", false, $4"
                    " FROM officers o LEFT JOIN agencies a ON a.code = o.agency WHERE o.cert_no = $3",
    [REC_POWER] = "SELECT " NO_LIMIT " OR " POWER_SCOPE ", false, $4 FROM powers p WHERE p.code = $3",
    [REC_BENCHMARK] = "SELECT " NO_LIMIT " OR " POWER_SCOPE ", false, $4 FROM powers p WHERE p.code = $3",
    [REC_CASE] = "SELECT " OWNER_IN_SCOPE("c.agency") ","
                 " EXISTS (SELECT 1 FROM case_workflow w WHERE w.case_no = c.case_no) AND c.body IS DISTINCT FROM $4"
                 " FROM cases c LEFT JOIN agencies a ON a.code = c.agency WHERE c.case_no = $3",
};

int pg_store_record_standing(Store *st, const StoredRecord *rec, const char *scope_agency,
                             const char *scope_region_prefix, StoredStanding *out, ZfError *err)
{
    const char *sql = (unsigned)rec->keys.type < REC_TYPE_COUNT ? standing_sql[rec->keys.type] : NULL;
    *out = STORED_NONE;
    if (!sql) return ZF_OK; /* a monthly report: keyed by the agency the line names */
    char *body = strndup(rec->body, rec->body_len);
    if (!body) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    PGresult *r = pg_query_text(st, sql, PG_ARGS(scope_agency, scope_region_prefix, rec->keys.key, body), "standing", err);
    free(body);
    if (!r) return ZF_ERR;
    if (PQntuples(r))
        *out = !pg_ll(r, 0, 0) ? STORED_OUT_OF_SCOPE : pg_ll(r, 0, 1) ? STORED_ONLINE_CASE : STORED_IN_SCOPE;
    PQclear(r);
    return ZF_OK;
}
