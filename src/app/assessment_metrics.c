/* Computed indicators: a metric of the setting assessment_metrics, valued for one unit over the
 * plan's year from zhifa's own figures — the statistics rollups (store/stats.h, the rows GET
 * /api/v1/stats/by-agency and /reporting answer from) and the reconsideration counts of rollup_cases
 * — and scored by the metric's thresholds. Each value carries its figures and the list behind it. */
#include "app/assessment_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "domain/assessment.h"
#include "domain/ranking.h"
#include "app/stats.h"
#include "store/stats.h"

static long long num(const json_t *o, const char *k) { return (long long)json_integer_value(json_object_get(o, k)); }

/* The months of the plan's year whose figures exist by today: from YYYY-01 to the earlier of YYYY-12
 * and this month. */
static void year_range(const AppContext *cx, const json_t *plan, char from[8], char to[8], char today[ZF_DATE_LEN])
{
    const char *year = assess_str(plan, "year");
    date_format(cx->today, today);
    snprintf(from, 8, "%.4s-01", year);
    snprintf(to, 8, "%.4s-12", year);
    char now[8];
    snprintf(now, sizeof now, "%.7s", today);
    if (strcmp(now, to) < 0) memcpy(to, now, 8);
}

static bool by_agency_counts(const AppContext *cx, const char *unit, const char *from, const char *to, const char *today,
                             RankCounts *c, json_t **row)
{
    StatsFilter f = {.scope_agency = unit, .from = from, .to = to, .today = today};
    json_t *rows = NULL, *r;
    ZfError e;
    size_t i;
    memset(c, 0, sizeof *c);
    *row = NULL;
    if (store_stats(cx->store, STATS_BY_AGENCY, &f, &rows, &e) != ZF_OK) return false;
    json_array_foreach(rows, i, r)
        if (assess_str(r, "agency") && strcmp(assess_str(r, "agency"), unit) == 0) *row = json_incref(r);
    json_decref(rows);
    if (!*row) return false;
    *c = (RankCounts){num(*row, "filed"), num(*row, "findings_new"), num(*row, "ordinary_decided"), num(*row, "decided_in_limit"),
                      num(*row, "p10_new"), num(*row, "orders_issued"), num(*row, "orders_on_time"), num(*row, "review_files"),
                      num(*row, "review_score_cp")};
    return true;
}

/* Months of the range already due (before this month) reported on time. */
static bool reports_value(const AppContext *cx, const char *unit, const char *from, const char *to, const char *today,
                          double *value, json_t *figures)
{
    char month[8], now[8];
    long long due = 0, on_time = 0;
    snprintf(now, sizeof now, "%.7s", today);
    snprintf(month, sizeof month, "%s", from);
    for (int i = 0; i < 12 && strcmp(month, to) <= 0 && strcmp(month, now) < 0; i++) {
        StatsFilter f = {.scope_agency = unit, .from = month, .to = month, .today = today};
        json_t *rows = NULL, *r;
        ZfError e;
        size_t k;
        if (store_stats(cx->store, STATS_REPORTING, &f, &rows, &e) == ZF_OK) {
            json_array_foreach(rows, k, r)
                if (strcmp(assess_str(r, "agency"), unit) == 0 && num(r, "late") == 0 && num(r, "on_time") > 0) on_time++;
        }
        json_decref(rows);
        due++;
        stats_month_add(month, 1, month);
    }
    json_object_set_new(figures, "months_due", json_integer(due));
    json_object_set_new(figures, "months_on_time", json_integer(on_time));
    if (due == 0) return false;
    *value = 100.0 * (double)on_time / (double)due;
    return true;
}

static bool metric_value(const AppContext *cx, const char *key, const char *unit, const char *from, const char *to,
                         const char *today, double *value, json_t *figures)
{
    if (strcmp(key, "monthly_reports_on_time") == 0) return reports_value(cx, unit, from, to, today, value, figures);
    if (strcmp(key, "reconsideration_correction") == 0) {
        long long decided = 0, reconsidered = 0;
        ZfError e;
        if (store_assess_reconsidered(cx->store, unit, from, to, &decided, &reconsidered, &e) != ZF_OK) return false;
        json_object_set_new(figures, "decided", json_integer(decided));
        json_object_set_new(figures, "reconsidered", json_integer(reconsidered));
        if (decided == 0) return false;
        *value = 100.0 * (double)reconsidered / (double)decided;
        return true;
    }
    RankCounts c;
    json_t *row;
    bool have = by_agency_counts(cx, unit, from, to, today, &c, &row);
    static const char *const KEEP[] = {"filed", "findings_new", "ordinary_decided", "p10_new", "orders_issued",
                                       "orders_on_time", "review_files"};
    for (size_t i = 0; row && i < sizeof KEEP / sizeof *KEEP; i++)
        json_object_set(figures, KEEP[i], json_object_get(row, KEEP[i]));
    json_decref(row);
    return have && ranking_value(key, &c, value);
}

/* The list page (with its filters) the figures come from. */
static void provenance_link(const char *key, const char *unit, const char *from, const char *to, char *out, size_t n)
{
    if (strcmp(key, "publicity_on_time") == 0) snprintf(out, n, "/supervision/alerts?rule=P10&agency=%s", unit);
    else if (strcmp(key, "alerts_per_100") == 0) snprintf(out, n, "/supervision/alerts?agency=%s", unit);
    else if (strcmp(key, "orders_on_time") == 0) snprintf(out, n, "/supervision/orders?agency=%s", unit);
    else if (strcmp(key, "monthly_reports_on_time") == 0) snprintf(out, n, "/reporting/monthly-status?agency=%s", unit);
    else if (strcmp(key, "review_avg") == 0) snprintf(out, n, "/supervision/reviews");
    else snprintf(out, n, "/supervision/cases?agency=%s&decided_from=%s-01&decided_to=%s-31", unit, from, to);
}

json_t *assess_computed(const AppContext *cx, const json_t *plan, const json_t *metrics, const json_t *indicator,
                        const char *unit)
{
    const char *key = assess_str(indicator, "metric");
    const json_t *m = assess_metric(metrics, key);
    char from[8], to[8], today[ZF_DATE_LEN], link[200];
    long long cp = 0;
    double value = 0;
    json_t *figures = json_object();
    year_range(cx, plan, from, to, today);
    bool have = m && metric_value(cx, key, unit, from, to, today, &value, figures);
    if (have) value = round(value * 10.0) / 10.0; /* one decimal, as the statistics show it */
    double share = have ? assess_metric_share(m, value) : 0;
    assess_points_cp(json_object_get(indicator, "points"), &cp);
    provenance_link(key ? key : "", unit, from, to, link, sizeof link);
    return json_pack("{s:s?, s:s?, s:s?, s:o, s:f, s:o, s:{s:s, s:s, s:o, s:s}}", "metric", key, "name", assess_str(m, "name"),
                     "unit_of_value", assess_str(m, "unit"), "value", have ? json_real(value) : json_null(), "share", share,
                     "points", assess_points_json(llround((double)cp * share)), "provenance", "from", from, "to", to,
                     "figures", figures, "link", link);
}
