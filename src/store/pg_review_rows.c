/* PostgreSQL side of store/reviews.h for the plans, sampled items, reviewers' tasks and 申辩 (the
 * standards are in pg_reviews.c). One description per table names its columns, so get, put and
 * list share the row's shape: json_build_object(id, columns…, body), as SQLite's and the walk's
 * (pg_walks.c). */
#include <stdio.h>
#include <string.h>

#include "store/pg_body_rows.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/reviews.h"

#define BODY ", 'body', body::json)"
static const PgBodyTable DESC[] = {
    [REVIEW_PLAN] = {"review_plans", "评查方案", {"region", "status", "created_by", NULL},
                     "json_build_object('id', id, 'region', region, 'status', status, 'created_by', created_by" BODY,
                     NULL, false},
    [REVIEW_ITEM] = {"review_items", "评查案卷", {"plan_id", "case_no", "agency", "status", NULL},
                     "json_build_object('id', id, 'plan_id', plan_id, 'case_no', case_no, 'agency', agency,"
                     " 'status', status" BODY, NULL, false},
    [REVIEW_TASK] = {"review_tasks", "评查任务", {"plan_id", "item_id", "case_no", "reviewer", "status"},
                     "json_build_object('id', id, 'plan_id', plan_id, 'item_id', item_id, 'case_no', case_no,"
                     " 'reviewer', reviewer, 'status', status" BODY, NULL, false},
    [REVIEW_DEFENSE] = {"review_defenses", "申辩", {"plan_id", "item_id", "agency", NULL},
                        "json_build_object('id', id, 'plan_id', plan_id, 'item_id', item_id, 'agency', agency" BODY,
                        NULL, false},
};

int pg_store_review_get(Store *st, ReviewTable t, long long id, json_t **row, ZfError *err)
{
    return pg_body_get(st, &DESC[t], id, row, err);
}

int pg_store_review_put(Store *st, ReviewTable t, json_t *row, ZfError *err)
{
    return pg_body_put(st, &DESC[t], row, err);
}

/* $1 plan_id, $2 item_id, $3 reviewer, $4 status, $5 case_no, $6 agency, $7 region prefix, all
 * passed as text: each condition is written only for the table's columns, so some go unused. */
int pg_store_review_rows(Store *st, ReviewTable t, const ReviewRowFilter *f, json_t **items, ZfError *err)
{
    const PgBodyTable *d = &DESC[t];
    static const char *const COND[] = {
        "plan_id",  "($1::bigint = 0 OR plan_id = $1::bigint)",  "item_id", "($2::bigint = 0 OR item_id = $2::bigint)",
        "reviewer", "($3 IS NULL OR reviewer = $3)",             "status",  "($4 IS NULL OR status = $4)",
        "case_no",  "($5 IS NULL OR case_no = $5)",              "agency",  "($6 IS NULL OR agency = $6)",
        "region",   "($7 IS NULL OR starts_with(region, $7))"};
    char sql[1024], plan[24], item[24];
    int len = snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE true", d->json, d->table);
    for (size_t i = 0; i < sizeof COND / sizeof *COND; i += 2)
        if (pg_body_has_col(d, COND[i])) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND %s", COND[i + 1]);
    snprintf(sql + len, sizeof sql - (size_t)len, " ORDER BY id");
    ReviewRowFilter none = {0};
    if (!f) f = &none;
    const char *params[] = {pg_int(plan, f->plan_id), pg_int(item, f->item_id), f->reviewer, f->status,
                            f->case_no, f->agency, f->region_prefix};
    PGresult *r = pg_query_text(st, sql, 7, params, d->table, err);
    if (!r) return ZF_ERR;
    json_t *out = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(out, pg_json_cell(r, i, 0));
    PQclear(r);
    *items = out;
    return ZF_OK;
}

int pg_store_review_items_clear(Store *st, long long plan_id, ZfError *err)
{
    char plan[24];
    return pg_exec(st, "DELETE FROM review_items WHERE plan_id = $1::bigint", PG_ARGS(pg_int(plan, plan_id)),
                   "review_items", NULL, err);
}

/* STORE_REVIEW_POPULATION_SQL (sqlite_reviews.c) is the query the plan records; this is the same
 * selection in PostgreSQL's words. */
int pg_store_review_population(Store *st, const ReviewPopulation *p, json_t **case_nos, ZfError *err)
{
    char plan[24];
    PGresult *r = pg_query(st,
                           "SELECT case_no FROM cases WHERE agency = $1::text"
                           " AND kind IN (SELECT json_array_elements_text($2::json))"
                           " AND coalesce(filed_on, decided_on) BETWEEN $3::text AND $4::text"
                           " AND ($5::text IS NULL OR case_no NOT IN (SELECT i.case_no FROM review_items i"
                           " JOIN review_plans p ON p.id = i.plan_id WHERE i.plan_id <> $6::bigint"
                           " AND substr(p.body::json ->> 'period_from', 1, 4) = $5::text))"
                           " ORDER BY case_no COLLATE \"C\"",
                           PG_ARGS(p->agency, p->kinds_json, p->from, p->to, p->exclude_year, pg_int(plan, p->plan_id)),
                           "cases", err);
    if (!r) return ZF_ERR;
    json_t *out = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(out, json_string(PQgetvalue(r, i, 0)));
    PQclear(r);
    *case_nos = out;
    return ZF_OK;
}

int pg_store_review_users_with(Store *st, const char *perm, json_t **items, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object('username', u.username, 'display_name', u.display_name, 'role', u.role,"
                        " 'role_name', r.name, 'agency', u.agency, 'agency_name', a.name,"
                        " 'region', coalesce(nullif(u.region, ''), a.region))"
                        " FROM users u JOIN roles r ON r.id = u.role"
                        " JOIN role_permissions rp ON rp.role = u.role AND rp.perm = $1"
                        " LEFT JOIN agencies a ON a.code = u.agency WHERE u.disabled = 0 ORDER BY u.username COLLATE \"C\"",
                        PG_ARGS(perm), "users", items, err);
}
