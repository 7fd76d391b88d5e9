/* PostgreSQL side of store/publicity.h (处罚决定公示) and store/public.h (the portal's list of
 * published decisions). Callers hold the transaction of a publish or withdrawal. */
#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/public.h"
#include "store/publicity.h"

#define NOW_TEXT "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

int pg_store_publicity_publish(Store *st, const char *case_no, const char *agency, const char *published_on,
                               const char *user, ZfError *err)
{
    long long changed = 0;
    if (pg_exec(st,
                "INSERT INTO case_publicity(case_no, agency, published_on, published_by, updated_at)"
                " VALUES ($1, $2, $3, $4, " NOW_TEXT ") ON CONFLICT (case_no) DO NOTHING",
                PG_ARGS(case_no, agency, published_on, user), "case_publicity", &changed, err) != ZF_OK)
        return ZF_ERR;
    return changed == 1 ? ZF_OK : zf_fail(err, 409, "already_published", "published_on", "处罚决定已经公示");
}

int pg_store_publicity_withdraw(Store *st, const char *case_no, const char *withdrawn_on, const char *user,
                                const char *reason, ZfError *err)
{
    long long changed = 0;
    if (pg_exec(st,
                "UPDATE case_publicity SET withdrawn_on = $2, withdrawn_by = $3, withdraw_reason = $4,"
                " updated_at = " NOW_TEXT " WHERE case_no = $1 AND withdrawn_on IS NULL",
                PG_ARGS(case_no, withdrawn_on, user, reason), "case_publicity", &changed, err) != ZF_OK)
        return ZF_ERR;
    return changed == 1 ? ZF_OK : zf_fail(err, 409, "not_published", "published_on", "处罚决定未公示或已撤回");
}

int pg_store_publicity_pending(Store *st, const char *agency, json_t **items, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT w.case_no, w.agency, w.case_type, w.stage, w.state, w.doc_no, c.body FROM case_workflow w"
                           " JOIN cases c ON c.case_no = w.case_no"
                           " WHERE w.agency = $1 AND c.body::jsonb #>> '{decision,outcome}' = 'penalty'"
                           " AND ((c.body::jsonb ->> 'published_on' IS NULL AND w.state::jsonb ->> 'revocation' IS NULL"
                           "       AND c.body::jsonb ->> 'procedure' = 'ordinary')"
                           "   OR (c.body::jsonb ->> 'published_on' IS NOT NULL AND w.state::jsonb ->> 'revocation' IS NOT NULL"
                           "       AND w.state::jsonb ->> 'withdrawal' IS NULL))"
                           " ORDER BY c.body::jsonb ->> 'decided_on' COLLATE \"C\" NULLS FIRST, w.case_no COLLATE \"C\""
                           " LIMIT 500",
                           PG_ARGS(agency), "case_publicity", err);
    if (!r) return ZF_ERR;
    json_t *a = json_array();
    for (int i = 0; i < PQntuples(r); i++) {
        json_t *state = json_loads(pg_text(r, i, 4), 0, NULL);
        json_t *rec = json_loads(pg_text(r, i, 6), 0, NULL);
        json_t *row = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "case_no", pg_json_text(r, i, 0), "agency",
                                pg_json_text(r, i, 1), "case_type", pg_json_text(r, i, 2), "stage",
                                pg_json_text(r, i, 3), "state", state ? state : json_object(), "doc_no",
                                pg_json_text(r, i, 5));
        json_array_append_new(a, json_pack("{s:o, s:o}", "row", row, "record", rec ? rec : json_null()));
    }
    PQclear(r);
    *items = a;
    return ZF_OK;
}

int pg_store_public_decisions(Store *st, const char *agency, const char *q, int page, int size, json_t **out,
                              ZfError *err)
{
    char lim[24], off[24];
    PGresult *r = pg_query(st,
                           "SELECT c.body, count(*) OVER (), a.name FROM cases c LEFT JOIN agencies a ON a.code = c.agency"
                           " WHERE c.kind = 'penalty' AND c.body::jsonb ->> 'published_on' IS NOT NULL"
                           " AND c.body::jsonb #>> '{decision,outcome}' = 'penalty'"
                           " AND NOT EXISTS (SELECT 1 FROM case_publicity p WHERE p.case_no = c.case_no"
                           "   AND p.withdrawn_on IS NOT NULL)"
                           " AND ($1::text IS NULL OR c.agency = $1) AND ($2::text IS NULL OR strpos(c.case_no || ' '"
                           "   || coalesce(c.body::jsonb #>> '{decision,doc_no}', '') || ' ' || coalesce(a.name, ''), $2) > 0)"
                           " ORDER BY c.body::jsonb ->> 'published_on' COLLATE \"C\" DESC NULLS LAST, c.case_no COLLATE \"C\""
                           " LIMIT $3::bigint OFFSET $4::bigint",
                           PG_ARGS(agency, q, pg_int(lim, size), pg_int(off, (long long)(page - 1) * size)), "cases", err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    long long total = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        json_t *rec = json_loads(pg_text(r, i, 0), 0, NULL);
        total = pg_ll(r, i, 1);
        if (!rec) continue;
        json_object_set_new(rec, "agency_name", pg_json_text(r, i, 2));
        json_array_append_new(items, rec);
    }
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}
