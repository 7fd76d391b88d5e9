/* See ranking.h. The indicators are fixed here (each is a formula over stored counts); which of
 * them count, with what weight, is the setting. */
#include "domain/ranking.h"

#include <stdio.h>
#include <string.h>

static const char *const INDICATORS[] = {"alerts_per_100", "decided_in_limit", "orders_on_time", "review_avg",
                                         "publicity_on_time", NULL};

static bool known(const char *indicator)
{
    for (int i = 0; INDICATORS[i]; i++)
        if (strcmp(INDICATORS[i], indicator) == 0) return true;
    return false;
}

int ranking_weights_parse(const char *text, RankWeight *out, size_t *n, ZfError *err)
{
    json_t *a = json_loads(text ? text : "", 0, NULL), *e;
    size_t i;
    *n = 0;
    if (!json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > RANK_INDICATORS_MAX) {
        json_decref(a);
        return zf_fail(err, 400, "invalid_value", "value", "排名指标应为 1 至 %d 项的列表", RANK_INDICATORS_MAX);
    }
    json_array_foreach(a, i, e) {
        const char *ind = json_string_value(json_object_get(e, "indicator"));
        const char *better = json_string_value(json_object_get(e, "better"));
        json_t *w = json_object_get(e, "weight");
        int rc = ZF_OK;
        if (!ind || !known(ind)) rc = zf_fail(err, 400, "invalid_value", "value", "第 %zu 项：未知的排名指标", i + 1);
        for (size_t k = 0; rc == ZF_OK && k < *n; k++)
            if (strcmp(out[k].indicator, ind) == 0) rc = zf_fail(err, 400, "invalid_value", "value", "第 %zu 项：指标重复", i + 1);
        if (rc == ZF_OK && (!json_is_number(w) || json_number_value(w) <= 0 || json_number_value(w) > 100))
            rc = zf_fail(err, 400, "invalid_value", "value", "第 %zu 项：权重应为大于 0、不超过 100 的数", i + 1);
        if (rc == ZF_OK && (!better || (strcmp(better, "higher") != 0 && strcmp(better, "lower") != 0)))
            rc = zf_fail(err, 400, "invalid_value", "value", "第 %zu 项：better 应为 higher 或 lower", i + 1);
        const char *basis = json_string_value(json_object_get(e, "basis"));
        if (rc == ZF_OK && (!basis || !*basis))
            rc = zf_fail(err, 400, "invalid_value", "value", "第 %zu 项：请写明依据（basis）", i + 1);
        if (rc != ZF_OK) {
            json_decref(a);
            return ZF_ERR;
        }
        snprintf(out[*n].indicator, sizeof out[*n].indicator, "%s", ind);
        out[*n].weight = json_number_value(w);
        out[(*n)++].lower_is_better = strcmp(better, "lower") == 0;
    }
    json_decref(a);
    return ZF_OK;
}

static bool share(long long part, long long whole, double *value)
{
    if (whole <= 0) return false;
    if (part < 0) part = 0;
    if (part > whole) part = whole;
    *value = 100.0 * (double)part / (double)whole;
    return true;
}

bool ranking_value(const char *indicator, const RankCounts *c, double *value)
{
    if (strcmp(indicator, "alerts_per_100") == 0) {
        if (c->filed <= 0) return false;
        *value = 100.0 * (double)c->findings_new / (double)c->filed;
        return true;
    }
    if (strcmp(indicator, "decided_in_limit") == 0) return share(c->decided_in_limit, c->ordinary_decided, value);
    if (strcmp(indicator, "orders_on_time") == 0) return share(c->orders_on_time, c->orders_issued, value);
    if (strcmp(indicator, "publicity_on_time") == 0)
        return share(c->ordinary_decided - c->p10_new, c->ordinary_decided, value);
    if (strcmp(indicator, "review_avg") == 0) {
        if (c->review_files <= 0) return false;
        *value = (double)c->review_score_cp / (double)c->review_files / 100.0;
        return true;
    }
    return false;
}

void ranking_score(const RankCounts *units, size_t n, const RankWeight *w, size_t nw, double *values, bool *has,
                   double *ind_scores, double *scores, bool *scored)
{
    for (size_t u = 0; u < n; u++)
        for (size_t i = 0; i < nw; i++) has[u * nw + i] = ranking_value(w[i].indicator, &units[u], &values[u * nw + i]);
    for (size_t i = 0; i < nw; i++) {
        double lo = 0, hi = 0;
        bool any = false;
        for (size_t u = 0; u < n; u++) {
            if (!has[u * nw + i]) continue;
            double v = values[u * nw + i];
            if (!any || v < lo) lo = v;
            if (!any || v > hi) hi = v;
            any = true;
        }
        for (size_t u = 0; u < n; u++) {
            double v = values[u * nw + i], s = hi > lo ? 100.0 * (v - lo) / (hi - lo) : 100.0;
            ind_scores[u * nw + i] = has[u * nw + i] ? (w[i].lower_is_better && hi > lo ? 100.0 - s : s) : 0;
        }
    }
    for (size_t u = 0; u < n; u++) {
        double sum = 0, weights = 0;
        for (size_t i = 0; i < nw; i++)
            if (has[u * nw + i]) sum += w[i].weight * ind_scores[u * nw + i], weights += w[i].weight;
        scored[u] = weights > 0;
        scores[u] = weights > 0 ? sum / weights : 0;
    }
}
