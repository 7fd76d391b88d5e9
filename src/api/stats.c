/* /api/v1/stats/…: 统计分析 (docs/analytics.md "Stats API"). Thin: the common query (region inside
 * the caller's scope, from and to months) is checked here, app/stats.c answers from the rollups. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "app/stats.h"
#include "http/server.h"
#include "util/date.h"

#define MONTHS_MAX 120

typedef struct {
    StatsQuery q;
    char prefix[7], from[8], to[8], today[ZF_DATE_LEN];
} StatsArgs;

/* "YYYY-MM" of a real month. */
static bool month_valid(const char *s)
{
    if (!s || strlen(s) != 7 || s[4] != '-') return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9')) return false;
    int y = atoi(s), m = atoi(s + 5);
    return y >= 1900 && m >= 1 && m <= 12;
}

/* An optional month parameter: ZF_ERR after a 400 reply; *out NULL when absent. */
static int param_month(HttpRequest *req, const char *name, const char **out)
{
    if (param_text(req, name, 7, out) != ZF_OK) return ZF_ERR;
    if (*out && !month_valid(*out)) {
        http_reply_error(req, 400, "invalid_param", name, "月份格式应为 YYYY-MM，如 2026-05");
        return ZF_ERR;
    }
    return ZF_OK;
}

static int months_between(const char *from, const char *to)
{
    return (atoi(to) - atoi(from)) * 12 + atoi(to + 5) - atoi(from + 5);
}

/* Scope, region, from, to and today into a; ZF_ERR when it has replied (400, 403). */
static int stats_args(HttpRequest *req, StatsArgs *a)
{
    const char *region, *from, *to, *scope_agency, *scope_prefix;
    memset(a, 0, sizeof *a);
    if (param_region(req, "region", a->prefix, &region) != ZF_OK || param_month(req, "from", &from) != ZF_OK ||
        param_month(req, "to", &to) != ZF_OK)
        return ZF_ERR;
    if (!api_scope_filter(req, &scope_agency, &scope_prefix)) {
        http_reply_error(req, 403, "forbidden", NULL, "没有数据范围");
        return ZF_ERR;
    }
    if (region && scope_prefix && strncmp(region, scope_prefix, strlen(scope_prefix)) != 0) {
        http_reply_error(req, 403, "forbidden", "region", "只能查看本账号数据范围内行政区划的统计");
        return ZF_ERR;
    }
    date_format(req->today, a->today);
    snprintf(a->to, sizeof a->to, "%.7s", to ? to : a->today);
    if (from) snprintf(a->from, sizeof a->from, "%s", from);
    else stats_month_add(a->to, -11, a->from);
    if (months_between(a->from, a->to) < 0) {
        http_reply_error(req, 400, "invalid_param", "from", "起始月份不能晚于截止月份");
        return ZF_ERR;
    }
    if (months_between(a->from, a->to) >= MONTHS_MAX) {
        http_reply_error(req, 400, "invalid_param", "from", "统计区间不超过 120 个月");
        return ZF_ERR;
    }
    a->q.f = (StatsFilter){scope_agency, region ? region : scope_prefix, a->from, a->to, a->today};
    a->q.regions = req->server ? req->server->regions : NULL;
    return ZF_OK;
}

typedef int (*StatsFn)(Store *st, const StatsQuery *q, json_t **out, ZfError *err);

static int answer(HttpRequest *req, StatsFn fn)
{
    StatsArgs a;
    json_t *out;
    ZfError err;
    if (stats_args(req, &a) != ZF_OK) return 0;
    if (fn(req->store, &a.q, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_stats_summary(HttpRequest *req) { return answer(req, app_stats_summary); }
int api_stats_trend(HttpRequest *req) { return answer(req, app_stats_trend); }
int api_stats_by_agency(HttpRequest *req) { return answer(req, app_stats_by_agency); }
int api_stats_by_region(HttpRequest *req) { return answer(req, app_stats_by_region); }
int api_stats_by_sector(HttpRequest *req) { return answer(req, app_stats_by_sector); }
int api_stats_by_rule(HttpRequest *req) { return answer(req, app_stats_by_rule); }
int api_stats_screen(HttpRequest *req) { return answer(req, app_stats_screen); }

int api_stats_zero_enforcement(HttpRequest *req)
{
    StatsArgs a;
    long months;
    json_t *out;
    ZfError err;
    if (param_int(req, "months", 1, MONTHS_MAX, 12, &months) != ZF_OK || stats_args(req, &a) != ZF_OK) return 0;
    if (app_stats_zero_enforcement(req->store, &a.q, (int)months, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

/* The month asked for, else the month before today's (the last whose reports and figures are complete). */
static int month_or_last(HttpRequest *req, const StatsArgs *a, char out[8])
{
    const char *month;
    if (param_month(req, "month", &month) != ZF_OK) return ZF_ERR;
    if (month) snprintf(out, 8, "%s", month);
    else stats_month_add(a->today, -1, out);
    return ZF_OK;
}

int api_stats_reporting(HttpRequest *req)
{
    StatsArgs a;
    char month[8];
    json_t *out;
    ZfError err;
    if (stats_args(req, &a) != ZF_OK || month_or_last(req, &a, month) != ZF_OK) return 0;
    if (app_stats_reporting(req->store, &a.q, month, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_stats_rankings(HttpRequest *req)
{
    static const char *const LEVELS[] = {"agency", "region", NULL};
    StatsArgs a;
    char month[8];
    const char *level;
    json_t *out;
    ZfError err;
    if (param_enum(req, "level", LEVELS, &level) != ZF_OK || stats_args(req, &a) != ZF_OK ||
        month_or_last(req, &a, month) != ZF_OK)
        return 0;
    if (app_stats_rankings(req->store, &a.q, month, level ? level : "agency", &out, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}
