/* GET /api/v1/bulletins/{month}.pdf|.xlsx|.json?region=: the monthly 通报 (app/bulletin.h) of a
 * region inside the caller's scope, drawn whole in memory (a few pages, one sheet per part). One
 * audit entry per download. Thin: the figures and the drawing are app/ and render/. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "app/bulletin.h"
#include "http/auth.h"
#include "http/response.h"

typedef struct {
    const char *suffix, *mime;
    BulletinFormat format;
} Kind;

static const Kind KINDS[] = {
    {".pdf", "application/pdf", BULLETIN_PDF},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", BULLETIN_XLSX},
    {".json", "application/json; charset=utf-8", BULLETIN_JSON},
};

/* "2026-05.pdf" → month "2026-05" and its kind; NULL when the path names neither. */
static const Kind *split(const char *param, char month[8])
{
    for (size_t i = 0; param && i < sizeof KINDS / sizeof *KINDS; i++) {
        size_t n = strlen(param), m = strlen(KINDS[i].suffix);
        if (n == 7 + m && strcmp(param + 7, KINDS[i].suffix) == 0) {
            memcpy(month, param, 7), month[7] = '\0';
            return &KINDS[i];
        }
    }
    return NULL;
}

static int reply_file(HttpRequest *req, const Kind *k, const char *month, const char *region, void *buf, size_t len)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
    if (!resp) return free(buf), http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    char name[96], fallback[64];
    snprintf(name, sizeof name, "月度通报-%s%s%s%s", month, region ? "-" : "", region ? region : "", k->suffix);
    snprintf(fallback, sizeof fallback, "bulletin-%s%s", month, k->suffix);
    MHD_add_response_header(resp, "Content-Type", k->mime);
    http_add_disposition(resp, fallback, name);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    return http_queue(req, 200, resp);
}

int api_bulletin_get(HttpRequest *req)
{
    char month[8];
    const char *region;
    const Kind *k = split(http_param(req, "file"), month);
    if (!k) return http_reply_error(req, 404, "not_found", NULL, "通报应为 YYYY-MM.pdf 或 YYYY-MM.xlsx");
    if (param_code(req, "region", "0123456789", 6, 6, &region) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    void *buf = NULL;
    size_t len = 0;
    ZfError err;
    if (app_bulletin_file(&cx, month, region, k->format, &buf, &len, &err) != ZF_OK) return http_reply_zferror(req, &err);
    char target[32];
    snprintf(target, sizeof target, "%s%s", month, k->suffix);
    auth_audit(req, "bulletin_export", target, "ok", region ? region : "");
    return reply_file(req, k, month, region, buf, len);
}
