/* 案卷评查 (store side, docs/reviews.md): the standards, and the rows of plans, sampled items, the
 * reviewers' tasks and the agencies' 申辩. A row is a JSON object {id, <its columns>, body:{…}}: the
 * columns (migration 041) are what lists, scope and a reviewer's access read; body holds the rest.
 * Plans and tasks are written with their ledger events by app/reviews_log.c — the only writer. */
#ifndef ZF_STORE_REVIEWS_H
#define ZF_STORE_REVIEWS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

/* Columns beside body: plans {region, status, created_by}; items {plan_id, case_no, agency, status};
 * tasks {plan_id, item_id, case_no, reviewer, status}; defenses {plan_id, item_id, agency}. */
typedef enum { REVIEW_PLAN, REVIEW_ITEM, REVIEW_TASK, REVIEW_DEFENSE } ReviewTable;

/* ZF_ERR 404 when absent. */
int store_review_get(Store *st, ReviewTable t, long long id, json_t **row, ZfError *err);
/* Inserts the row when it has no id (setting it), else updates its columns and body. */
int store_review_put(Store *st, ReviewTable t, json_t *row, ZfError *err);

typedef struct {
    long long plan_id, item_id; /* 0 = any */
    const char *reviewer, *status, *case_no, *agency; /* NULL = any (where the table has the column) */
    const char *region_prefix;  /* plans: region starts with it */
} ReviewRowFilter;
/* The matching rows, by id. */
int store_review_rows(Store *st, ReviewTable t, const ReviewRowFilter *f, json_t **items, ZfError *err);
/* Removes a plan's items (a re-draw before any task exists). */
int store_review_items_clear(Store *st, long long plan_id, ZfError *err);

/* A standard: {code, name, shipped, sha256, updated_at, body:{…}}; 404 when absent. The list
 * leaves body out. put replaces the row. */
int store_review_standard_get(Store *st, const char *code, json_t **row, ZfError *err);
int store_review_standards(Store *st, json_t **items, ZfError *err);
int store_review_standard_put(Store *st, const char *code, const char *name, const char *body, const char *sha256,
                              bool shipped, ZfError *err);

/* The population of one agency's stratum: the case_no of its cases of `kinds` (a JSON array of
 * strings) whose filed_on — decided_on when there is none — lies in [from, to], ascending; without
 * those sampled by another plan whose period starts in `exclude_year` (NULL: none excluded). */
typedef struct {
    const char *agency;
    const char *kinds_json;
    const char *from, *to;
    const char *exclude_year;
    long long plan_id;
} ReviewPopulation;
/* The query text as run (recorded in the plan so the sample can be re-drawn and checked). */
extern const char *const STORE_REVIEW_POPULATION_SQL;
int store_review_population(Store *st, const ReviewPopulation *q, json_t **case_nos, ZfError *err);

/* Users not disabled whose role holds `perm`: [{username, display_name, role, role_name, agency,
 * agency_name, region}] by username; region is the user's, else his agency's. */
int store_review_users_with(Store *st, const char *perm, json_t **items, ZfError *err);

typedef int (*ReviewRowFn)(const json_t *row, void *ctx);
/* Every row of t by id (store_review_get's shape), for zhifa verify. */
int store_review_foreach(Store *st, ReviewTable t, ReviewRowFn fn, void *ctx, ZfError *err);

#endif
