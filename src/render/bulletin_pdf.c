/* See bulletin_pdf.h. Tables are split in two (办案 and 监督) so an agency's full name fits its
 * column on an A4 portrait page. */
#include "render/bulletin_pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/bulletin_summary.h"
#include "render/bulletin_names.h"
#include "render/bulletin_table.h"
#include "render/chart.h"
#include "render/fonts.h"
#include "render/page.h"

#define TABLE_PT 9.0
#define CHART_H 190.0
#define BAR_CHART_MAX 15

static long long num(const json_t *o, const char *k) { return (long long)json_integer_value(json_object_get(o, k)); }
static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static const RenderStyle SUBTITLE = {RENDER_FONT_BODY, RENDER_PT_4HAO, RENDER_CENTER, 0, 0, 12, 0};
static const RenderStyle NOTE = {RENDER_FONT_BODY, RENDER_PT_5HAO, RENDER_LEFT, 0, 16, 4, 0};

static void period_line(RenderDoc *d, const json_t *b)
{
    char from[32], to[32], line[128];
    render_date_cn(str(b, "from"), from, sizeof from);
    render_date_cn(str(b, "to"), to, sizeof to);
    snprintf(line, sizeof line, "（统计期间：%s至%s）", from, to);
    render_paragraph(d, &SUBTITLE, line);
}

static void trend_chart(RenderDoc *d, const json_t *b)
{
    const json_t *trend = json_object_get(b, "trend"), *m;
    int n = (int)json_array_size(trend);
    if (n < 2) return;
    const char **labels = calloc((size_t)n, sizeof *labels);
    double *filed = calloc((size_t)n, sizeof *filed), *decided = calloc((size_t)n, sizeof *decided);
    size_t i;
    if (labels && filed && decided) {
        json_array_foreach(trend, i, m) labels[i] = str(m, "month"), filed[i] = (double)num(m, "filed"),
                                        decided[i] = (double)num(m, "decided");
        ChartSeries s[] = {{"立案（件）", filed, 0.12, 0.35, 0.65}, {"作出决定（件）", decided, 0.80, 0.30, 0.10}};
        render_need(d, CHART_H + 8);
        chart_lines(d->cr, RENDER_TEXT_X, d->y, RENDER_TEXT_W, CHART_H, "图1  近13个月立案与作出决定数量", labels, n, s, 2);
        d->y += CHART_H + 8;
    }
    free(labels), free(filed), free(decided);
}

static int by_alerts_desc(const void *a, const void *b)
{
    long long x = num(*(json_t *const *)a, "alerts"), y = num(*(json_t *const *)b, "alerts");
    return x < y ? 1 : x > y ? -1 : 0;
}

static void alerts_chart(RenderDoc *d, const json_t *b)
{
    const json_t *agencies = json_object_get(b, "agencies");
    size_t n = json_array_size(agencies);
    if (!n) return;
    json_t **rows = calloc(n, sizeof *rows);
    ChartBar bars[BAR_CHART_MAX];
    if (!rows) return;
    for (size_t i = 0; i < n; i++) rows[i] = json_array_get(agencies, i);
    qsort(rows, n, sizeof *rows, by_alerts_desc);
    int shown = n < BAR_CHART_MAX ? (int)n : BAR_CHART_MAX;
    for (int i = 0; i < shown; i++) bars[i] = (ChartBar){str(rows[i], "name"), (double)num(rows[i], "alerts")};
    double h = 30 + shown * 16.0;
    render_need(d, h + 8);
    chart_bars(d->cr, RENDER_TEXT_X, d->y, RENDER_TEXT_W, h, "图2  未消除预警数量（条，前15个执法主体）", bars, shown);
    d->y += h + 8;
    free(rows);
}

static void fmt_ll(char *out, long long v) { snprintf(out, 32, "%lld", v); }

static const TableColumn CASE_COLS[] = {
    {"序号", 28, true}, {"执法主体", 190, false}, {"立案（件）", 50, true}, {"作出决定（件）", 56, true},
    {"结案（件）", 50, true}, {"罚款（元）", 68, true}};

static void case_table(RenderDoc *d, const json_t *b)
{
    Table t;
    table_begin(&t, d, CASE_COLS, 6, TABLE_PT);
    const json_t *a, *tot = json_object_get(b, "totals");
    size_t i;
    char v[5][32];
    json_array_foreach(json_object_get(b, "agencies"), i, a) {
        fmt_ll(v[0], (long long)i + 1), fmt_ll(v[1], num(a, "filed")), fmt_ll(v[2], num(a, "decided")),
            fmt_ll(v[3], num(a, "closed")), bulletin_yuan(num(a, "fines_fen"), v[4], 32);
        const char *cells[] = {v[0], str(a, "name"), v[1], v[2], v[3], v[4]};
        table_row(&t, cells, false);
    }
    fmt_ll(v[1], num(tot, "filed")), fmt_ll(v[2], num(tot, "decided")), fmt_ll(v[3], num(tot, "closed"));
    bulletin_yuan(num(tot, "fines_fen"), v[4], 32);
    const char *cells[] = {"", "合计", v[1], v[2], v[3], v[4]};
    table_row(&t, cells, true);
}

static const TableColumn WATCH_COLS[] = {
    {"序号", 28, true},      {"执法主体", 138, false},   {"红色预警（条）", 44, true}, {"黄色预警（条）", 44, true},
    {"下发督办（件）", 44, true}, {"逾期督办（件）", 44, true}, {"月报报送", 60, false},    {"评查平均分", 40, true}};

static void review_avg(const json_t *a, char *out)
{
    const json_t *avg = json_object_get(a, "review_avg");
    if (json_is_number(avg)) snprintf(out, 32, "%.2f", json_number_value(avg));
    else snprintf(out, 32, "—");
}

static void watch_table(RenderDoc *d, const json_t *b)
{
    Table t;
    table_begin(&t, d, WATCH_COLS, 8, TABLE_PT);
    const json_t *a, *tot = json_object_get(b, "totals");
    size_t i;
    char v[6][32];
    json_array_foreach(json_object_get(b, "agencies"), i, a) {
        fmt_ll(v[0], (long long)i + 1), fmt_ll(v[1], num(a, "violations")), fmt_ll(v[2], num(a, "warnings")),
            fmt_ll(v[3], num(a, "orders_issued")), fmt_ll(v[4], num(a, "orders_overdue")), review_avg(a, v[5]);
        const char *cells[] = {v[0], str(a, "name"), v[1], v[2], v[3], v[4], bulletin_report_name(str(a, "report")), v[5]};
        table_row(&t, cells, false);
    }
    fmt_ll(v[1], num(tot, "violations")), fmt_ll(v[2], num(tot, "warnings")), fmt_ll(v[3], num(tot, "orders_issued")),
        fmt_ll(v[4], num(tot, "orders_overdue")), review_avg(tot, v[5]);
    char reported[32];
    snprintf(reported, sizeof reported, "已报 %lld", num(tot, "reported"));
    const char *cells[] = {"", "合计", v[1], v[2], v[3], v[4], reported, v[5]};
    table_row(&t, cells, true);
}

static const TableColumn RANK_COLS[] = {{"排名", 36, true},           {"执法主体", 220, false}, {"综合得分", 60, true},
                                        {"得分较上月", 60, true},      {"名次较上月", 66, true}};

static void rank_table(RenderDoc *d, const json_t *b)
{
    Table t;
    table_begin(&t, d, RANK_COLS, 5, TABLE_PT);
    const json_t *r;
    size_t i;
    BulletinRankCells c;
    json_array_foreach(json_object_get(b, "ranking"), i, r) {
        bulletin_rank_cells(r, &c);
        const char *cells[] = {c.rank, str(r, "name"), c.score, c.change, c.rank_change};
        table_row(&t, cells, false);
    }
}

static void problems(RenderDoc *d, const json_t *b)
{
    const json_t *p;
    size_t i;
    char line[1024];
    if (!json_array_size(json_object_get(b, "problems"))) render_paragraph(d, &RENDER_STYLE_BODY, "本期无未消除的预警。");
    json_array_foreach(json_object_get(b, "problems"), i, p) {
        snprintf(line, sizeof line, "%zu. 【%s·%s】%s：%s（对象：%s；依据：%s；%s起）", i + 1,
                 bulletin_severity_name(str(p, "severity")), bulletin_rule_title(str(p, "rule")), str(p, "agency_name"),
                 str(p, "message"), str(p, "subject"), str(p, "law"), str(p, "first_seen"));
        render_paragraph(d, &NOTE, line);
    }
}

static void heading(RenderDoc *d, const char *text)
{
    render_need(d, RENDER_LINE_PITCH * 3);
    render_paragraph(d, &RENDER_STYLE_HEADING, text);
}

int bulletin_pdf(const json_t *b, unsigned char **pdf, size_t *len, ZfError *err)
{
    RenderDoc d;
    int pages;
    if (render_doc_begin(&d, NULL, str(b, "title")) != 0) return zf_fail(err, 500, "render_failed", NULL, "无法生成 PDF 文件");
    render_paragraph(&d, &RENDER_STYLE_TITLE, str(b, "title"));
    period_line(&d, b);
    heading(&d, "一、总体情况");
    render_paragraph(&d, &RENDER_STYLE_BODY, str(b, "summary"));
    trend_chart(&d, b);
    heading(&d, "二、各执法主体办案情况");
    case_table(&d, b);
    heading(&d, "三、各执法主体监督情况");
    watch_table(&d, b);
    render_space(&d, 8);
    alerts_chart(&d, b);
    heading(&d, "四、排名");
    char note[2048];
    bulletin_ranking_note(json_object_get(b, "ranking_weights"), note, sizeof note);
    render_paragraph(&d, &NOTE, note);
    rank_table(&d, b);
    heading(&d, "五、突出问题");
    problems(&d, b);
    if (render_doc_end(&d, pdf, len, &pages) != 0) return zf_fail(err, 500, "render_failed", NULL, "无法生成 PDF 文件");
    return ZF_OK;
}
