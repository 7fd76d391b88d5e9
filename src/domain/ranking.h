/* 排名 (docs/analytics.md "Rankings"): a composite score of an agency or a division from indicators
 * whose names, weights, direction and legal basis are the setting `ranking_weights`. Pure. */
#ifndef ZF_DOMAIN_RANKING_H
#define ZF_DOMAIN_RANKING_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/* The counts one unit (agency or division) has in the ranked month; review_* over the 12 months
 * ending with it (评查 is occasional). */
typedef struct {
    long long filed, findings_new, ordinary_decided, decided_in_limit, p10_new, orders_issued, orders_on_time,
        review_files, review_score_cp;
} RankCounts;

#define RANK_INDICATORS_MAX 8

typedef struct {
    char indicator[32];
    double weight;
    bool lower_is_better;
} RankWeight;

/* Parses and checks the setting: a JSON array of {"indicator","name","weight","better":"higher"|"lower",
 * "basis"} with known indicators, each once, weights > 0. ZF_ERR 400 with a Chinese message. */
int ranking_weights_parse(const char *text, RankWeight *out, size_t *n, ZfError *err);

/* The indicator's value for the counts, false when it has no base (no case filed, no order issued …):
 * alerts_per_100 (findings first seen per 100 cases filed), decided_in_limit (% of ordinary decisions
 * within 处罚法 60's limit), orders_on_time (% of orders issued answered by the first due date),
 * review_avg (mean 评查 score), publicity_on_time (% of ordinary decisions without a P10 finding). */
bool ranking_value(const char *indicator, const RankCounts *c, double *value);

/* Scores n units: each indicator min–max normalised to 0..100 over the units that have it (100 to all
 * when they are equal; reversed when lower is better), the unit's score the weighted mean over the
 * indicators it has. values[u*nw + i] / has[u*nw + i] receive each indicator's value, scores[u] /
 * scored[u] the composite (false when the unit has no indicator), ind_scores[u*nw + i] each part. */
void ranking_score(const RankCounts *units, size_t n, const RankWeight *w, size_t nw, double *values, bool *has,
                   double *ind_scores, double *scores, bool *scored);

#endif
