/* PostgreSQL side of store/agencies.h and store/elements.h: agencies, officers and powers, each
 * listed within the caller's data scope (the scope is a condition of the query, as on SQLite). */
#include "store/agencies.h"
#include "store/elements.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

/* A list query whose columns are (body, total[, agency_name]) into {items, total, page, size}. */
static int list_bodies(Store *st, const char *sql, int n, const char *const *params, int page, int size,
                       const char *what, json_t **out, ZfError *err)
{
    PGresult *r = pg_query(st, sql, n, params, what, err);
    if (!r) return ZF_ERR;
    json_t *items = json_array();
    long long total = 0;
    for (int i = 0; i < PQntuples(r); i++) {
        json_t *rec = json_loads(pg_text(r, i, 0), 0, NULL);
        total = pg_ll(r, i, 1);
        if (!rec) continue;
        if (PQnfields(r) > 2) json_object_set_new(rec, "agency_name", pg_json_text(r, i, 2));
        json_array_append_new(items, rec);
    }
    PQclear(r);
    *out = pg_page(items, total, page, size);
    return ZF_OK;
}

#define PREFIX(col, p) "(" p "::text IS NULL OR left(" col ", length(" p ")) = " p ")"

int pg_store_agencies_list(Store *st, const AgencyFilter *f, int page, int size, json_t **out, ZfError *err)
{
    char lim[24], off[24];
    return list_bodies(st,
                       "SELECT body, count(*) OVER () FROM agencies"
                       " WHERE ($1::text IS NULL OR code = $1) AND " PREFIX("region", "$2") " AND " PREFIX("region", "$3")
                       " AND ($4::text IS NULL OR strpos(name || ' ' || code, $4) > 0)"
                       " ORDER BY region COLLATE \"C\", code COLLATE \"C\" LIMIT $5 OFFSET $6",
                       PG_ARGS(f->scope_agency, f->scope_region_prefix, f->region_prefix, f->q, pg_int(lim, size),
                               pg_int(off, (long long)(page - 1) * size)),
                       page, size, "agencies", out, err);
}

int pg_store_officers_list(Store *st, const OfficerFilter *f, int page, int size, json_t **out, ZfError *err)
{
    char lim[24], off[24];
    return list_bodies(st,
                       "SELECT o.body, count(*) OVER (), a.name FROM officers o LEFT JOIN agencies a ON a.code = o.agency"
                       " WHERE ($1::text IS NULL OR o.agency = $1) AND " PREFIX("a.region", "$2")
                       " AND ($3::text IS NULL OR o.agency = $3) AND ($4::text IS NULL OR o.status = $4)"
                       " AND ($5::text IS NULL OR (o.status = 'active' AND o.cert_valid_to BETWEEN $5 AND $6::text))"
                       " AND ($7::text IS NULL OR strpos(o.name || ' ' || o.cert_no, $7) > 0)"
                       " ORDER BY CASE WHEN $5::text IS NULL THEN '' ELSE o.cert_valid_to END COLLATE \"C\","
                       " o.agency COLLATE \"C\", o.cert_no COLLATE \"C\" LIMIT $8 OFFSET $9",
                       PG_ARGS(f->scope_agency, f->scope_region_prefix, f->agency, f->status, f->valid_to_from,
                               f->valid_to_until, f->q, pg_int(lim, size), pg_int(off, (long long)(page - 1) * size)),
                       page, size, "officers", out, err);
}

/* A power (p, its body) is within a scope ($1 agency, $2 region prefix) when one of its holding
 * agencies is. */
#define POWER_SCOPE                                                                                 \
    "EXISTS (SELECT 1 FROM jsonb_array_elements_text(p.body::jsonb -> 'agencies') j(code)"        \
    " JOIN agencies a ON a.code = j.code WHERE ($1::text IS NULL OR a.code = $1) AND " PREFIX("a.region", "$2") ")"

int pg_store_powers_list(Store *st, const PowerFilter *f, int page, int size, json_t **out, ZfError *err)
{
    char lim[24], off[24];
    return list_bodies(st,
                       "SELECT p.body, count(*) OVER () FROM powers p WHERE " POWER_SCOPE
                       " AND ($3::text IS NULL OR p.body::jsonb -> 'agencies' ? $3)"
                       " AND ($4::text IS NULL OR p.kind = $4) AND ($5::text IS NULL OR strpos(p.name || ' ' || p.code, $5) > 0)"
                       " ORDER BY p.code COLLATE \"C\" LIMIT $6 OFFSET $7",
                       PG_ARGS(f->scope_agency, f->scope_region_prefix, f->agency, f->kind, f->q, pg_int(lim, size),
                               pg_int(off, (long long)(page - 1) * size)),
                       page, size, "powers", out, err);
}

bool pg_store_power_in_scope(Store *st, const char *power_body, const char *scope_agency,
                             const char *scope_region_prefix)
{
    ZfError ignored = {0};
    PGresult *r = pg_query(st, "SELECT " POWER_SCOPE " FROM (SELECT $3::text AS body) p",
                           PG_ARGS(scope_agency, scope_region_prefix, power_body), "powers", &ignored);
    bool in = r && PQntuples(r) && pg_ll(r, 0, 0) != 0;
    PQclear(r);
    return in;
}

int pg_store_element_names(Store *st, const char *agency, const char *power, json_t **agency_name,
                           json_t **power_name, ZfError *err)
{
    *agency_name = *power_name = NULL;
    PGresult *r = pg_query(st, "SELECT (SELECT name FROM agencies WHERE code = $1), (SELECT name FROM powers WHERE code = $2)",
                           PG_ARGS(agency, power), "names", err);
    if (!r) return ZF_ERR;
    *agency_name = pg_json_text(r, 0, 0), *power_name = pg_json_text(r, 0, 1);
    PQclear(r);
    return ZF_OK;
}
