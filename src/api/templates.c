/* GET /api/v1/templates/{kind}.xlsx: the Excel template a clerk fills for the upload page
 * (agencies officers powers cases). Built on each request from domain/sheet_layout.c. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "http/response.h"
#include "app/xlsx_intake.h"

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

int api_template_xlsx(HttpRequest *req)
{
    const char *file = http_param(req, "file");
    size_t n = file ? strlen(file) : 0;
    char kind[32];
    const SheetLayout *l = NULL;
    if (n > 5 && n - 5 < sizeof kind && strcmp(file + n - 5, ".xlsx") == 0) {
        snprintf(kind, sizeof kind, "%.*s", (int)(n - 5), file);
        l = sheet_layout(kind);
    }
    if (!l)
        return http_reply_error(req, 404, "template_not_found", "kind",
                                "没有这个模板（可选：agencies.xlsx officers.xlsx powers.xlsx cases.xlsx）");
    void *buf;
    size_t len;
    ZfError err;
    if (xlsx_template(l, &buf, &len, &err) != ZF_OK) return http_reply_zferror(req, &err);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(buf);
        return http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    }
    char name[64], fallback[48];
    snprintf(name, sizeof name, "%s导入模板.xlsx", l->title);
    snprintf(fallback, sizeof fallback, "zhifa-%s.xlsx", l->kind);
    MHD_add_response_header(resp, "Content-Type", XLSX_MIME);
    http_add_disposition(resp, fallback, name);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    return http_queue(req, 200, resp);
}
