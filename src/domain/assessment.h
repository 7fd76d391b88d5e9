/* 法治督察考核 (docs/assessment.md): the rules of a plan's shape, the scoring of a computed value by
 * its thresholds and the competition ranking. Pure: plain values in, plain values out. */
#ifndef ZF_DOMAIN_ASSESSMENT_H
#define ZF_DOMAIN_ASSESSMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define ASSESS_LEVEL_MAX 3

/* Points as hundredths (cp): a JSON number ≥ 0 with at most two decimals. */
bool assess_points_cp(const json_t *v, long long *cp);
json_t *assess_points_json(long long cp);

/* Checks parts [{key,name,weight}] and indicators [{code,name,part,parent?,points,standard,source,
 * metric?}] as docs/assessment.md says: 422 weights_sum (field "parts") when the weights do not sum
 * to 100; 422 points_sum naming the part (field "parts.<key>") whose level-1 points do not sum to its
 * weight, or the indicator (field "indicators.<code>") whose children do not sum to it; 400 for a
 * malformed entry. metrics: the setting assessment_metrics (a computed indicator names one). */
int assess_plan_check(const json_t *parts, const json_t *indicators, const json_t *metrics, ZfError *err);

/* The indicator of that code, or NULL; whether it has children; its level (1..3). */
const json_t *assess_indicator(const json_t *indicators, const char *code);
bool assess_indicator_is_leaf(const json_t *indicators, const char *code);

/* The level-1 indicator above code (itself at level 1), or NULL. */
const json_t *assess_indicator_group(const json_t *indicators, const char *code);
/* May `user` review and score indicators of that group: anyone when the group names no reviewers. */
bool assess_group_reviewer(const json_t *group, const char *user);

/* The share (0..1) of the points a value earns by the metric's thresholds ({min,share} when better is
 * higher, {max,share} when lower): the first met; 0 when none is. */
double assess_metric_share(const json_t *metric, double value);

/* Competition ranking ("1224") of totals already ordered from the highest: equal totals share a
 * rank, the next rank skips as many as shared it. */
void assess_competition_ranks(const long long *totals_desc, size_t n, int *ranks);

#endif
