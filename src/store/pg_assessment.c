/* PostgreSQL side of store/assessment.h: one description per table (pg_body_rows.c does the rest),
 * the same rows and order as sqlite_assessment.c. */
#include "store/assessment.h"

#include <stdio.h>

#include "store/pg_body_rows.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"

#define BODY ", 'body', body::json)"
static const PgBodyTable DESC[] = {
    [ASSESS_PLAN] = {"assessment_plans", "考核方案", {"region", "year", "status", "created_by", NULL},
                     "json_build_object('id', id, 'region', region, 'year', year, 'status', status,"
                     " 'created_by', created_by" BODY,
                     NULL, false},
    [ASSESS_FILLING] = {"assessment_fillings", "指标填报", {"plan_id", "unit", "indicator", "status", NULL},
                        "json_build_object('id', id, 'plan_id', plan_id, 'unit', unit, 'indicator', indicator,"
                        " 'status', status" BODY,
                        NULL, true},
    [ASSESS_SCORE] = {"assessment_scores", "指标评分", {"plan_id", "unit", "indicator", NULL},
                      "json_build_object('id', id, 'plan_id', plan_id, 'unit', unit, 'indicator', indicator" BODY, NULL,
                      true},
    [ASSESS_FILE] = {"assessment_files", "佐证材料", {"plan_id", "unit", NULL},
                     "json_build_object('id', id, 'plan_id', plan_id, 'unit', unit" BODY, NULL, false},
    [ASSESS_TASK] = {"assessment_tasks", "考核任务", {"plan_id", "unit", "status", NULL},
                     "json_build_object('id', id, 'plan_id', plan_id, 'unit', unit, 'status', status" BODY, NULL, false},
    [ASSESS_ANSWER] = {"assessment_survey_answers", "问卷", {"plan_id", "unit", "challenge", NULL},
                       "json_build_object('id', id, 'plan_id', plan_id, 'unit', unit, 'challenge', challenge" BODY,
                       "challenge", true},
};

int pg_store_assess_get(Store *st, AssessTable t, long long id, json_t **row, ZfError *err)
{
    return pg_body_get(st, &DESC[t], id, row, err);
}

int pg_store_assess_put(Store *st, AssessTable t, json_t *row, ZfError *err)
{
    return pg_body_put(st, &DESC[t], row, err);
}

/* $1 plan_id, $2 unit, $3 indicator, $4 region prefix: each condition only for the table's columns. */
int pg_store_assess_rows(Store *st, AssessTable t, const AssessFilter *f, json_t **items, ZfError *err)
{
    const PgBodyTable *d = &DESC[t];
    static const char *const COND[] = {"plan_id", "($1::bigint = 0 OR plan_id = $1::bigint)",
                                       "unit", "($2::text IS NULL OR unit = $2::text)",
                                       "indicator", "($3::text IS NULL OR indicator = $3::text)",
                                       "region", "($4::text IS NULL OR left(region, length($4::text)) = $4::text)"};
    char sql[1024], plan[24];
    int len = snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE true", d->json, d->table);
    for (size_t i = 0; i < sizeof COND / sizeof *COND; i += 2)
        if (pg_body_has_col(d, COND[i])) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND %s", COND[i + 1]);
    snprintf(sql + len, sizeof sql - (size_t)len, " ORDER BY id");
    AssessFilter none = {0};
    if (!f) f = &none;
    /* parameters are declared text: a table without one of the columns leaves it unused */
    PGresult *r = pg_query_text(st, sql, PG_ARGS(pg_int(plan, f->plan_id), f->unit, f->indicator, f->region_prefix),
                                d->table, err);
    if (!r) return ZF_ERR;
    *items = json_array();
    for (int i = 0; i < PQntuples(r); i++) json_array_append_new(*items, pg_json_cell(r, i, 0));
    PQclear(r);
    return ZF_OK;
}

int pg_store_assess_foreach(Store *st, AssessTable t, AssessRowFn fn, void *ctx, ZfError *err)
{
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY id", DESC[t].json, DESC[t].table);
    return pg_body_walk(st, sql, PG_NOARGS, DESC[t].table, fn, ctx, err);
}

int pg_store_assess_reconsidered(Store *st, const char *agency, const char *from, const char *to, long long *decided,
                                 long long *reconsidered, ZfError *err)
{
    PGresult *r = pg_query(st,
                           "SELECT coalesce(sum(decided), 0), coalesce(sum(reconsidered), 0) FROM rollup_cases"
                           " WHERE month BETWEEN $2 AND $3 AND agency = $1",
                           PG_ARGS(agency, from, to), "rollup_cases", err);
    if (!r) return ZF_ERR;
    *decided = pg_ll(r, 0, 0);
    *reconsidered = pg_ll(r, 0, 1);
    PQclear(r);
    return ZF_OK;
}
