/* SQLite side of store/assessment.h: one descriptor per table (sqlite_body_rows.c does the rest). */
#include "store/assessment.h"

#include <stdio.h>

#include "store/sqlite_internal.h"

#define BODY ", 'body', json(body))"
static const SqliteBodyTable DESC[] = {
    [ASSESS_PLAN] = {"assessment_plans", "考核方案", {"region", "year", "status", "created_by", NULL},
                     "json_object('id', id, 'region', region, 'year', year, 'status', status, 'created_by', created_by" BODY,
                     NULL, false},
    [ASSESS_FILLING] = {"assessment_fillings", "指标填报", {"plan_id", "unit", "indicator", "status", NULL},
                        "json_object('id', id, 'plan_id', plan_id, 'unit', unit, 'indicator', indicator, 'status', status" BODY,
                        NULL, true},
    [ASSESS_SCORE] = {"assessment_scores", "指标评分", {"plan_id", "unit", "indicator", NULL},
                      "json_object('id', id, 'plan_id', plan_id, 'unit', unit, 'indicator', indicator" BODY, NULL, true},
    [ASSESS_FILE] = {"assessment_files", "佐证材料", {"plan_id", "unit", NULL},
                     "json_object('id', id, 'plan_id', plan_id, 'unit', unit" BODY, NULL, false},
    [ASSESS_TASK] = {"assessment_tasks", "考核任务", {"plan_id", "unit", "status", NULL},
                     "json_object('id', id, 'plan_id', plan_id, 'unit', unit, 'status', status" BODY, NULL, false},
    [ASSESS_ANSWER] = {"assessment_survey_answers", "问卷", {"plan_id", "unit", "challenge", NULL},
                       "json_object('id', id, 'plan_id', plan_id, 'unit', unit, 'challenge', challenge" BODY, "challenge", true},
};

int sqlite_store_assess_get(Store *st, AssessTable t, long long id, json_t **row, ZfError *err)
{
    return sqlite_body_get(st, &DESC[t], id, row, err);
}

int sqlite_store_assess_put(Store *st, AssessTable t, json_t *row, ZfError *err)
{
    return sqlite_body_put(st, &DESC[t], row, err);
}

/* ?1 plan_id, ?2 unit, ?3 indicator, ?4 region prefix: each condition only for the table's columns. */
int sqlite_store_assess_rows(Store *st, AssessTable t, const AssessFilter *f, json_t **items, ZfError *err)
{
    const SqliteBodyTable *d = &DESC[t];
    static const char *const COND[] = {"plan_id", "(?1 = 0 OR plan_id = ?1)", "unit", "(?2 IS NULL OR unit = ?2)",
                                       "indicator", "(?3 IS NULL OR indicator = ?3)",
                                       "region", "(?4 IS NULL OR substr(region, 1, length(?4)) = ?4)"};
    char sql[1024];
    int len = snprintf(sql, sizeof sql, "SELECT %s FROM %s WHERE 1", d->json, d->table);
    for (size_t i = 0; i < sizeof COND / sizeof *COND; i += 2)
        if (sqlite_body_has_col(d, COND[i])) len += snprintf(sql + len, sizeof sql - (size_t)len, " AND %s", COND[i + 1]);
    snprintf(sql + len, sizeof sql - (size_t)len, " ORDER BY id");
    sqlite3_stmt *q;
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    AssessFilter none = {0};
    if (!f) f = &none;
    sqlite3_bind_int64(q, 1, f->plan_id);
    sqlite_bind_opt(q, 2, f->unit);
    sqlite_bind_opt(q, 3, f->indicator);
    sqlite_bind_opt(q, 4, f->region_prefix);
    return sqlite_json_rows(st, q, d->table, items, err);
}

int sqlite_store_assess_foreach(Store *st, AssessTable t, AssessRowFn fn, void *ctx, ZfError *err)
{
    char sql[512];
    sqlite3_stmt *q;
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY id", DESC[t].json, DESC[t].table);
    if (sqlite_prepare(st, sql, &q, err) != ZF_OK) return ZF_ERR;
    return sqlite_json_foreach(st, q, DESC[t].table, fn, ctx, err);
}

int sqlite_store_assess_reconsidered(Store *st, const char *agency, const char *from, const char *to, long long *decided,
                                     long long *reconsidered, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite_prepare(st, "SELECT coalesce(sum(decided), 0), coalesce(sum(reconsidered), 0) FROM rollup_cases"
                           " WHERE month BETWEEN ?2 AND ?3 AND agency = ?1", &q, err) != ZF_OK)
        return ZF_ERR;
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, to, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *decided = sqlite3_column_int64(q, 0);
        *reconsidered = sqlite3_column_int64(q, 1);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? ZF_OK : sqlite_fail(st, err, "rollup_cases");
}
