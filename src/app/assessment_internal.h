/* What the assessment services share (app/assessment_common.c): transactions, the logged writes,
 * loading a plan within the caller's reach, the metrics setting and a unit's points. */
#ifndef ZF_APP_ASSESSMENT_INTERNAL_H
#define ZF_APP_ASSESSMENT_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>

#include "app/assessment.h"
#include "store/assessment.h"

typedef enum { NEED_READ, NEED_MANAGE, NEED_SCORE } AssessNeed;

int assess_in_tx(const AppContext *cx, int (*fn)(const AppContext *cx, void *arg, ZfError *err), void *arg,
                 ZfError *err);
/* Writes the row; plans, fillings and scores with their ledger event (app/logged_row.c). */
int assess_put(Store *st, AssessTable t, json_t *row, ZfError *err);
/* The plan if cx->user may reach it for `need`, else 404 (whatever its existence). */
int assess_plan_load(const AppContext *cx, long long id, AssessNeed need, json_t **plan, ZfError *err);
bool assess_plan_has_unit(const json_t *plan, const char *unit);
/* Is cx->user a user of `unit` (agency scope) with assessment.fill? */
bool assess_is_unit_user(const AppContext *cx, const char *unit);
/* May cx->user see every unit of the plan (its managers and the region's readers)? */
bool assess_sees_all(const AppContext *cx, const json_t *plan);
/* The plan as the API shows it (a new object). */
json_t *assess_plan_json(const json_t *row);
/* The setting assessment_metrics (an array; empty when unreadable). */
json_t *assess_metrics(Store *st);
const json_t *assess_metric(const json_t *metrics, const char *key);
/* A computed indicator's value for the unit over the plan's year: {metric, name, value|null,
 * share, points, figures:{…}, link}. */
json_t *assess_computed(const AppContext *cx, const json_t *plan, const json_t *metrics, const json_t *indicator,
                        const char *unit);
/* Every leaf's points for the unit: {indicator code: cp}; totals per part and overall. */
typedef struct {
    long long total;
    json_t *parts;  /* {key: cp} */
    json_t *leaves; /* {code: {cp, source: score|computed|none}} */
} AssessUnitPoints;
int assess_unit_points(const AppContext *cx, const json_t *plan, const json_t *metrics, const json_t *scores,
                       const char *unit, AssessUnitPoints *out, ZfError *err);
void assess_unit_points_free(AssessUnitPoints *p);
const char *assess_str(const json_t *o, const char *k);
/* The plan's optional survey {indicator, questions}: 400 unless it names a manual leaf and 1–20 questions. */
int assess_survey_check(const json_t *survey, const json_t *indicators, ZfError *err);
/* The survey's points for the unit on `code` when it is the survey's indicator and has answers. */
bool assess_survey_points(const AppContext *cx, const json_t *plan, const char *code, const char *unit, long long *cp);

#endif
