/* 案卷评查 (issue 16, docs/reviews.md): the use cases of review plans — create, sample, assign,
 * score, arbitrate, publish, 申辩, turn a file into an order — and the standards they score by.
 * Each write is one transaction; plans and tasks are written with their ledger events
 * (review_plan.put, review_task.put). Scope is decided here against what is stored: a plan belongs
 * to its region's supervisors; a reviewer reaches a case only through a task of his. */
#ifndef ZF_APP_REVIEWS_H
#define ZF_APP_REVIEWS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/context.h"
#include "domain/review_score.h"

/* ---- standards (app/reviews_standards.c) ---- */

typedef struct {
    int files, loaded, unchanged;
} ReviewStandardLoadStats;
/* data/review_standards/NAME.json → review_standards (shipped), in one transaction; a file is
 * reloaded only when its SHA-256 changed. Run by zhifa init; the server never reads data/ for it. */
int app_review_standards_load_dir(Store *st, const char *dir, ReviewStandardLoadStats *stats, ZfError *err);
/* {items:[{code, name, kinds, shipped, updated_at}]} and one standard {code, name, shipped, body…}. */
int app_review_standards(const AppContext *cx, json_t **out, ZfError *err);
int app_review_standard(const AppContext *cx, const char *code, json_t **out, ZfError *err);
/* A supervisor's copy of a standard under a new code (shipped = false), which he may then edit
 * (never a shipped one, nor one a plan uses: 409). The edit is checked as a shipped file is: points
 * of the sub-items add up to their item's, the items' to the total; codes once; texts short. */
int app_review_standard_copy(const AppContext *cx, const char *from, const char *code, const char *name, json_t **out,
                             ZfError *err);
int app_review_standard_edit(const AppContext *cx, const char *code, const json_t *body, json_t **out, ZfError *err);

/* ---- plans (app/reviews_plans.c) ---- */

/* POST /reviews/plans: the body as docs/reviews.md shows it. */
int app_review_plan_create(const AppContext *cx, const json_t *in, json_t **plan, ZfError *err);
/* PUT /reviews/plans/{id}: the same body replaces a draft's or a sampled plan's (back to draft, its
 * draw dropped); 409 once assigned. */
int app_review_plan_update(const AppContext *cx, long long id, const json_t *in, json_t **plan, ZfError *err);
/* The plans cx->user may read, newest first: {items, total, page, size}. */
int app_review_plans_list(const AppContext *cx, const char *status, int page, int size, json_t **out, ZfError *err);
/* The plan with counts and items; 404 when out of scope. */
int app_review_plan_get(const AppContext *cx, long long id, json_t **out, ZfError *err);
/* Draws the plan's sample from its seed; save = false computes only (the preview).
 * {items:[{case_no, agency, agency_name}], empty_agencies:[{code, name}], seed, population}. */
int app_review_plan_sample(const AppContext *cx, long long id, bool save, json_t **out, ZfError *err);
/* The same draw for the CLI (no user): the plan's stored inputs, nothing written. */
int app_review_plan_redraw(Store *st, long long id, json_t **out, ZfError *err);
/* Cross-review assignment: {tasks:n}; reviewers (NULL = the plan's) replaces the plan's list. */
int app_review_plan_assign(const AppContext *cx, long long id, const json_t *reviewers, json_t **out, ZfError *err);
/* Publication: the agencies read their results; the 申辩 window opens. */
int app_review_plan_publish(const AppContext *cx, long long id, json_t **out, ZfError *err);
/* The users who may be reviewers (reviews.score): {items:[…]}. */
int app_review_reviewers(const AppContext *cx, json_t **out, ZfError *err);

/* ---- tasks (app/reviews_tasks.c) ---- */

int app_review_tasks_mine(const AppContext *cx, const char *status, int page, int size, json_t **out, ZfError *err);
/* The task with its plan, standard, the case record, timeline, attachments and suggestions;
 * 404 unless the task is cx->user's. */
int app_review_task_get(const AppContext *cx, long long id, json_t **out, ZfError *err);
/* Saves the deductions (and submits when submit): the task with total, grade, veto. */
int app_review_task_put(const AppContext *cx, long long id, const json_t *deductions, bool submit, json_t **out,
                        ZfError *err);
/* The attachment `att` of the task's case, if the task is cx->user's: {id, name, media_type, size, sm3, …}. */
int app_review_task_attachment(const AppContext *cx, long long id, long long att, json_t **out, ZfError *err);

/* ---- results (app/reviews_results.c) ---- */

int app_review_item_arbitrate(const AppContext *cx, long long item_id, const json_t *deductions, const char *note,
                              json_t **out, ZfError *err);
/* {files, agencies, items} (docs/reviews.md); an agency user sees his agency's part of a published plan. */
int app_review_plan_results(const AppContext *cx, long long id, json_t **out, ZfError *err);
int app_review_item_defense(const AppContext *cx, long long item_id, const char *text, json_t **out, ZfError *err);
int app_review_defense_answer(const AppContext *cx, long long defense_id, const char *text, bool accepted,
                              const json_t *new_total, json_t **out, ZfError *err);
/* The plan's 申辩 (only_agency: that agency's), each with its file's case_no; and whether the window
 * is open today (published, today ≤ the review_defense_wd-th working day after publication). */
json_t *review_defenses_json(const AppContext *cx, const json_t *plan, const char *only_agency);
bool review_defense_open(const AppContext *cx, const json_t *plan);
/* A 督办通知书 draft for the file's agency citing its deductions: {order_id}. */
int app_review_item_order(const AppContext *cx, long long item_id, json_t **out, ZfError *err);

/* ---- shared by the review files (app/reviews_common.c) ---- */

/* A sheet's deductions as stored, checked already (review_score_sheet): {item, subitem, points, reason}. */
json_t *review_clean_deductions(const json_t *standard, const json_t *in);
/* Points in hundredths as JSON (92.5, 88.75). */
json_t *review_points_json(int cp);
/* The row of a plan cx->user may manage (reviews.manage, the plan's region in his scope); 404 otherwise. */
int review_plan_managed(const AppContext *cx, long long id, json_t **plan, ZfError *err);
/* The row of a plan cx->user may read; agency users: published plans that sampled their agency. */
int review_plan_readable(const AppContext *cx, long long id, json_t **plan, ZfError *err);
/* Writes a plan or task row with its ledger event (inside the caller's transaction). */
int review_plan_put(Store *st, json_t *plan, ZfError *err);
int review_task_put(Store *st, json_t *task, ZfError *err);
/* The plan's standard (its body); 500 when the stored code is gone. */
int review_plan_standard(Store *st, const json_t *plan, json_t **standard, ZfError *err);
/* An agency's name and region ("" when unknown). */
void review_agency(Store *st, const char *code, char name[256], char region[7]);
/* The grade bands of the setting review_grade_bands (the migration's default when it is unreadable). */
int review_bands(Store *st, ReviewBands *bands);
/* Re-derives an item's status and result from its tasks, then the plan's status (both written). */
int review_refresh(const AppContext *cx, long long item_id, ZfError *err);
/* Runs fn inside one write transaction. */
int review_in_tx(const AppContext *cx, int (*fn)(const AppContext *cx, void *arg, ZfError *err), void *arg, ZfError *err);

#endif
