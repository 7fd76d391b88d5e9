/* Builds the import templates and imports an uploaded workbook: each Excel row becomes one
 * exchange-v1 line of an unlinked staging file, numbered with the row number a clerk sees in
 * Excel, and the file goes through import_stream once the workbook is read. Never holds more than
 * one row's text in memory, and no transaction while reading. */
#include "app/xlsx_intake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xlsx_write.h"

/* ---- templates ---- */

/* Columns as wide as their widest text (a CJK character counts two), within reason. */
static double text_width(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++)
        if (*p < 0x80) w += 1;
        else if (*p >= 0xC0) w += 2;
    return w;
}

static double column_width(const SheetColumn *c)
{
    double w = text_width(c->label), e = text_width(c->example);
    if (e > w) w = e;
    w += 2;
    return w < 10 ? 10 : w > 40 ? 40 : w;
}

static bool typed_as_text(ExchangeValueKind k)
{
    return k == EXF_TEXT || k == EXF_DATE || k == EXF_DATETIME || k == EXF_MONTH || k == EXF_LIST || k == EXF_BASIS_LIST;
}

/* A required field of a nested object (party.kind) is required only when the object is given. */
static const char *required_text(const char *path, const ExchangeField *f)
{
    if (!f->required) return "";
    return strchr(path, '.') ? "有该项时必填" : "必填";
}

static const char *const guide_intro[] = {
    "填写说明",
    "第 1 行是中文列名，第 2 行是字段键：导入按第 2 行识别各列，请勿修改或删除第 2 行；列的顺序可以调整，不需要的可选列可以删除。",
    "从第 3 行起每行一条记录；空行会被跳过。导入结果按 Excel 行号列出被拒绝的行及原因，其余行照常导入，重复导入同一文件不会产生重复数据。",
    "证件号码、统一社会信用代码、日期列已设为文本格式，请按示例填写（日期 YYYY-MM-DD）；多个值用英文分号 ; 分隔。",
};
#define GUIDE_COLS 7
#define GUIDE_HEAD_ROW 5 /* 0-based: after the intro lines and a blank row */

static const char *const guide_header[GUIDE_COLS] = {"列", "字段键", "中文列名", "是否必填", "填写格式", "示例", "说明"};

int xlsx_template(const SheetLayout *l, void **out, size_t *len, ZfError *err)
{
    int n = l->ncols, guide_rows = GUIDE_HEAD_ROW + 1 + n;
    XlsxColumn *cols = calloc((size_t)n, sizeof *cols);
    const char **cells = calloc((size_t)n * 2, sizeof *cells);
    char (*lists)[256] = calloc((size_t)n, sizeof *lists);
    char (*refs)[4] = calloc((size_t)n, sizeof *refs);
    const char **guide = calloc((size_t)guide_rows * GUIDE_COLS, sizeof *guide);
    XlsxStyle *guide_styles = calloc((size_t)guide_rows, sizeof *guide_styles);
    int rc;
    if (!cols || !cells || !lists || !refs || !guide || !guide_styles) {
        rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        goto done;
    }
    for (size_t i = 0; i < sizeof guide_intro / sizeof guide_intro[0]; i++) guide[i * GUIDE_COLS] = guide_intro[i];
    for (int c = 0; c < GUIDE_COLS; c++) guide[GUIDE_HEAD_ROW * GUIDE_COLS + c] = guide_header[c];
    guide_styles[0] = guide_styles[GUIDE_HEAD_ROW] = XLSX_STYLE_HEADER;
    for (int i = 0; i < n; i++) {
        const SheetColumn *sc = &l->cols[i];
        ExchangeField f;
        if (!exchange_field(l->type, NULL, sc->path, &f)) f = (ExchangeField){EXF_TEXT, false, NULL};
        cols[i] = (XlsxColumn){column_width(sc), typed_as_text(f.kind),
                               sheet_column_choices(l->type, sc->path, lists[i], sizeof lists[i]) ? lists[i] : NULL};
        cells[i] = sc->label, cells[n + i] = sc->path;
        xlsx_column_name(i, refs[i]);
        const char **g = &guide[(size_t)(GUIDE_HEAD_ROW + 1 + i) * GUIDE_COLS];
        g[0] = refs[i], g[1] = sc->path, g[2] = sc->label, g[3] = required_text(sc->path, &f);
        g[4] = sheet_format_text(f.kind), g[5] = sc->example, g[6] = sc->note;
    }
    static const XlsxStyle head_styles[2] = {XLSX_STYLE_HEADER, XLSX_STYLE_NOTE};
    static const XlsxColumn guide_cols[GUIDE_COLS] = {{6, true, NULL},  {26, true, NULL}, {22, true, NULL}, {12, true, NULL},
                                                      {30, true, NULL}, {30, true, NULL}, {60, true, NULL}};
    XlsxSheet sheets[2] = {
        {l->title, n, cols, 2, cells, head_styles, 2, 3, NULL},
        {"填写说明", GUIDE_COLS, guide_cols, guide_rows, guide, guide_styles, GUIDE_HEAD_ROW + 1, GUIDE_HEAD_ROW + 2, NULL},
    };
    rc = xlsx_write(sheets, 2, out, len, err);
done:
    free(cols), free(cells), free(lists), free(refs), free(guide), free(guide_styles);
    return rc;
}

/* ---- upload ---- */

_Static_assert(XLSX_MAX_ROW_TEXT == IMPORT_LINE_MAX, "an Excel row is one import line");

#define BUDGET_CHECK_ROWS 64 /* rows between looks at the CPU clock */

/* Reading the workbook: each data row becomes line `row` of a staging file (rows without a
 * record become blank lines, which the import counts and skips), so the import's line numbers
 * are the Excel row numbers. */
typedef struct {
    bool date1904;
    /* the key row */
    int type;
    char **keys;
    int nkeys;
    FILE *out;
    long long written;   /* lines in the staging file */
    long long last_row;  /* the last data row seen */
    long long rejected;  /* rows refused while reading */
    const ImportHooks *hooks;
    struct timespec cpu_limit;
    long long rows_since_check;
    bool failed, oom, over_budget;
} Feed;

static void free_keys(Feed *f)
{
    xlsx_key_row_free(&(XlsxKeyRow){f->keys, f->nkeys, f->type});
    f->keys = NULL, f->nkeys = 0;
}

bool xlsx_key_row(const XlsxCell *cells, int ncells, XlsxKeyRow *out, bool *oom)
{
    if (ncells == 0) return false;
    int width = cells[ncells - 1].col + 1;
    char **keys = calloc((size_t)width, sizeof *keys);
    if (!keys) return *oom = true, false;
    for (int i = 0; i < ncells; i++)
        if (cells[i].type == XLSX_CELL_STRING && cells[i].col < width && cells[i].text[0]) {
            free(keys[cells[i].col]); /* two cells in one column (a hand-made file): the last names it */
            keys[cells[i].col] = strdup(cells[i].text);
        }
    int type = sheet_type_of_keys((const char *const *)keys, width), known = 0;
    for (int i = 0; type >= 0 && i < width; i++) {
        ExchangeField fd;
        known += keys[i] && exchange_field((RecordType)type, NULL, keys[i], &fd);
    }
    if (known < 2) {
        xlsx_key_row_free(&(XlsxKeyRow){keys, width, type});
        return false;
    }
    *out = (XlsxKeyRow){keys, width, type};
    return true;
}

void xlsx_key_row_free(XlsxKeyRow *k)
{
    for (int i = 0; k->keys && i < k->width; i++) free(k->keys[i]);
    free(k->keys);
    k->keys = NULL, k->width = 0;
}

static bool take_key_row(Feed *f, const XlsxCell *cells, int ncells)
{
    XlsxKeyRow k;
    if (!xlsx_key_row(cells, ncells, &k, &f->oom)) return false;
    f->keys = k.keys, f->nkeys = k.width, f->type = k.type;
    return true;
}

static void reject_row(Feed *f, long long row, const char *key, const char *error)
{
    f->rejected++;
    if (f->hooks && f->hooks->on_reject) f->hooks->on_reject(row, key, error, f->hooks->ctx);
}

/* The record of `row` as line `row` of the staging file. */
static void stage_line(Feed *f, long long row, const char *line)
{
    while (f->written < row - 1 && !f->failed) f->failed = fputc('\n', f->out) == EOF, f->written++;
    if (!f->failed) f->failed = fputs(line, f->out) == EOF || fputc('\n', f->out) == EOF;
    f->written = row;
}

static void cpu_now(struct timespec *t) { clock_gettime(CLOCK_THREAD_CPUTIME_ID, t); }

static bool past_budget(Feed *f)
{
    if (++f->rows_since_check < BUDGET_CHECK_ROWS) return false;
    f->rows_since_check = 0;
    struct timespec now;
    cpu_now(&now);
    f->over_budget = now.tv_sec > f->cpu_limit.tv_sec ||
                     (now.tv_sec == f->cpu_limit.tv_sec && now.tv_nsec > f->cpu_limit.tv_nsec);
    return f->over_budget;
}

/* One data row: its record as a staged line, or its reject. Stops when out of budget or space. */
static int feed_row(const XlsxRow *r, void *ctx)
{
    Feed *f = ctx;
    if (past_budget(f)) return 1;
    if (!f->keys) {
        if (!r->too_long && take_key_row(f, r->cells, r->ncells)) return f->oom;
        return f->oom || r->row >= SHEET_KEY_ROW_SEARCH; /* no key row near the top: not a data sheet */
    }
    f->last_row = r->row;
    if (r->too_long) {
        char msg[160];
        snprintf(msg, sizeof msg, "该行单元格内容合计超过 %d MiB 上限（导入每行不超过 %d MiB），请缩短后重新导入该行",
                 IMPORT_LINE_MAX >> 20, IMPORT_LINE_MAX >> 20);
        reject_row(f, r->row, "", msg);
        return 0;
    }
    json_t *rec;
    ZfError cell_err;
    int rc = sheet_row_record((RecordType)f->type, (const char *const *)f->keys, f->nkeys, r->cells, r->ncells, f->date1904,
                              &rec, &cell_err);
    if (!rec && rc == ZF_OK) return 0; /* a blank row */
    if (rc != ZF_OK) {
        reject_row(f, r->row, exchange_key_of(rec), cell_err.message);
    } else {
        char *line = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (!line) f->oom = true;
        else stage_line(f, r->row, line);
        free(line);
    }
    json_decref(rec);
    return f->oom || f->failed;
}

/* The first sheet with a key row, row by row into the staging file. */
static int read_rows(XlsxBook *book, Feed *f, long cpu_budget_ms, ZfError *err)
{
    int rc = ZF_OK;
    for (int i = 0; i < xlsx_sheet_count(book) && rc == ZF_OK && !f->keys && !f->oom && !f->over_budget; i++)
        rc = xlsx_read_sheet(book, i, feed_row, f, err);
    if (f->over_budget)
        return zf_fail(err, 422, "xlsx_too_complex", NULL,
                       "工作簿过于复杂：读取超过 %.1f 秒处理时间仍未完成，整份文件未导入；请拆分为几个较小的文件后分别上传",
                       (double)cpu_budget_ms / 1000.0);
    if (f->failed) return zf_fail(err, 500, "staging_failed", NULL, "无法写入导入暂存文件（磁盘空间不足？）");
    if (rc != ZF_OK) return ZF_ERR; /* the reader's err */
    if (f->oom) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (!f->keys)
        return zf_fail(err, 422, "xlsx_no_key_row", NULL,
                       "没有找到字段键行：请使用系统下载的模板填写，模板第 %d 行的字段键（如 case_no、cert_no、code）不能修改或删除", SHEET_KEY_ROW);
    return ZF_OK;
}

/* Phase one, no transaction: the workbook into exchange-v1 lines in `out`. */
static int stage_workbook(const void *buf, size_t len, long cpu_budget_ms, Feed *f, ZfError *err)
{
    XlsxBook *book;
    if (xlsx_open(buf, len, &book, err) != ZF_OK) return ZF_ERR;
    f->date1904 = xlsx_date1904(book);
    cpu_now(&f->cpu_limit);
    f->cpu_limit.tv_sec += cpu_budget_ms / 1000;
    f->cpu_limit.tv_nsec += (cpu_budget_ms % 1000) * 1000000L;
    if (f->cpu_limit.tv_nsec >= 1000000000L) f->cpu_limit.tv_sec++, f->cpu_limit.tv_nsec -= 1000000000L;
    int rc = read_rows(book, f, cpu_budget_ms, err);
    xlsx_close(book);
    if (rc == ZF_OK && fflush(f->out) != 0) rc = zf_fail(err, 500, "staging_failed", NULL, "无法写入导入暂存文件");
    return rc;
}

int xlsx_import(Store *st, const void *buf, size_t len, long cpu_budget_ms, const ImportHooks *hooks,
                ImportSummary *sum, ZfError *err)
{
    memset(sum, 0, sizeof *sum);
    Feed f = {.type = -1, .hooks = hooks, .out = tmpfile()}; /* unlinked at once, mode 0600 */
    if (!f.out) return zf_fail(err, 500, "staging_failed", NULL, "无法创建导入暂存文件");
    int rc = stage_workbook(buf, len, cpu_budget_ms, &f, err);
    free_keys(&f);
    if (rc == ZF_OK) { /* phase two: the lines through the import, batch by batch */
        rewind(f.out);
        rc = import_stream(st, f.out, hooks, sum, err);
        sum->rejected += f.rejected;
        if (sum->lines < f.last_row) sum->lines = f.last_row;
    } else {
        sum->rejected = f.rejected;
    }
    fclose(f.out);
    return rc;
}
