/* POST /api/v1/imports: an exchange-v1 file (JSON Lines, or an .xlsx template filled in Excel)
 * uploaded through the console, under the import verb's contract (per-line rejects, good lines
 * kept; for a workbook, line = Excel row), limited to the uploader's data scope.
 * GET /api/v1/export: the records in the caller's scope, in the export verb's format. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/intake_common.h"
#include "app/sweep.h"
#include "http/auth.h"
#include "http/response.h"
#include "app/import.h"
#include "app/import_notice.h"
#include "app/xlsx_intake.h"
#include "store/intake.h"
#include "store/settings.h"
#include "util/log.h"

#define UPLOAD_ERRORS_MAX 1000 /* a report longer than this helps nobody: the count says the rest */
#define UPLOAD_CPU_MS_DEFAULT 20000 /* as migration 025 sets upload_cpu_ms */

typedef struct {
    HttpRequest *req;
    json_t *errors;
    long long dropped;
    ChangedSet touched;
} Upload;

static void collect_reject(long long line, const char *key, const char *error, void *ctx)
{
    Upload *u = ctx;
    if (json_array_size(u->errors) >= UPLOAD_ERRORS_MAX) {
        u->dropped++;
        return;
    }
    json_t *k = json_string(key ? key : "");
    json_array_append_new(u->errors, json_pack("{s:I, s:o, s:s}", "line", (json_int_t)line, "key",
                                               k ? k : json_string(""), "error", error));
}

static void note_stored(const RecordKeys *k, void *ctx)
{
    Upload *u = ctx;
    changed_note(&u->touched, k->type, k->key);
}

/* Scope is checked against what is stored as well as against what the line claims. */
static const char *accept_in_scope(const StoredRecord *rec, void *ctx)
{
    return intake_write_refusal(((Upload *)ctx)->req, rec);
}

static int by_line(const void *a, const void *b)
{
    json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "line"));
    json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "line"));
    return x < y ? -1 : x > y;
}

/* A workbook's rows are refused in two passes (while read, then while stored): one report in
 * row order. Lines are distinct, so an unstable sort keeps the order of equals moot. */
static void sort_by_line(json_t *errors)
{
    size_t n = json_array_size(errors);
    json_t **items = n ? malloc(n * sizeof *items) : NULL;
    if (!items) return;
    for (size_t i = 0; i < n; i++) items[i] = json_incref(json_array_get(errors, i));
    qsort(items, n, sizeof *items, by_line);
    json_array_clear(errors);
    for (size_t i = 0; i < n; i++) json_array_append_new(errors, items[i]);
    free(items);
}

/* What a browser calls an Excel file; the content decides, this only catches a file that is not one. */
static bool is_workbook_type(const char *ct)
{
    return ct && (strncasecmp(ct, "application/vnd.openxmlformats-officedocument.spreadsheetml", 59) == 0 ||
                  strncasecmp(ct, "application/vnd.ms-excel", 24) == 0);
}

int api_imports_create(HttpRequest *req)
{
    const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    /* el-upload and browsers label files by extension: the bytes say whether it is a workbook */
    bool workbook = xlsx_looks_like_workbook(req->body, req->body_len);
    if (!workbook && is_workbook_type(ct))
        return http_reply_error(req, 400, "not_xlsx", NULL, "文件不是有效的 Excel 工作簿（.xlsx），请在 Excel 中另存为 .xlsx 后再上传");
    if (!workbook && !intake_is_jsonl_type(ct))
        return http_reply_error(req, 415, "unsupported_media_type", NULL,
                                "请上传 Excel 模板（.xlsx）或 exchange-v1 JSON Lines 文本（Content-Type: application/x-ndjson 或 text/plain）");
    Upload u = {.req = req, .errors = json_array()};
    ImportHooks hooks = {.on_reject = collect_reject, .on_stored = note_stored, .ctx = &u, .accept = accept_in_scope};
    ImportSummary sum = {0};
    ZfError err;
    int rc = ZF_OK;
    if (workbook) {
        long budget_ms = store_setting_int(req->store, "upload_cpu_ms", UPLOAD_CPU_MS_DEFAULT);
        rc = xlsx_import(req->store, req->body, req->body_len, budget_ms, &hooks, &sum, &err);
        if (rc != ZF_OK && err.status < 500 && sum.imported == 0) { /* unreadable workbook: nothing stored */
            json_decref(u.errors);
            auth_audit(req, "import_upload", "", "refused", err.code);
            return http_reply_zferror(req, &err);
        }
    } else if (req->body_len) {
        FILE *in = fmemopen((void *)req->body, req->body_len, "r");
        if (!in) {
            json_decref(u.errors);
            return http_reply_error(req, 500, "internal_error", NULL, "无法读取上传内容");
        }
        rc = import_stream(req->store, in, &hooks, &sum, &err);
        fclose(in);
    }
    changed_recheck(req->store, req->calendar, req->today, &u.touched);
    char detail[96];
    snprintf(detail, sizeof detail, "imported=%lld rejected=%lld", sum.imported, sum.rejected);
    auth_audit(req, "import_upload", "", rc == ZF_OK ? "ok" : "failed", detail);
    if (rc != ZF_OK) {
        json_decref(u.errors);
        snprintf(err.message + strlen(err.message), sizeof err.message - strlen(err.message),
                 "（已导入 %lld 条，之前提交的批次保留）", sum.imported);
        return http_reply_zferror(req, &err);
    }
    if (req->auth && app_import_notice(req->store, req->auth->username, &sum, &err) != ZF_OK)
        log_error("import_notice_failed", "%s", err.message); /* the import stands; only its message is lost */
    sort_by_line(u.errors);
    json_t *out = json_pack("{s:s, s:I, s:I, s:I, s:o}", "format", workbook ? "xlsx" : "jsonl", "lines",
                            (json_int_t)sum.lines, "imported", (json_int_t)sum.imported, "rejected",
                            (json_int_t)sum.rejected, "errors", u.errors);
    if (u.dropped) json_object_set_new(out, "errors_truncated", json_integer(u.dropped));
    return http_reply_json(req, 200, out);
}

typedef struct {
    char *buf;
    size_t len, cap;
    bool failed;
} Text;

static int append_line(const char *body, size_t len, void *ctx)
{
    Text *t = ctx;
    if (t->len + len + 2 > t->cap) {
        size_t cap = t->cap ? t->cap : 1 << 16;
        while (cap < t->len + len + 2) cap *= 2;
        char *grown = realloc(t->buf, cap);
        if (!grown) return t->failed = true, 1;
        t->buf = grown, t->cap = cap;
    }
    memcpy(t->buf + t->len, body, len);
    t->len += len;
    t->buf[t->len++] = '\n';
    return 0;
}

int api_export(HttpRequest *req)
{
    const char *agency, *region;
    Text t = {0};
    ZfError err;
    if (!api_scope_filter(req, &agency, &region)) return http_reply_error(req, 403, "forbidden", NULL, "没有可导出的数据范围");
    auth_audit(req, "export", "", "ok", agency ? agency : region ? region : "all");
    if (store_foreach_in_scope(req->store, agency, region, append_line, &t, &err) != ZF_OK || t.failed) {
        free(t.buf);
        if (t.failed) return http_reply_error(req, 500, "out_of_memory", NULL, "导出数据过大，内存不足");
        return http_reply_zferror(req, &err);
    }
    struct MHD_Response *resp = MHD_create_response_from_buffer(t.len, t.buf ? t.buf : (void *)"",
                                                                t.buf ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(resp, "Content-Type", "application/x-ndjson; charset=utf-8");
    MHD_add_response_header(resp, "Content-Disposition", "attachment; filename=\"zhifa-export.jsonl\"");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    return http_queue(req, 200, resp);
}
