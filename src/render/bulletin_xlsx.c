/* See bulletin_xlsx.h. Each sheet is a grid of texts and formats filled row by row; numbers are
 * written as numbers, money in yuan, and every total is a formula over the rows above it whose
 * cached value is the figure itself (a reader that does not recalculate shows the same total). */
#include "render/bulletin_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/bulletin_names.h"
#include "util/xlsx_write.h"

#define MAX_COLS 16

typedef struct {
    int ncols, nrows, cap;
    char **cells;
    XlsxCellFormat *formats;
    XlsxStyle *row_styles;
} Grid;

static bool grid_row(Grid *g)
{
    if (g->nrows == g->cap) {
        int cap = g->cap ? g->cap * 2 : 32;
        char **cells = realloc(g->cells, (size_t)cap * (size_t)g->ncols * sizeof *cells);
        if (cells) g->cells = cells;
        XlsxCellFormat *f = realloc(g->formats, (size_t)cap * (size_t)g->ncols * sizeof *f);
        if (f) g->formats = f;
        if (!cells || !f) return false;
        g->cap = cap;
    }
    size_t at = (size_t)g->nrows * (size_t)g->ncols;
    memset(g->cells + at, 0, (size_t)g->ncols * sizeof *g->cells);
    for (int c = 0; c < g->ncols; c++) g->formats[at + (size_t)c] = (XlsxCellFormat){XLSX_FMT_TEXT, XLSX_STYLE_GENERAL, NULL};
    g->nrows++;
    return true;
}

static void grid_free(Grid *g)
{
    for (size_t i = 0; i < (size_t)g->nrows * (size_t)g->ncols; i++) {
        free(g->cells[i]);
        free((char *)g->formats[i].formula);
    }
    free(g->cells);
    free(g->formats);
}

/* Sets the last row's cell col. */
static void put(Grid *g, int col, const char *text, XlsxFmtKind kind, XlsxStyle style, const char *formula)
{
    size_t at = (size_t)(g->nrows - 1) * (size_t)g->ncols + (size_t)col;
    g->cells[at] = text ? strdup(text) : NULL;
    g->formats[at] = (XlsxCellFormat){kind, style, formula ? strdup(formula) : NULL};
}

static void text(Grid *g, int col, const char *s, XlsxStyle style) { put(g, col, s ? s : "", XLSX_FMT_TEXT, style, NULL); }

static void number(Grid *g, int col, long long v, XlsxStyle style)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", v);
    put(g, col, b, XLSX_FMT_NUMBER, style, NULL);
}

static void yuan(Grid *g, int col, long long fen, XlsxStyle style)
{
    char b[40];
    snprintf(b, sizeof b, "%s%lld.%02lld", fen < 0 ? "-" : "", (fen < 0 ? -fen : fen) / 100, (fen < 0 ? -fen : fen) % 100);
    put(g, col, b, XLSX_FMT_NUMBER, style, NULL);
}

/* SUM of column col over rows first..last (1-based), cached as value (already formatted). */
static void sum(Grid *g, int col, int first, int last, const char *value, XlsxStyle style)
{
    char ref[4], f[64];
    xlsx_column_name(col, ref);
    snprintf(f, sizeof f, "SUM(%s%d:%s%d)", ref, first, ref, last);
    put(g, col, value, XLSX_FMT_NUMBER, style, f);
}

static long long num(const json_t *o, const char *k) { return (long long)json_integer_value(json_object_get(o, k)); }
static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void title_rows(Grid *g, const json_t *b, const char *what)
{
    char t[256];
    snprintf(t, sizeof t, "%s — %s", str(b, "title"), what);
    if (grid_row(g)) text(g, 0, t, XLSX_STYLE_TITLE);
}

static void heading_row(Grid *g, const char *const *headings)
{
    if (!grid_row(g)) return;
    for (int c = 0; headings[c]; c++) text(g, c, headings[c], XLSX_STYLE_HEADER);
}

/* ---- 汇总 ---- */
static void summary_sheet(Grid *g, const json_t *b)
{
    title_rows(g, b, "汇总");
    if (grid_row(g)) text(g, 0, str(b, "summary"), XLSX_STYLE_GENERAL);
    static const char *const head[] = {"指标", "本月", "上月", "上年同期", NULL};
    heading_row(g, head);
    const json_t *now = json_object_get(b, "totals"), *prev = json_object_get(b, "prev"), *ly = json_object_get(b, "last_year");
    static const char *const keys[] = {"filed", "decided", "fines_fen"};
    static const char *const names[] = {"立案（件）", "作出决定（件）", "罚款（元）"};
    for (int k = 0; k < 3; k++) {
        if (!grid_row(g)) return;
        text(g, 0, names[k], XLSX_STYLE_GENERAL);
        const json_t *cols[] = {now, prev, ly};
        for (int c = 0; c < 3; c++)
            if (k == 2) yuan(g, c + 1, num(cols[c], keys[k]), XLSX_STYLE_MONEY);
            else number(g, c + 1, num(cols[c], keys[k]), XLSX_STYLE_GENERAL);
    }
    static const char *const more[][2] = {{"红色预警（条）", "violations"}, {"黄色预警（条）", "warnings"},
                                           {"下发督办问诊（件）", "orders_issued"}, {"逾期未整改督办（件）", "orders_overdue"},
                                           {"执法主体（个）", "agencies"}, {"已报送月报（个）", "reported"}};
    for (size_t k = 0; k < sizeof more / sizeof *more; k++)
        if (grid_row(g)) text(g, 0, more[k][0], XLSX_STYLE_GENERAL), number(g, 1, num(now, more[k][1]), XLSX_STYLE_GENERAL);
}

/* ---- 分主体 ---- */
enum { A_NO, A_NAME, A_REGION, A_FILED, A_DECIDED, A_CLOSED, A_FINES, A_RED, A_YELLOW, A_ALERTS, A_ORDERS, A_OVERDUE,
       A_REPORT, A_REVIEWED, A_REVIEW_AVG, A_RANK, A_NCOLS };
static const char *const AGENCY_HEAD[] = {"序号", "执法主体", "区划代码", "立案（件）", "作出决定（件）", "结案（件）", "罚款（元）",
                                          "红色预警（条）", "黄色预警（条）", "预警合计（条）", "下发督办（件）", "逾期督办（件）",
                                          "月报报送", "评查案卷（件）", "评查平均分", "排名", NULL};

static void agency_row(Grid *g, const json_t *a, int index)
{
    char f[48], v[32];
    int row = g->nrows;
    number(g, A_NO, index, XLSX_STYLE_GENERAL);
    text(g, A_NAME, str(a, "name"), XLSX_STYLE_GENERAL);
    text(g, A_REGION, str(a, "region"), XLSX_STYLE_TEXT);
    number(g, A_FILED, num(a, "filed"), XLSX_STYLE_GENERAL);
    number(g, A_DECIDED, num(a, "decided"), XLSX_STYLE_GENERAL);
    number(g, A_CLOSED, num(a, "closed"), XLSX_STYLE_GENERAL);
    yuan(g, A_FINES, num(a, "fines_fen"), XLSX_STYLE_MONEY);
    number(g, A_RED, num(a, "violations"), XLSX_STYLE_GENERAL);
    number(g, A_YELLOW, num(a, "warnings"), XLSX_STYLE_GENERAL);
    snprintf(f, sizeof f, "H%d+I%d", row, row);
    snprintf(v, sizeof v, "%lld", num(a, "alerts"));
    put(g, A_ALERTS, v, XLSX_FMT_NUMBER, XLSX_STYLE_GENERAL, f);
    number(g, A_ORDERS, num(a, "orders_issued"), XLSX_STYLE_GENERAL);
    number(g, A_OVERDUE, num(a, "orders_overdue"), XLSX_STYLE_GENERAL);
    text(g, A_REPORT, bulletin_report_name(str(a, "report")), XLSX_STYLE_GENERAL);
    number(g, A_REVIEWED, num(a, "reviewed"), XLSX_STYLE_GENERAL);
    const json_t *avg = json_object_get(a, "review_avg");
    if (json_is_number(avg)) snprintf(v, sizeof v, "%.2f", json_number_value(avg)), put(g, A_REVIEW_AVG, v, XLSX_FMT_NUMBER, XLSX_STYLE_GENERAL, NULL);
    if (json_is_integer(json_object_get(a, "rank"))) number(g, A_RANK, num(a, "rank"), XLSX_STYLE_GENERAL);
    else text(g, A_RANK, "—", XLSX_STYLE_GENERAL);
}

static void agencies_sheet(Grid *g, const json_t *b)
{
    title_rows(g, b, "分执法主体情况");
    heading_row(g, AGENCY_HEAD);
    const json_t *a, *t = json_object_get(b, "totals");
    size_t i;
    int first = g->nrows + 1;
    json_array_foreach(json_object_get(b, "agencies"), i, a) if (grid_row(g)) agency_row(g, a, (int)i + 1);
    int last = g->nrows;
    if (!grid_row(g)) return;
    text(g, A_NAME, "合计", XLSX_STYLE_HEADER);
    static const struct { int col; const char *key; } summed[] = {
        {A_FILED, "filed"}, {A_DECIDED, "decided"}, {A_CLOSED, "closed"}, {A_RED, "violations"}, {A_YELLOW, "warnings"},
        {A_ALERTS, "alerts"}, {A_ORDERS, "orders_issued"}, {A_OVERDUE, "orders_overdue"}, {A_REVIEWED, "reviewed"}};
    char v[40];
    for (size_t k = 0; k < sizeof summed / sizeof *summed; k++) {
        snprintf(v, sizeof v, "%lld", num(t, summed[k].key));
        sum(g, summed[k].col, first, last, v, XLSX_STYLE_TOTAL);
    }
    long long fen = num(t, "fines_fen");
    snprintf(v, sizeof v, "%lld.%02lld", fen / 100, fen % 100);
    sum(g, A_FINES, first, last, v, XLSX_STYLE_TOTAL_MONEY);
}

/* ---- 排名 ---- */
static void ranking_sheet(Grid *g, const json_t *b)
{
    char note[2048];
    bulletin_ranking_note(json_object_get(b, "ranking_weights"), note, sizeof note);
    title_rows(g, b, "排名");
    if (grid_row(g)) text(g, 0, note, XLSX_STYLE_GENERAL);
    static const char *const head[] = {"排名", "执法主体", "综合得分", "得分较上月", "名次较上月", NULL};
    heading_row(g, head);
    const json_t *r;
    size_t i;
    BulletinRankCells c;
    json_array_foreach(json_object_get(b, "ranking"), i, r) {
        if (!grid_row(g)) return;
        bulletin_rank_cells(r, &c);
        if (json_is_integer(json_object_get(r, "rank"))) number(g, 0, num(r, "rank"), XLSX_STYLE_GENERAL);
        else text(g, 0, c.rank, XLSX_STYLE_GENERAL);
        text(g, 1, str(r, "name"), XLSX_STYLE_GENERAL);
        if (json_is_number(json_object_get(r, "score"))) put(g, 2, c.score, XLSX_FMT_NUMBER, XLSX_STYLE_GENERAL, NULL);
        else text(g, 2, c.score, XLSX_STYLE_GENERAL);
        text(g, 3, c.change, XLSX_STYLE_GENERAL);
        text(g, 4, c.rank_change, XLSX_STYLE_GENERAL);
    }
}

/* ---- 突出问题 ---- */
static void problems_sheet(Grid *g, const json_t *b)
{
    title_rows(g, b, "突出问题");
    static const char *const head[] = {"序号", "级别", "问题类别", "执法主体", "对象", "问题", "依据", "首次发现", NULL};
    heading_row(g, head);
    const json_t *p;
    size_t i;
    json_array_foreach(json_object_get(b, "problems"), i, p) {
        if (!grid_row(g)) return;
        number(g, 0, (long long)i + 1, XLSX_STYLE_GENERAL);
        text(g, 1, bulletin_severity_name(str(p, "severity")), XLSX_STYLE_GENERAL);
        text(g, 2, bulletin_rule_title(str(p, "rule")), XLSX_STYLE_GENERAL);
        text(g, 3, str(p, "agency_name"), XLSX_STYLE_GENERAL);
        text(g, 4, str(p, "subject"), XLSX_STYLE_GENERAL);
        text(g, 5, str(p, "message"), XLSX_STYLE_GENERAL);
        text(g, 6, str(p, "law"), XLSX_STYLE_GENERAL);
        text(g, 7, str(p, "first_seen"), XLSX_STYLE_TEXT);
    }
}

/* ---- 趋势 ---- */
static void trend_sheet(Grid *g, const json_t *b)
{
    title_rows(g, b, "近 13 个月趋势");
    static const char *const head[] = {"月份", "立案（件）", "作出决定（件）", "罚款（元）", NULL};
    heading_row(g, head);
    const json_t *m;
    size_t i;
    json_array_foreach(json_object_get(b, "trend"), i, m) {
        if (!grid_row(g)) return;
        text(g, 0, str(m, "month"), XLSX_STYLE_TEXT);
        number(g, 1, num(m, "filed"), XLSX_STYLE_GENERAL);
        number(g, 2, num(m, "decided"), XLSX_STYLE_GENERAL);
        yuan(g, 3, num(m, "fines_fen"), XLSX_STYLE_MONEY);
    }
}

typedef struct {
    const char *name;
    void (*fill)(Grid *g, const json_t *b);
    int ncols;
    const XlsxColumn *cols;
} SheetDef;

static const XlsxColumn SUMMARY_COLS[] = {{22, false, NULL}, {16, false, NULL}, {16, false, NULL}, {16, false, NULL}};
static const XlsxColumn AGENCY_COLS[A_NCOLS] = {{6, false, NULL},  {30, false, NULL}, {10, true, NULL},  {10, false, NULL},
                                                {12, false, NULL}, {10, false, NULL}, {14, false, NULL}, {12, false, NULL},
                                                {12, false, NULL}, {12, false, NULL}, {12, false, NULL}, {12, false, NULL},
                                                {12, false, NULL}, {12, false, NULL}, {12, false, NULL}, {8, false, NULL}};
static const XlsxColumn RANK_COLS[] = {{8, false, NULL}, {30, false, NULL}, {12, false, NULL}, {12, false, NULL},
                                       {12, false, NULL}};
static const XlsxColumn PROBLEM_COLS[] = {{6, false, NULL},  {10, false, NULL}, {20, false, NULL}, {28, false, NULL},
                                          {24, false, NULL}, {40, false, NULL}, {36, false, NULL}, {12, true, NULL}};
static const XlsxColumn TREND_COLS[] = {{10, true, NULL}, {12, false, NULL}, {14, false, NULL}, {16, false, NULL}};

static const SheetDef SHEETS[] = {
    {"汇总", summary_sheet, 4, SUMMARY_COLS},      {"分主体", agencies_sheet, A_NCOLS, AGENCY_COLS},
    {"排名", ranking_sheet, 5, RANK_COLS},         {"突出问题", problems_sheet, 8, PROBLEM_COLS},
    {"趋势", trend_sheet, 4, TREND_COLS},
};
#define NSHEETS ((int)(sizeof SHEETS / sizeof *SHEETS))

int bulletin_xlsx(const json_t *bulletin, void **out, size_t *len, ZfError *err)
{
    Grid grids[NSHEETS];
    XlsxSheet sheets[NSHEETS];
    memset(grids, 0, sizeof grids);
    for (int i = 0; i < NSHEETS; i++) {
        grids[i].ncols = SHEETS[i].ncols;
        SHEETS[i].fill(&grids[i], bulletin);
        sheets[i] = (XlsxSheet){.name = SHEETS[i].name, .ncols = SHEETS[i].ncols, .cols = SHEETS[i].cols,
                                .nrows = grids[i].nrows, .cells = (const char *const *)grids[i].cells,
                                .frozen_rows = i == 0 ? 0 : 2, .formats = grids[i].formats};
    }
    int rc = xlsx_write(sheets, NSHEETS, out, len, err);
    for (int i = 0; i < NSHEETS; i++) grid_free(&grids[i]);
    return rc;
}
