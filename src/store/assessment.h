/* 法治督察考核 (store side, docs/assessment.md): the rows of plans, fillings, scores, evidence files
 * and tasks. A row is a JSON object {id, <its columns>, body:{…}}: the columns (migration 075) are
 * what lists and scope read; body holds the rest. Plans, fillings and scores are written with their
 * ledger events by app/assessment_log.c — the only writer. */
#ifndef ZF_STORE_ASSESSMENT_H
#define ZF_STORE_ASSESSMENT_H

#include <jansson.h>

#include "store/store.h"

/* Columns beside body: plans {region, year, status, created_by}; fillings {plan_id, unit, indicator,
 * status}; scores {plan_id, unit, indicator}; files {plan_id, unit}; tasks {plan_id, unit, status};
 * survey answers {plan_id, unit, challenge} (a second answer on one challenge: 409 duplicate). */
typedef enum { ASSESS_PLAN, ASSESS_FILLING, ASSESS_SCORE, ASSESS_FILE, ASSESS_TASK, ASSESS_ANSWER } AssessTable;

/* ZF_ERR 404 when absent. */
int store_assess_get(Store *st, AssessTable t, long long id, json_t **row, ZfError *err);
/* Inserts the row when it has no id (setting it), else updates its columns and body. */
int store_assess_put(Store *st, AssessTable t, json_t *row, ZfError *err);

typedef struct {
    long long plan_id;                 /* 0 = any */
    const char *unit, *indicator;      /* NULL = any (where the table has the column) */
    const char *region_prefix;         /* plans: region starts with it */
} AssessFilter;
/* The matching rows, by id. */
int store_assess_rows(Store *st, AssessTable t, const AssessFilter *f, json_t **items, ZfError *err);

typedef int (*AssessRowFn)(const json_t *row, void *ctx);
/* Every row of t by id (store_assess_get's shape), for zhifa verify. */
int store_assess_foreach(Store *st, AssessTable t, AssessRowFn fn, void *ctx, ZfError *err);

/* From the rollups (migration 050) over the months from..to (YYYY-MM): the agency's decisions and
 * those overturned by 行政复议 (reconsidered). */
int store_assess_reconsidered(Store *st, const char *agency, const char *from, const char *to, long long *decided,
                              long long *reconsidered, ZfError *err);

#endif
