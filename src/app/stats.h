/* 统计分析 answers (docs/analytics.md "Stats API"): the rollups read through store/stats.h, named
 * (agencies, divisions, sectors, rules) and shaped as the contract says. Money in fen. */
#ifndef ZF_APP_STATS_H
#define ZF_APP_STATS_H

#include <jansson.h>

#include "domain/regions.h"
#include "store/stats.h"

typedef struct {
    StatsFilter f;          /* scope and region prefix, months from..to, today */
    const Regions *regions; /* division names and parents (NULL: by code prefix, unnamed) */
} StatsQuery;

int app_stats_summary(Store *st, const StatsQuery *q, json_t **out, ZfError *err);
int app_stats_trend(Store *st, const StatsQuery *q, json_t **out, ZfError *err);
int app_stats_by_agency(Store *st, const StatsQuery *q, json_t **out, ZfError *err);
/* The divisions one level below the filter's region prefix (the provinces with none). */
int app_stats_by_region(Store *st, const StatsQuery *q, json_t **out, ZfError *err);
int app_stats_by_sector(Store *st, const StatsQuery *q, json_t **out, ZfError *err);
int app_stats_by_rule(Store *st, const StatsQuery *q, json_t **out, ZfError *err);
/* Agencies holding a penalty power with no penalty decided in the `months` months ending with q->f.to. */
int app_stats_zero_enforcement(Store *st, const StatsQuery *q, int months, json_t **out, ZfError *err);
/* Reporting of `month` (YYYY-MM) by every agency in scope. */
int app_stats_reporting(Store *st, const StatsQuery *q, const char *month, json_t **out, ZfError *err);
/* Ranking of `month` by agency or by division ("agency" | "region"), with the change from the month before. */
int app_stats_rankings(Store *st, const StatsQuery *q, const char *month, const char *level, json_t **out,
                       ZfError *err);
/* The 大屏 bundle: every part above the screen shows, in one answer. */
int app_stats_screen(Store *st, const StatsQuery *q, json_t **out, ZfError *err);

/* "YYYY-MM" moved by delta months into out. */
void stats_month_add(const char *month, int delta, char out[8]);

#endif
