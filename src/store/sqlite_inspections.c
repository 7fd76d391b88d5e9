/* SQLite side of store/inspections.h. One descriptor per table names its columns, so get, put and
 * the lists share the row's shape: json_object(id, columns…, body). */
#include "store/inspections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

/* key: the column by_key orders by and key filters on, or NULL; every constraint refusing a write
 * is a duplicate */
typedef SqliteBodyTable InspDesc;

#define BODY ", 'body', json(body))"
static const InspDesc DESC[] = {
    [INSP_ENTITY] = {"insp_entities", "检查对象", {"agency", "credit_code", "status", NULL},
                     "json_object('id', id, 'agency', agency, 'credit_code', credit_code, 'status', status" BODY,
                     "credit_code", true},
    [INSP_RECUSAL] = {"insp_recusals", "回避名单", {"agency", "cert_no", NULL},
                      "json_object('id', id, 'agency', agency, 'cert_no', cert_no" BODY, "cert_no", true},
    [INSP_PLAN] = {"insp_plans", "抽查计划", {"agency", "status", "created_by", NULL},
                   "json_object('id', id, 'agency', agency, 'status', status, 'created_by', created_by" BODY, NULL, true},
    [JOINT_CATALOGUE] = {"joint_catalogue", "事项目录", {"region", "status", NULL},
                         "json_object('id', id, 'region', region, 'status', status" BODY, NULL, true},
    [JOINT_PLAN] = {"joint_plans", "联合检查计划", {"region", "lead_agency", "status", "planned_on", NULL},
                    "json_object('id', id, 'region', region, 'lead_agency', lead_agency, 'status', status,"
                    " 'planned_on', planned_on" BODY, NULL, true},
};

int sqlite_store_insp_get(Store *st, InspTable t, long long id, json_t **row, ZfError *err)
{
    return sqlite_body_get(st, &DESC[t], id, row, err);
}

int sqlite_store_insp_put(Store *st, InspTable t, json_t *row, ZfError *err)
{
    return sqlite_body_put(st, &DESC[t], row, err);
}

/* ?1 agency, ?2 status, ?3 key, ?4 region prefix: each condition only where the table has the column. */
int sqlite_store_insp_rows(Store *st, InspTable t, const InspFilter *f, json_t **items, ZfError *err)
{
    const InspDesc *d = &DESC[t];
    InspFilter none = {0};
    if (!f) f = &none;
    char sql[1024];
    int len = snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE 1", d->json, d->table);
    if (sqlite_body_has_col(d, "agency")) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND (?1 IS NULL OR agency = ?1)");
    else if (sqlite_body_has_col(d, "lead_agency")) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND (?1 IS NULL OR lead_agency = ?1)");
    if (sqlite_body_has_col(d, "status")) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND (?2 IS NULL OR status = ?2)");
    if (d->key) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND (?3 IS NULL OR %s = ?3)", d->key);
    if (sqlite_body_has_col(d, "region"))
        len += snprintf(sql + len, sizeof sql - (size_t)len, " AND (?4 IS NULL OR substr(region, 1, length(?4)) = ?4)");
    snprintf(sql + len, sizeof sql - (size_t)len, " ORDER BY %s", f->by_key && d->key ? d->key : "id");
    sqlite3_stmt *q;
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite_bind_opt(q, 1, f->agency);
    sqlite_bind_opt(q, 2, f->status);
    sqlite_bind_opt(q, 3, f->key);
    sqlite_bind_opt(q, 4, f->region_prefix);
    return sqlite_json_rows(st, q, d->table, items, err);
}

int sqlite_store_insp_officers(Store *st, const char *agency, json_t **items, ZfError *err)
{
    static const char SQL[] =
        "SELECT json_object('cert_no', o.cert_no, 'name', o.name, 'cert_valid_from', json_extract(o.body, '$.cert_valid_from'),"
        " 'cert_valid_to', o.cert_valid_to, 'status', o.status,"
        " 'avoid', json(coalesce(json_extract(r.body, '$.entities'), '[]')), 'reason', coalesce(json_extract(r.body, '$.reason'), ''))"
        " FROM officers o LEFT JOIN insp_recusals r ON r.cert_no = o.cert_no WHERE o.agency = ?1 ORDER BY o.cert_no";
    sqlite3_stmt *q;
    if (sqlite_prepare(st, SQL, &q, err) != ZF_OK) return ZF_ERR;
    sqlite_bind_opt(q, 1, agency);
    return sqlite_json_rows(st, q, "officers", items, err);
}

int sqlite_store_insp_i02_cases(Store *st, json_t **items, ZfError *err)
{
    static const char SQL[] =
        "SELECT json_object('finding', f.id, 'flagged', f.subject, 'flagged_on', json_extract(fc.body, '$.inspected_on'),"
        " 'party_id', json_extract(fc.body, '$.party.id_no'), 'party_name', json_extract(fc.body, '$.party.name'),"
        " 'party_kind', json_extract(fc.body, '$.party.kind'), 'case_no', c.case_no, 'agency', c.agency,"
        " 'agency_name', coalesce(a.name, c.agency), 'region', coalesce(a.region, ''),"
        " 'inspected_on', json_extract(c.body, '$.inspected_on'))"
        " FROM findings f JOIN cases fc ON fc.case_no = f.subject"
        " JOIN cases c ON c.kind = 'inspection' AND json_extract(c.body, '$.party.id_no') = json_extract(fc.body, '$.party.id_no')"
        " LEFT JOIN agencies a ON a.code = c.agency"
        " WHERE f.rule = 'I02' AND f.resolved_at IS NULL AND f.subject_type = 'case'"
        " ORDER BY f.id, json_extract(c.body, '$.inspected_on'), c.case_no";
    sqlite3_stmt *q;
    if (sqlite_prepare(st, SQL, &q, err) != ZF_OK) return ZF_ERR;
    return sqlite_json_rows(st, q, "findings", items, err);
}
