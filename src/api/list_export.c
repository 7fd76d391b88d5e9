/* See list_export.h. The pages are read on the request's thread (the list handler needs the
 * request); the rows then go to the client through the streamed writer on the producer's thread. */
#include "api/list_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "http/auth.h"
#include "http/stream.h"
#include "util/log.h"
#include "util/xlsx_stream.h"

#define PAGE_SIZE_TEXT "200" /* the largest page a list gives (param_page) */
#define CELL_TEXT_MAX 2048

typedef struct {
    const ListExport *ex;
    XlsxColumn *cols;
    XlsxSheet sheet;
    json_t *items; /* every row, as the list gave them */
    json_t *dicts; /* GET /dicts as the exporter sees it */
    bool truncated;
} ExportJob;

static void free_job(void *ctx)
{
    ExportJob *job = ctx;
    if (!job) return;
    json_decref(job->items);
    json_decref(job->dicts);
    free(job->cols);
    free(job);
}

/* Runs a handler with its reply taken in: the body, or NULL when it replied an error itself. */
static json_t *captured(HttpRequest *req, int (*handler)(HttpRequest *), int page)
{
    char page_s[16];
    snprintf(page_s, sizeof page_s, "%d", page);
    HttpCapture cap = {page_s, PAGE_SIZE_TEXT, NULL};
    req->capture = &cap;
    handler(req);
    req->capture = NULL;
    return cap.body;
}

/* Every page of the list; false when the list replied an error (already sent). */
static bool read_all_pages(HttpRequest *req, ExportJob *job)
{
    job->items = json_array();
    for (int page = 1;; page++) {
        json_t *body = captured(req, job->ex->list, page);
        if (!body) return false;
        json_t *items = json_object_get(body, "items"), *total = json_object_get(body, "total");
        size_t got = json_array_size(items);
        json_array_extend(job->items, items);
        size_t have = json_array_size(job->items);
        bool more = json_is_integer(total) && got > 0 && (json_int_t)have < json_integer_value(total);
        json_decref(body);
        if (have >= LIST_EXPORT_MAX_ROWS) {
            job->truncated = more || have > LIST_EXPORT_MAX_ROWS;
            while (json_array_size(job->items) > LIST_EXPORT_MAX_ROWS)
                json_array_remove(job->items, json_array_size(job->items) - 1);
            return true;
        }
        if (!more) return true;
    }
}

/* "a.b" inside item. */
static json_t *member(json_t *item, const char *key)
{
    char part[64];
    while (item && key) {
        const char *dot = strchr(key, '.');
        size_t n = dot ? (size_t)(dot - key) : strlen(key);
        if (n >= sizeof part) return NULL;
        memcpy(part, key, n), part[n] = '\0';
        item = json_object_get(item, part);
        key = dot ? dot + 1 : NULL;
    }
    return item;
}

static const char *dict_name(const json_t *dicts, const char *table, const char *code)
{
    json_t *entry;
    size_t i;
    json_array_foreach(json_object_get(dicts, table), i, entry) {
        const char *c = json_string_value(json_object_get(entry, "code"));
        if (c && strcmp(c, code) == 0) return json_string_value(json_object_get(entry, "name"));
    }
    return NULL;
}

/* One value as text into out (a code replaced by its name when the column names a table). */
static void scalar_text(const ExportJob *job, const ListExportColumn *col, json_t *v, char *out, size_t cap)
{
    const char *s = json_string_value(v);
    char num[32];
    if (json_is_integer(v)) snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v)), s = num;
    else if (json_is_real(v)) snprintf(num, sizeof num, "%.15g", json_real_value(v)), s = num;
    else if (json_is_boolean(v)) s = json_is_true(v) ? "是" : "否";
    else if (json_is_object(v) && json_object_get(v, "law")) { /* a basis: 《法》第某条 */
        snprintf(out, cap, "%s%s", json_string_value(json_object_get(v, "law")) ?: "",
                 json_string_value(json_object_get(v, "article")) ?: "");
        return;
    } else if (json_is_object(v)) s = json_string_value(json_object_get(v, "name"));
    if (s && col->dict) {
        const char *name = dict_name(job->dicts, col->dict, s);
        if (name) s = name;
    }
    snprintf(out, cap, "%s", s ? s : "");
}

static void cell_text(const ExportJob *job, const ListExportColumn *col, json_t *v, char *out, size_t cap)
{
    out[0] = '\0';
    if (!json_is_array(v)) {
        scalar_text(job, col, v, out, cap);
        return;
    }
    size_t i, len = 0;
    json_t *e;
    json_array_foreach(v, i, e) {
        if (len + 1 >= cap) break;
        if (i) len += (size_t)snprintf(out + len, cap - len, "、");
        if (len + 1 >= cap) break;
        scalar_text(job, col, e, out + len, cap - len);
        len += strlen(out + len);
    }
}

static XlsxOutCell cell(const ExportJob *job, const ListExportColumn *col, json_t *v, char *buf, size_t cap)
{
    if (!v || json_is_null(v)) return (XlsxOutCell){XLSX_OUT_EMPTY, NULL, 0};
    if (col->kind == LX_FEN && json_is_number(v)) return (XlsxOutCell){XLSX_OUT_MONEY, NULL, json_number_value(v) / 100.0};
    if (col->kind == LX_YUAN && json_is_number(v)) return (XlsxOutCell){XLSX_OUT_MONEY, NULL, json_number_value(v)};
    if (col->kind == LX_NUMBER && json_is_number(v)) return (XlsxOutCell){XLSX_OUT_NUMBER, NULL, json_number_value(v)};
    if (col->kind == LX_YESNO) return (XlsxOutCell){XLSX_OUT_TEXT, json_is_true(v) ? "是" : "否", 0};
    cell_text(job, col, v, buf, cap);
    return (XlsxOutCell){XLSX_OUT_TEXT, buf, 0};
}

static int put_row(XlsxStream *xs, const ExportJob *job, json_t *item, char (*bufs)[CELL_TEXT_MAX], ZfError *err)
{
    int n = job->ex->ncols;
    XlsxOutCell cells[n];
    for (int c = 0; c < n; c++)
        cells[c] = cell(job, &job->ex->cols[c], member(item, job->ex->cols[c].key), bufs[c], CELL_TEXT_MAX);
    return xlsx_stream_row(xs, cells, XLSX_STYLE_GENERAL, err);
}

static int put_heading(XlsxStream *xs, const ExportJob *job, ZfError *err)
{
    int n = job->ex->ncols;
    XlsxOutCell cells[n];
    for (int c = 0; c < n; c++) cells[c] = (XlsxOutCell){XLSX_OUT_TEXT, job->ex->cols[c].heading, 0};
    return xlsx_stream_row(xs, cells, XLSX_STYLE_HEADER, err);
}

static int put_truncation_note(XlsxStream *xs, const ExportJob *job, ZfError *err)
{
    int n = job->ex->ncols;
    XlsxOutCell cells[n];
    memset(cells, 0, sizeof cells);
    cells[0] = (XlsxOutCell){XLSX_OUT_TEXT, "已达导出行数上限（100000 行），其余记录未导出，请缩小筛选范围后分批导出", 0};
    return xlsx_stream_row(xs, cells, XLSX_STYLE_GENERAL, err);
}

static int write_all(XlsxStream *xs, const ExportJob *job, ZfError *err)
{
    char (*bufs)[CELL_TEXT_MAX] = malloc((size_t)job->ex->ncols * CELL_TEXT_MAX);
    if (!bufs) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足，无法生成 Excel 文件");
    int rc = put_heading(xs, job, err);
    size_t i;
    json_t *item;
    json_array_foreach(job->items, i, item) {
        if (rc != ZF_OK) break;
        rc = put_row(xs, job, item, bufs, err);
    }
    free(bufs);
    if (rc == ZF_OK && job->truncated) rc = put_truncation_note(xs, job, err);
    return rc;
}

static int produce(Store *st, HttpStream *out, void *ctx)
{
    (void)st;
    ExportJob *job = ctx;
    XlsxStream *xs = NULL;
    ZfError err = {0};
    int rc = xlsx_stream_open(&job->sheet, http_stream_write, out, &xs, &err);
    if (rc == ZF_OK) rc = write_all(xs, job, &err);
    if (rc == ZF_OK) rc = xlsx_stream_finish(xs, &err);
    if (rc != ZF_OK) log_error(job->ex->audit_action, "%s", err.message);
    xlsx_stream_free(xs);
    return rc;
}

static bool describe_sheet(ExportJob *job)
{
    const ListExport *ex = job->ex;
    job->cols = calloc((size_t)ex->ncols, sizeof *job->cols);
    if (!job->cols) return false;
    for (int c = 0; c < ex->ncols; c++) job->cols[c] = (XlsxColumn){ex->cols[c].width, ex->cols[c].kind == LX_TEXT, NULL};
    job->sheet = (XlsxSheet){.name = ex->sheet, .ncols = ex->ncols, .cols = job->cols, .frozen_rows = 1};
    return true;
}

int list_export_reply(HttpRequest *req, const ListExport *ex)
{
    ExportJob *job = calloc(1, sizeof *job);
    if (!job || !(job->ex = ex, describe_sheet(job))) {
        free_job(job);
        return http_reply_error(req, 500, "out_of_memory", NULL, "内存不足");
    }
    if (!read_all_pages(req, job) || !(job->dicts = captured(req, api_dicts_get, 1))) return free_job(job), 0;
    char detail[32];
    snprintf(detail, sizeof detail, "%zu", json_array_size(job->items));
    auth_audit(req, ex->audit_action, "", "ok", detail);
    return http_reply_stream(req, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ex->ascii_name,
                             ex->utf8_name, produce, job, free_job);
}
