/* 法治督察考核 (issue 26, docs/assessment.md): the use cases of assessment plans — create, copy,
 * publish, revise, close; the units' fillings with evidence and contests; reviewers' acceptance and
 * scores; computed indicators; the ranking; tasks and the orders they turn into. Each write is one
 * transaction; plans, fillings and scores are written with their ledger events. Scope is decided
 * here against what is stored: a plan is its region's supervisors'; a unit's users reach their unit. */
#ifndef ZF_APP_ASSESSMENT_H
#define ZF_APP_ASSESSMENT_H

#include <jansson.h>
#include <stdbool.h>

#include "app/context.h"

/* ---- plans (app/assessment_plans.c) ---- */
int app_assess_plan_create(const AppContext *cx, const json_t *in, json_t **plan, ZfError *err);
int app_assess_plan_update(const AppContext *cx, long long id, const json_t *in, json_t **plan, ZfError *err);
/* A new draft for `year` with this plan's units, parts and indicators (copied_from = id). */
int app_assess_plan_copy(const AppContext *cx, long long id, const char *year, json_t **plan, ZfError *err);
/* act: "publish" (draft → published; a revision supersedes the version it corrects), "revise" (a
 * published plan → a new draft version), "close" (published → closed: scores locked). */
int app_assess_plan_act(const AppContext *cx, long long id, const char *act, json_t **plan, ZfError *err);
int app_assess_plans_list(const AppContext *cx, json_t **out, ZfError *err);
int app_assess_plan_get(const AppContext *cx, long long id, json_t **out, ZfError *err);

/* ---- fillings (app/assessment_fill.c) ---- */
typedef struct {
    const char *unit, *name, *media_type, *sm3;
    long long size;
} AssessFile;
/* Is cx->user one of the unit's users who may fill this plan now? (checked before the upload is kept) */
int app_assess_file_check(const AppContext *cx, long long plan_id, const char *unit, ZfError *err);
int app_assess_file_add(const AppContext *cx, long long plan_id, const AssessFile *f, json_t **out, ZfError *err);
int app_assess_file_get(const AppContext *cx, long long plan_id, long long file_id, json_t **out, ZfError *err);
int app_assess_filling_put(const AppContext *cx, long long plan_id, const char *unit, const char *indicator,
                           const json_t *in, json_t **out, ZfError *err);
/* action accept | return (note required). */
int app_assess_filling_review(const AppContext *cx, long long plan_id, const char *unit, const char *indicator,
                              const char *action, const char *note, json_t **out, ZfError *err);
int app_assess_contest(const AppContext *cx, long long plan_id, const char *unit, const char *indicator,
                       const char *reason, json_t **out, ZfError *err);

/* ---- scores and ranking (app/assessment_scores.c) ---- */
int app_assess_score(const AppContext *cx, long long plan_id, const json_t *in, json_t **out, ZfError *err);
/* {items:[{unit, unit_name, total, parts:{key: points}, rank, previous_total, change}]}; a unit's
 * users get their own item only. */
int app_assess_ranking(const AppContext *cx, long long plan_id, json_t **out, ZfError *err);
/* One unit's indicators with filling, score and computed value; 404 for another unit's users. */
int app_assess_unit(const AppContext *cx, long long plan_id, const char *unit, json_t **out, ZfError *err);

/* ---- tasks and orders (app/assessment_tasks.c) ---- */
int app_assess_task_create(const AppContext *cx, long long plan_id, const json_t *in, json_t **out, ZfError *err);
int app_assess_tasks(const AppContext *cx, long long plan_id, json_t **out, ZfError *err);
int app_assess_task_progress(const AppContext *cx, long long task_id, const char *note, bool done, json_t **out,
                             ZfError *err);
/* {unit, indicator} (a low-scoring indicator) or {task} (an overdue task) → a 督办通知书 draft. */
int app_assess_order(const AppContext *cx, long long plan_id, const json_t *in, json_t **out, ZfError *err);

/* ---- reminders (app/assessment_remind.c) ---- */
/* The day's messages: filling deadlines within assessment_task_warn_days, tasks yellow or red. */
int app_assess_remind(const AppContext *cx, int *sent, ZfError *err);

/* ---- 民意调查 (app/assessment_survey.c) ---- */
/* {survey:{indicator, questions}, items:[{unit, unit_name, responses, mean, points}]} (a unit: its own). */
int app_assess_survey_tally(const AppContext *cx, long long plan_id, json_t **out, ZfError *err);
/* The published plans with a survey: {items:[{id, year, name, units:[{code, name}], questions}]}. */
int app_assess_public_surveys(const AppContext *cx, json_t **out, ZfError *err);
typedef struct {
    const char *unit;
    const json_t *answers; /* [1..5 per question] */
    const char *challenge_id, *nonce;
} AssessSurveyAnswer;
/* One anonymous answer: 400, 404, 429 past portal_surveys_per_hour for addr, 422 challenge_failed. */
int app_assess_survey_answer(const AppContext *cx, long long plan_id, const AssessSurveyAnswer *in, const char *addr,
                             long long now, ZfError *err);

#endif
