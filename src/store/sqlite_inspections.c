/* SQLite side of store/inspections.h. One descriptor per table names its columns, so get, put and
 * the lists share the row's shape: json_object(id, columns…, body). */
#include "store/inspections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

typedef struct {
    const char *table, *what;
    const char *cols[4]; /* NULL-terminated */
    const char *key;     /* the column by_key orders by and key filters on, or NULL */
    const char *json;
} InspDesc;

#define BODY ", 'body', json(body))"
static const InspDesc DESC[] = {
    [INSP_ENTITY] = {"insp_entities", "检查对象", {"agency", "credit_code", "status", NULL}, "credit_code",
                     "json_object('id', id, 'agency', agency, 'credit_code', credit_code, 'status', status" BODY},
    [INSP_RECUSAL] = {"insp_recusals", "回避名单", {"agency", "cert_no", NULL, NULL}, "cert_no",
                      "json_object('id', id, 'agency', agency, 'cert_no', cert_no" BODY},
    [INSP_PLAN] = {"insp_plans", "抽查计划", {"agency", "status", "created_by", NULL}, NULL,
                   "json_object('id', id, 'agency', agency, 'status', status, 'created_by', created_by" BODY},
    [JOINT_CATALOGUE] = {"joint_catalogue", "事项目录", {"region", "status", NULL, NULL}, NULL,
                         "json_object('id', id, 'region', region, 'status', status" BODY},
    [JOINT_PLAN] = {"joint_plans", "联合检查计划", {"region", "lead_agency", "status", "planned_on"}, NULL,
                    "json_object('id', id, 'region', region, 'lead_agency', lead_agency, 'status', status,"
                    " 'planned_on', planned_on" BODY},
};

static size_t n_cols(const InspDesc *d)
{
    size_t n = 0;
    while (n < 4 && d->cols[n]) n++;
    return n;
}

static int has_col(const InspDesc *d, const char *c)
{
    for (size_t i = 0; i < n_cols(d); i++)
        if (strcmp(d->cols[i], c) == 0) return 1;
    return 0;
}

int sqlite_store_insp_get(Store *st, InspTable t, long long id, json_t **row, ZfError *err)
{
    const InspDesc *d = &DESC[t];
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE id = ?1", d->json, d->table);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = sqlite_json_row(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", NULL, "%s不存在", d->what);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, d->table);
}

int sqlite_store_insp_put(Store *st, InspTable t, json_t *row, ZfError *err)
{
    const InspDesc *d = &DESC[t];
    size_t n = n_cols(d);
    json_t *idv = json_object_get(row, "id");
    bool insert = !json_is_integer(idv);
    char sql[512], names[160] = "", marks[64] = "", sets[200] = "";
    for (size_t i = 0; i < n; i++) {
        snprintf(marks + strlen(marks), sizeof marks - strlen(marks), "%s?%zu", i ? ", " : "", i + 1);
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "", d->cols[i]);
        snprintf(sets + strlen(sets), sizeof sets - strlen(sets), "%s%s = ?%zu", i ? ", " : "", d->cols[i], i + 1);
    }
    if (insert) snprintf(sql, sizeof sql, "INSERT INTO %s(%s, body) VALUES (%s, ?%zu)", d->table, names, marks, n + 1);
    else snprintf(sql, sizeof sql, "UPDATE %s SET %s, body = ?%zu WHERE id = ?%zu", d->table, sets, n + 1, n + 2);
    json_t *b = json_object_get(row, "body");
    char *body = b ? json_dumps(b, JSON_COMPACT | JSON_SORT_KEYS) : strdup("{}");
    sqlite3_stmt *q;
    if (!body) return zf_fail(err, 500, "internal", NULL, "%s无法保存", d->what);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return free(body), ZF_ERR;
    for (size_t i = 0; i < n; i++) sqlite_bind_opt(q, (int)i + 1, json_string_value(json_object_get(row, d->cols[i])));
    sqlite3_bind_text(q, (int)n + 1, body, -1, SQLITE_STATIC);
    if (!insert) sqlite3_bind_int64(q, (int)n + 2, json_integer_value(idv));
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    free(body);
    if (rc == SQLITE_CONSTRAINT) return zf_fail(err, 409, "duplicate", d->key, "%s已存在", d->what);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, d->table);
    if (!insert) return sqlite3_changes(st->db) == 1 ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "%s不存在", d->what);
    json_object_set_new(row, "id", json_integer(sqlite3_last_insert_rowid(st->db)));
    return ZF_OK;
}

/* ?1 agency, ?2 status, ?3 key, ?4 region prefix: each condition only where the table has the column. */
int sqlite_store_insp_rows(Store *st, InspTable t, const InspFilter *f, json_t **items, ZfError *err)
{
    const InspDesc *d = &DESC[t];
    InspFilter none = {0};
    if (!f) f = &none;
    char sql[1024];
    int len = snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE 1", d->json, d->table);
    if (has_col(d, "agency")) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND (?1 IS NULL OR agency = ?1)");
    else if (has_col(d, "lead_agency")) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND (?1 IS NULL OR lead_agency = ?1)");
    if (has_col(d, "status")) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND (?2 IS NULL OR status = ?2)");
    if (d->key) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND (?3 IS NULL OR %s = ?3)", d->key);
    if (has_col(d, "region"))
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
