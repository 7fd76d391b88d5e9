/* See bulletin.h. The ranking is the one GET /stats/rankings answers for the month and region (the
 * weighted composite of the setting ranking_weights, docs/analytics.md): one ranking, not a second. */
#include "app/bulletin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/stats.h"
#include "domain/bulletin_summary.h"
#include "store/bulletin.h"
#include "store/settings.h"
#include "util/date.h"

#define REPORT_DUE_DAY_DEFAULT 10 /* as api/monthly.c: the setting report_due_day of the next month */

typedef struct {
    int year, month;
    char ym[8], from[ZF_DATE_LEN], to[ZF_DATE_LEN], trend_from[ZF_DATE_LEN], today[ZF_DATE_LEN], due[ZF_DATE_LEN];
    char prefix[7];
    BulletinQuery q;
} Span;

static bool parse_month(const char *month, Span *s)
{
    if (!month || strlen(month) != 7 || month[4] != '-') return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (month[i] < '0' || month[i] > '9')) return false;
    s->year = atoi(month), s->month = atoi(month + 5);
    return s->year >= 2000 && s->year <= 2099 && s->month >= 1 && s->month <= 12;
}

static void span_dates(const AppContext *cx, Span *s)
{
    snprintf(s->ym, sizeof s->ym, "%04d-%02d", s->year, s->month);
    date_format(date_from_ymd(s->year, s->month, 1), s->from);
    date_format(date_from_ymd(s->year, s->month, date_days_in_month(s->year, s->month)), s->to);
    date_format(date_from_ymd(s->year - 1, s->month, 1), s->trend_from);
    date_format(cx->today, s->today);
    int y = s->year, m = s->month + 1, due_day = store_setting_int(cx->store, "report_due_day", REPORT_DUE_DAY_DEFAULT);
    if (m > 12) m = 1, y++;
    int last = date_days_in_month(y, m);
    date_format(date_from_ymd(y, m, due_day < last ? due_day : last), s->due);
}

/* The region asked for must lie in the caller's; none asked: the caller's whole scope. */
static int span_scope(const AppContext *cx, const char *region, Span *s, ZfError *err)
{
    if (cx->scope.kind == SCOPE_AGENCY) {
        if (!cx->scope.agency[0]) return zf_fail(err, 403, "forbidden", NULL, "没有数据范围");
        s->q.scope_agency = cx->scope.agency;
    }
    const char *own = cx->scope.kind == SCOPE_REGION ? cx->scope.region_prefix : "";
    if (region) {
        DataScope asked;
        scope_for_region(&asked, region);
        if (strncmp(asked.region_prefix, own, strlen(own)) != 0)
            return zf_fail(err, 403, "out_of_scope", "region", "所选区划超出本人数据范围");
        memcpy(s->prefix, asked.region_prefix, sizeof s->prefix);
    } else {
        snprintf(s->prefix, sizeof s->prefix, "%s", own);
    }
    s->q.region_prefix = s->prefix[0] ? s->prefix : NULL;
    return ZF_OK;
}

static long long num(const json_t *o, const char *k) { return (long long)json_integer_value(json_object_get(o, k)); }

static const char *report_status(const json_t *row, const Span *s)
{
    const char *at = json_string_value(json_object_get(row, "report_at"));
    if (at) return strcmp(at, s->due) <= 0 ? "on_time" : "late";
    return strcmp(s->today, s->due) > 0 ? "missing" : "pending";
}

static const char *const SUMMED[] = {"filed",         "decided",        "closed", "fines_fen", "violations", "warnings", "alerts",
                                     "orders_issued", "orders_overdue", "reviewed", "review_cp", NULL};

/* Each agency's derived figures, and the totals row. */
static json_t *derive(json_t *agencies, const Span *s)
{
    json_t *totals = json_object(), *row;
    size_t i;
    for (int k = 0; SUMMED[k]; k++) json_object_set_new(totals, SUMMED[k], json_integer(0));
    long long reported = 0;
    json_array_foreach(agencies, i, row) {
        json_object_set_new(row, "alerts", json_integer(num(row, "violations") + num(row, "warnings")));
        long long n = num(row, "reviewed");
        json_object_set_new(row, "review_avg", n ? json_real((double)num(row, "review_cp") / (double)n / 100.0) : json_null());
        const char *status = report_status(row, s);
        json_object_set_new(row, "report", json_string(status));
        reported += strcmp(status, "on_time") == 0 || strcmp(status, "late") == 0;
        for (int k = 0; SUMMED[k]; k++)
            json_object_set_new(totals, SUMMED[k], json_integer(num(totals, SUMMED[k]) + num(row, SUMMED[k])));
    }
    json_object_set_new(totals, "agencies", json_integer((json_int_t)json_array_size(agencies)));
    json_object_set_new(totals, "reported", json_integer(reported));
    long long n = num(totals, "reviewed");
    json_object_set_new(totals, "review_avg", n ? json_real((double)num(totals, "review_cp") / (double)n / 100.0) : json_null());
    return totals;
}

/* The ranking of GET /stats/rankings?month=&region= (level agency) in its order, each agency's rank
 * also set on its row of the tables (null when it has no indicator: unranked, listed last). */
static int ranking(const AppContext *cx, const Span *s, json_t *agencies, json_t *b, ZfError *err)
{
    StatsQuery q = {{s->q.scope_agency, s->q.region_prefix, s->ym, s->ym, s->today}, cx->regions};
    json_t *r, *it, *row, *out = json_array();
    size_t i, j;
    if (app_stats_rankings(cx->store, &q, s->ym, "agency", &r, err) != ZF_OK) return json_decref(out), ZF_ERR;
    json_array_foreach(agencies, j, row) json_object_set_new(row, "rank", json_null());
    json_array_foreach(json_object_get(r, "items"), i, it) {
        json_array_append_new(out, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "agency", json_object_get(it, "code"),
            "name", json_object_get(it, "name"), "rank", json_object_get(it, "rank"), "score", json_object_get(it, "score"),
            "change", json_object_get(it, "change"), "rank_change", json_object_get(it, "rank_change"),
            "indicators", json_object_get(it, "indicators")));
        json_array_foreach(agencies, j, row)
            if (json_equal(json_object_get(row, "agency"), json_object_get(it, "code")))
                json_object_set(row, "rank", json_object_get(it, "rank"));
    }
    json_object_set_new(b, "ranking", out);
    json_object_set(b, "ranking_weights", json_object_get(r, "weights"));
    json_decref(r);
    return ZF_OK;
}

/* The trend's month ym, or zeros. */
static BulletinPeriod period(const json_t *trend, int year, int month)
{
    char ym[8];
    snprintf(ym, sizeof ym, "%04d-%02d", year, month);
    size_t i;
    json_t *row;
    json_array_foreach(trend, i, row) {
        const char *m = json_string_value(json_object_get(row, "month"));
        if (m && strcmp(m, ym) == 0) return (BulletinPeriod){num(row, "filed"), num(row, "decided"), num(row, "fines_fen")};
    }
    return (BulletinPeriod){0, 0, 0};
}

/* Every month from a year before to the month, the ones without cases as zeros: the chart's axis. */
static json_t *full_trend(const json_t *sparse, const Span *s)
{
    json_t *out = json_array();
    for (int i = 0; i < BULLETIN_TREND_MONTHS; i++) {
        int m0 = (s->year - 1) * 12 + (s->month - 1) + i;
        BulletinPeriod p = period(sparse, m0 / 12, m0 % 12 + 1);
        char ym[24];
        snprintf(ym, sizeof ym, "%04d-%02d", m0 / 12, m0 % 12 + 1);
        json_array_append_new(out, json_pack("{s:s, s:I, s:I, s:I}", "month", ym, "filed", (json_int_t)p.filed, "decided",
                                             (json_int_t)p.decided, "fines_fen", (json_int_t)p.fines_fen));
    }
    return out;
}

static json_t *period_json(BulletinPeriod p)
{
    return json_pack("{s:I, s:I, s:I}", "filed", (json_int_t)p.filed, "decided", (json_int_t)p.decided, "fines_fen",
                     (json_int_t)p.fines_fen);
}

static void place_name(const AppContext *cx, const char *region, char *out, size_t cap)
{
    const char *name = region && cx->regions ? regions_name(cx->regions, region) : NULL;
    snprintf(out, cap, "%s", name ? name : region ? region : "全辖区");
}

static void write_summary(const AppContext *cx, const Span *s, const char *region, json_t *b)
{
    json_t *totals = json_object_get(b, "totals"), *trend = json_object_get(b, "trend");
    char place[96], text[1024], title[160];
    place_name(cx, region, place, sizeof place);
    int py = s->month == 1 ? s->year - 1 : s->year, pm = s->month == 1 ? 12 : s->month - 1;
    BulletinFigures f = {s->year, s->month, place, period(trend, s->year, s->month), period(trend, py, pm),
                         period(trend, s->year - 1, s->month), num(totals, "violations"), num(totals, "warnings"),
                         num(totals, "orders_issued"), num(totals, "orders_overdue")};
    bulletin_summary(&f, text, sizeof text);
    snprintf(title, sizeof title, "%s%d年%d月行政执法监督通报", strcmp(place, "全辖区") ? place : "", s->year, s->month);
    json_object_set_new(b, "place", json_string(place));
    json_object_set_new(b, "title", json_string(title));
    json_object_set_new(b, "summary", json_string(text));
    json_object_set_new(b, "prev", period_json(f.prev));
    json_object_set_new(b, "last_year", period_json(f.last_year));
}

static int read_figures(const AppContext *cx, Span *s, json_t **agencies, json_t **trend, json_t **problems, ZfError *err)
{
    *agencies = *trend = *problems = NULL;
    s->q.from = s->from, s->q.to = s->to, s->q.month = s->ym, s->q.today = s->today;
    if (store_begin_read(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_bulletin_agencies(cx->store, &s->q, agencies, err);
    if (rc == ZF_OK) rc = store_bulletin_problems(cx->store, &s->q, BULLETIN_PROBLEMS, problems, err);
    BulletinQuery tq = s->q;
    tq.from = s->trend_from;
    if (rc == ZF_OK) rc = store_bulletin_trend(cx->store, &tq, trend, err);
    store_rollback(cx->store);
    return rc;
}

int app_bulletin(const AppContext *cx, const char *month, const char *region, json_t **out, ZfError *err)
{
    Span s = {0};
    if (!parse_month(month, &s)) return zf_fail(err, 400, "invalid_param", "month", "月份格式应为 YYYY-MM，如 2026-05");
    if (region && (strlen(region) != 6 || strspn(region, "0123456789") != 6))
        return zf_fail(err, 400, "invalid_param", "region", "区划代码应为 6 位数字");
    span_dates(cx, &s);
    if (span_scope(cx, region, &s, err) != ZF_OK) return ZF_ERR;
    json_t *agencies, *trend, *problems;
    if (read_figures(cx, &s, &agencies, &trend, &problems, err) != ZF_OK) {
        json_decref(agencies), json_decref(trend), json_decref(problems);
        return ZF_ERR;
    }
    json_t *b = json_pack("{s:s, s:s?, s:s, s:s, s:s}", "month", s.ym, "region", region, "from", s.from, "to", s.to,
                          "report_due_on", s.due);
    json_object_set_new(b, "totals", derive(agencies, &s));
    if (ranking(cx, &s, agencies, b, err) != ZF_OK) {
        json_decref(b), json_decref(agencies), json_decref(trend), json_decref(problems);
        return ZF_ERR;
    }
    json_object_set_new(b, "agencies", agencies);
    json_object_set_new(b, "problems", problems);
    json_object_set_new(b, "trend", full_trend(trend, &s));
    json_decref(trend);
    write_summary(cx, &s, region, b);
    *out = b;
    return ZF_OK;
}
