/* SQLite side of store/reviews.h. One descriptor per table names its columns, so get, put, list
 * and the walk share the row's shape: json_object(id, columns…, body). */
#include "store/reviews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite_internal.h"

typedef SqliteBodyTable ReviewDesc;

#define BODY ", 'body', json(body))"
static const ReviewDesc DESC[] = {
    [REVIEW_PLAN] = {"review_plans", "评查方案", {"region", "status", "created_by", NULL},
                     "json_object('id', id, 'region', region, 'status', status, 'created_by', created_by" BODY, NULL, false},
    [REVIEW_ITEM] = {"review_items", "评查案卷", {"plan_id", "case_no", "agency", "status", NULL},
                     "json_object('id', id, 'plan_id', plan_id, 'case_no', case_no, 'agency', agency, 'status', status" BODY, NULL, false},
    [REVIEW_TASK] = {"review_tasks", "评查任务", {"plan_id", "item_id", "case_no", "reviewer", "status"},
                     "json_object('id', id, 'plan_id', plan_id, 'item_id', item_id, 'case_no', case_no,"
                     " 'reviewer', reviewer, 'status', status" BODY, NULL, false},
    [REVIEW_DEFENSE] = {"review_defenses", "申辩", {"plan_id", "item_id", "agency", NULL},
                        "json_object('id', id, 'plan_id', plan_id, 'item_id', item_id, 'agency', agency" BODY, NULL, false},
};

int sqlite_store_review_get(Store *st, ReviewTable t, long long id, json_t **row, ZfError *err)
{
    return sqlite_body_get(st, &DESC[t], id, row, err);
}

int sqlite_store_review_put(Store *st, ReviewTable t, json_t *row, ZfError *err)
{
    return sqlite_body_put(st, &DESC[t], row, err);
}

/* ?1 plan_id, ?2 item_id, ?3 reviewer, ?4 status, ?5 case_no, ?6 agency, ?7 region prefix: each
 * condition is written only for the table's columns. */
int sqlite_store_review_rows(Store *st, ReviewTable t, const ReviewRowFilter *f, json_t **items, ZfError *err)
{
    const ReviewDesc *d = &DESC[t];
    static const char *const COND[] = {"plan_id", "(?1 = 0 OR plan_id = ?1)", "item_id", "(?2 = 0 OR item_id = ?2)",
                                       "reviewer", "(?3 IS NULL OR reviewer = ?3)", "status", "(?4 IS NULL OR status = ?4)",
                                       "case_no", "(?5 IS NULL OR case_no = ?5)", "agency", "(?6 IS NULL OR agency = ?6)",
                                       "region", "(?7 IS NULL OR substr(region, 1, length(?7)) = ?7)"};
    char sql[1024];
    int len = snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE 1", d->json, d->table);
    for (size_t i = 0; i < sizeof COND / sizeof *COND; i += 2)
        if (sqlite_body_has_col(d, COND[i])) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND %s", COND[i + 1]);
    snprintf(sql + len, sizeof sql - (size_t)len, " ORDER BY id");
    sqlite3_stmt *q;
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    ReviewRowFilter none = {0};
    if (!f) f = &none;
    sqlite3_bind_int64(q, 1, f->plan_id);
    sqlite3_bind_int64(q, 2, f->item_id);
    const char *texts[] = {f->reviewer, f->status, f->case_no, f->agency, f->region_prefix};
    for (int i = 0; i < 5; i++) sqlite_bind_opt(q, i + 3, texts[i]);
    return sqlite_json_rows(st, q, d->table, items, err);
}

int sqlite_store_review_items_clear(Store *st, long long plan_id, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "DELETE FROM review_items WHERE plan_id = ?1", &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_int64(q, 1, plan_id);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "review_items");
}

int sqlite_store_review_foreach(Store *st, ReviewTable t, ReviewRowFn fn, void *ctx, ZfError *err)
{
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY id", DESC[t].json, DESC[t].table);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    return sqlite_json_foreach(st, q, DESC[t].table, fn, ctx, err);
}

#define STANDARD_FIELDS "'code', code, 'name', name, 'shipped', json(CASE shipped WHEN 1 THEN 'true' ELSE 'false' END)," \
                        " 'sha256', sha256, 'updated_at', updated_at"

int sqlite_store_review_standard_get(Store *st, const char *code, json_t **row, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT json_object(" STANDARD_FIELDS ", 'body', json(body)) FROM review_standards WHERE code = ?1",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *row = sqlite_json_row(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE) return zf_fail(err, 404, "not_found", "standard", "评查标准不存在");
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "review_standards");
}

int sqlite_store_review_standards(Store *st, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT json_object(" STANDARD_FIELDS ", 'kinds', json_extract(body, '$.kinds'))"
                           " FROM review_standards ORDER BY shipped DESC, code", &q, err) != ZF_OK)
        return ZF_ERR;
    return sqlite_json_rows(st, q, "review_standards", items, err);
}

int sqlite_store_review_standard_put(Store *st, const char *code, const char *name, const char *body, const char *sha256,
                                     bool shipped, ZfError *err)
{
    char now[32];
    sqlite3_stmt *q;
    sqlite_utc_now(now);
    if (sqlite_prepare(st, "INSERT OR REPLACE INTO review_standards(code, name, shipped, body, sha256, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 3, shipped ? 1 : 0);
    sqlite3_bind_text(q, 4, body, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, sha256 ? sha256 : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "review_standards");
}

const char *const STORE_REVIEW_POPULATION_SQL =
    "SELECT case_no FROM cases WHERE agency = ?1 AND kind IN (SELECT value FROM json_each(?2))"
    " AND coalesce(filed_on, decided_on) BETWEEN ?3 AND ?4"
    " AND (?5 IS NULL OR case_no NOT IN (SELECT i.case_no FROM review_items i JOIN review_plans p ON p.id = i.plan_id"
    " WHERE i.plan_id <> ?6 AND substr(json_extract(p.body, '$.period_from'), 1, 4) = ?5))"
    " ORDER BY case_no";

int sqlite_store_review_population(Store *st, const ReviewPopulation *p, json_t **case_nos, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, STORE_REVIEW_POPULATION_SQL, &q, err) != ZF_OK) return ZF_ERR;
    sqlite3_bind_text(q, 1, p->agency, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, p->kinds_json, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, p->from, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, p->to, -1, SQLITE_STATIC);
    sqlite_bind_opt(q, 5, p->exclude_year);
    sqlite3_bind_int64(q, 6, p->plan_id);
    json_t *out = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        json_array_append_new(out, json_string((const char *)sqlite3_column_text(q, 0)));
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return json_decref(out), sqlite_fail(st, err, "cases");
    *case_nos = out;
    return ZF_OK;
}

int sqlite_store_review_users_with(Store *st, const char *perm, json_t **items, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st,
                       "SELECT json_object('username', u.username, 'display_name', u.display_name, 'role', u.role,"
                       " 'role_name', r.name, 'agency', u.agency, 'agency_name', a.name,"
                       " 'region', coalesce(nullif(u.region, ''), a.region))"
                       " FROM users u JOIN roles r ON r.id = u.role"
                       " JOIN role_permissions rp ON rp.role = u.role AND rp.perm = ?1"
                       " LEFT JOIN agencies a ON a.code = u.agency WHERE u.disabled = 0 ORDER BY u.username",
                       &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, perm, -1, SQLITE_STATIC);
    return sqlite_json_rows(st, q, "users", items, err);
}
