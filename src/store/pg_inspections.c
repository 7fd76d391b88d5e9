/* PostgreSQL side of store/inspections.h. One description per table names its columns, so get,
 * put and the lists share the row's shape: json_build_object(id, columns…, body), as SQLite's. */
#include <stdio.h>
#include <string.h>

#include "store/inspections.h"
#include "store/pg_body_rows.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

/* key: the column by_key orders by and key filters on, or NULL; every constraint refusing a write
 * is a duplicate */
#define BODY ", 'body', body::json)"
static const PgBodyTable DESC[] = {
    [INSP_ENTITY] = {"insp_entities", "检查对象", {"agency", "credit_code", "status", NULL},
                     "json_build_object('id', id, 'agency', agency, 'credit_code', credit_code, 'status', status" BODY,
                     "credit_code", true},
    [INSP_RECUSAL] = {"insp_recusals", "回避名单", {"agency", "cert_no", NULL},
                      "json_build_object('id', id, 'agency', agency, 'cert_no', cert_no" BODY, "cert_no", true},
    [INSP_PLAN] = {"insp_plans", "抽查计划", {"agency", "status", "created_by", NULL},
                   "json_build_object('id', id, 'agency', agency, 'status', status, 'created_by', created_by" BODY,
                   NULL, true},
    [JOINT_CATALOGUE] = {"joint_catalogue", "事项目录", {"region", "status", NULL},
                         "json_build_object('id', id, 'region', region, 'status', status" BODY, NULL, true},
    [JOINT_PLAN] = {"joint_plans", "联合检查计划", {"region", "lead_agency", "status", "planned_on", NULL},
                    "json_build_object('id', id, 'region', region, 'lead_agency', lead_agency, 'status', status,"
                    " 'planned_on', planned_on" BODY, NULL, true},
};

int pg_store_insp_get(Store *st, InspTable t, long long id, json_t **row, ZfError *err)
{
    return pg_body_get(st, &DESC[t], id, row, err);
}

int pg_store_insp_put(Store *st, InspTable t, json_t *row, ZfError *err)
{
    return pg_body_put(st, &DESC[t], row, err);
}

static int append(char *sql, size_t cap, int len, const char *clause)
{
    return len + snprintf(sql + len, cap - (size_t)len, "%s", clause);
}

/* $1 agency, $2 status, $3 key, $4 region prefix, all text: each condition only where the table
 * has the column (the others go unused). Keys order as bytes (COLLATE "C"), as SQLite's. */
int pg_store_insp_rows(Store *st, InspTable t, const InspFilter *f, json_t **items, ZfError *err)
{
    const PgBodyTable *d = &DESC[t];
    InspFilter none = {0};
    if (!f) f = &none;
    char sql[1024], clause[160];
    int len = snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE true", d->json, d->table);
    if (pg_body_has_col(d, "agency")) len = append(sql, sizeof sql, len, " AND ($1 IS NULL OR agency = $1)");
    else if (pg_body_has_col(d, "lead_agency")) len = append(sql, sizeof sql, len, " AND ($1 IS NULL OR lead_agency = $1)");
    if (pg_body_has_col(d, "status")) len = append(sql, sizeof sql, len, " AND ($2 IS NULL OR status = $2)");
    if (d->key) {
        snprintf(clause, sizeof clause, " AND ($3 IS NULL OR %s = $3)", d->key);
        len = append(sql, sizeof sql, len, clause);
    }
    if (pg_body_has_col(d, "region")) len = append(sql, sizeof sql, len, " AND ($4 IS NULL OR starts_with(region, $4))");
    snprintf(clause, sizeof clause, " ORDER BY %s%s", f->by_key && d->key ? d->key : "id",
             f->by_key && d->key ? " COLLATE \"C\"" : "");
    append(sql, sizeof sql, len, clause);
    const char *params[] = {f->agency, f->status, f->key, f->region_prefix};
    PGresult *r = pg_query_text(st, sql, 4, params, d->table, err);
    if (!r) return ZF_ERR;
    json_t *out = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(out, pg_json_cell(r, i, 0));
    PQclear(r);
    *items = out;
    return ZF_OK;
}

int pg_store_insp_officers(Store *st, const char *agency, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object('cert_no', o.cert_no, 'name', o.name,"
                        " 'cert_valid_from', o.body::json -> 'cert_valid_from', 'cert_valid_to', o.cert_valid_to,"
                        " 'status', o.status, 'avoid', CASE WHEN json_typeof(r.body::json -> 'entities') IN ('array', 'object',"
                        " 'string', 'number', 'boolean') THEN r.body::json -> 'entities' ELSE '[]'::json END,"
                        " 'reason', coalesce(r.body::json ->> 'reason', ''))"
                        " FROM officers o LEFT JOIN insp_recusals r ON r.cert_no = o.cert_no WHERE o.agency = $1"
                        " ORDER BY o.cert_no COLLATE \"C\"",
                        PG_ARGS(agency), "officers", items, err);
}

/* json_extract of SQLite gives a value of its JSON type: -> / #> (json) keep it the same here */
int pg_store_insp_i02_cases(Store *st, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object('finding', f.id, 'flagged', f.subject,"
                        " 'flagged_on', fc.body::json -> 'inspected_on', 'party_id', fc.body::json #> '{party,id_no}',"
                        " 'party_name', fc.body::json #> '{party,name}', 'party_kind', fc.body::json #> '{party,kind}',"
                        " 'case_no', c.case_no, 'agency', c.agency, 'agency_name', coalesce(a.name, c.agency),"
                        " 'region', coalesce(a.region, ''), 'inspected_on', c.body::json -> 'inspected_on')"
                        " FROM findings f JOIN cases fc ON fc.case_no = f.subject"
                        " JOIN cases c ON c.kind = 'inspection'"
                        "  AND c.body::json #>> '{party,id_no}' = fc.body::json #>> '{party,id_no}'"
                        " LEFT JOIN agencies a ON a.code = c.agency"
                        " WHERE f.rule = 'I02' AND f.resolved_at IS NULL AND f.subject_type = 'case'"
                        " ORDER BY f.id, c.body::json ->> 'inspected_on' COLLATE \"C\" NULLS FIRST, c.case_no COLLATE \"C\"",
                        PG_NOARGS, "findings", items, err);
}
