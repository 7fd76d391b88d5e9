/* GET /api/v1/cases/export.xlsx: the cases of 案件查询 — same filters, sort and data scope — as an
 * Excel workbook made while it downloads (http/stream.h): rows go from the store's cursor through
 * the streamed writer (util/xlsx_stream.h) to the client, never all in memory. Names, not codes,
 * under Chinese headings. One audit entry per export. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/case_query.h"
#include "domain/exchange.h"
#include "http/auth.h"
#include "http/stream.h"
#include "util/log.h"
#include "util/xlsx_stream.h"

enum { COL_NO, COL_FILING_NO, COL_AGENCY, COL_KIND, COL_PROCEDURE, COL_PARTY, COL_FILED, COL_DECIDED, COL_CLOSED, COL_FINE,
       COL_DOC_NO, COL_STATUS, COL_FINDINGS, NCOLS };

static const char *const HEADINGS[NCOLS] = {"案号", "案件编号", "执法主体", "案件类型", "程序", "当事人", "立案日期", "决定日期",
                                            "结案日期", "罚款（元）", "决定书文号", "状态", "未消除预警（条）"};
static const XlsxColumn COLUMNS[NCOLS] = {{24, true, NULL}, {24, true, NULL}, {28, true, NULL}, {10, true, NULL}, {10, true, NULL},
                                          {20, true, NULL}, {12, true, NULL}, {12, true, NULL}, {12, true, NULL},
                                          {14, false, NULL}, {24, true, NULL}, {8, true, NULL}, {10, false, NULL}};
static const XlsxSheet SHEET = {.name = "案件", .ncols = NCOLS, .cols = COLUMNS, .frozen_rows = 1};

/* The filter, its strings copied: the producer outlives the request they borrow from. */
typedef struct {
    CaseFilter f;
    char pool[4096];
    size_t used;
} ExportJob;

static bool keep(ExportJob *j, const char **s)
{
    if (!*s) return true;
    size_t n = strlen(*s) + 1;
    if (j->used + n > sizeof j->pool) return false;
    memcpy(j->pool + j->used, *s, n);
    *s = j->pool + j->used;
    j->used += n;
    return true;
}

static bool keep_filter(ExportJob *j)
{
    CaseFilter *f = &j->f;
    const char **fields[] = {&f->agency, &f->region_prefix, &f->sector, &f->kind, &f->procedure, &f->status,
                             &f->filed_from, &f->filed_to, &f->decided_from, &f->decided_to, &f->has_findings,
                             &f->severity, &f->q, &f->sort, &f->scope_agency, &f->scope_region_prefix};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (!keep(j, fields[i])) return false;
    return true;
}

static const char *STATUS_NAMES[][2] = {{"open", "未结"}, {"decided", "已决定"}, {"closed", "已结案"}};

static const char *status_name(const char *status)
{
    for (size_t i = 0; i < sizeof STATUS_NAMES / sizeof *STATUS_NAMES; i++)
        if (strcmp(status, STATUS_NAMES[i][0]) == 0) return STATUS_NAMES[i][1];
    return status;
}

/* A code's name in an exchange-v1 table; the code itself when the table does not know it. */
static const char *dict_name(const char *table, const char *code)
{
    const char *name = code ? exchange_dict_name(table, code) : NULL;
    return name ? name : code;
}

static XlsxOutCell text(const char *s) { return (XlsxOutCell){XLSX_OUT_TEXT, s, 0}; }

typedef struct {
    XlsxStream *xs;
    ZfError err;
    int failed;
    bool truncated;
} RowSink;

static int put_case(const CaseRow *r, void *ctx)
{
    RowSink *sink = ctx;
    if (xlsx_stream_rows(sink->xs) > XLSX_STREAM_MAX_DATA_ROWS - 1) return sink->truncated = true, 1;
    XlsxOutCell cells[NCOLS] = {
        [COL_NO] = text(r->case_no), [COL_FILING_NO] = text(r->filing_no), [COL_AGENCY] = text(r->agency_name ? r->agency_name : r->agency),
        [COL_KIND] = text(dict_name("case_kinds", r->kind)), [COL_PROCEDURE] = text(dict_name("procedures", r->procedure)),
        [COL_PARTY] = text(r->party_name), [COL_FILED] = text(r->filed_on), [COL_DECIDED] = text(r->decided_on),
        [COL_CLOSED] = text(r->closed_on), [COL_DOC_NO] = text(r->doc_no), [COL_STATUS] = text(status_name(r->status)),
        [COL_FINE] = {r->has_fine ? XLSX_OUT_MONEY : XLSX_OUT_EMPTY, NULL, r->fine},
        [COL_FINDINGS] = {XLSX_OUT_NUMBER, NULL, (double)r->open_findings},
    };
    if (xlsx_stream_row(sink->xs, cells, XLSX_STYLE_GENERAL, &sink->err) != ZF_OK) return sink->failed = 1;
    return 0;
}

static int put_heading(XlsxStream *xs, ZfError *err)
{
    XlsxOutCell cells[NCOLS];
    for (int c = 0; c < NCOLS; c++) cells[c] = text(HEADINGS[c]);
    return xlsx_stream_row(xs, cells, XLSX_STYLE_HEADER, err);
}

/* Excel holds 1,048,576 rows: past them the sheet says so in its last row rather than stop short unseen. */
static int put_truncation_note(XlsxStream *xs, ZfError *err)
{
    XlsxOutCell cells[NCOLS] = {[COL_NO] = text("已达 Excel 行数上限，其余案件未导出，请缩小筛选范围后分批导出")};
    return xlsx_stream_row(xs, cells, XLSX_STYLE_GENERAL, err);
}

/* One snapshot of the cases, row by row into the workbook. */
static int write_rows(Store *st, const CaseFilter *f, RowSink *sink)
{
    if (store_begin_read(st, &sink->err) != ZF_OK) return ZF_ERR;
    int rc = store_cases_foreach(st, f, put_case, sink, &sink->err);
    store_rollback(st);
    if (rc != ZF_OK || sink->failed) return ZF_ERR;
    return sink->truncated ? put_truncation_note(sink->xs, &sink->err) : ZF_OK;
}

static int produce(Store *st, HttpStream *out, void *ctx)
{
    ExportJob *job = ctx;
    RowSink sink = {0};
    if (xlsx_stream_open(&SHEET, http_stream_write, out, &sink.xs, &sink.err) != ZF_OK) {
        log_error("cases_export", "%s", sink.err.message);
        return ZF_ERR;
    }
    int rc = put_heading(sink.xs, &sink.err) == ZF_OK && write_rows(st, &job->f, &sink) == ZF_OK
                 ? xlsx_stream_finish(sink.xs, &sink.err)
                 : ZF_ERR;
    if (rc != ZF_OK) log_error("cases_export", "%ld rows: %s", xlsx_stream_rows(sink.xs), sink.err.message);
    xlsx_stream_free(sink.xs);
    return rc;
}

static void free_job(void *job) { free(job); }

int api_cases_export(HttpRequest *req)
{
    char prefix[7];
    ExportJob *job = calloc(1, sizeof *job);
    if (!job) return http_reply_error(req, 500, "out_of_memory", NULL, "内存不足");
    if (case_query_parse(req, &job->f, prefix) != ZF_OK) return free(job), 0;
    if (!keep_filter(job)) {
        free(job);
        return http_reply_error(req, 400, "invalid_param", NULL, "查询参数过长");
    }
    const CaseFilter *f = &job->f;
    auth_audit(req, "cases_export", "", "ok",
               f->scope_nothing ? "none" : f->scope_agency ? f->scope_agency : f->scope_region_prefix ? f->scope_region_prefix : "all");
    return http_reply_stream(req, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "cases.xlsx",
                             "案件查询.xlsx", produce, job, free_job);
}
