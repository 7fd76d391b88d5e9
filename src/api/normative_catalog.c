/* The quarterly 备案目录 of normative documents (app/normative_catalog.h): produced by the reviewers
 * (POST /api/v1/normative-docs/catalogs), published on the portal's register page
 * (GET /api/v1/public/normative-catalogs, …/{file} as 2026Q3.pdf or 2026Q3.xlsx). */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "app/normative_catalog.h"
#include "http/auth.h"
#include "http/response.h"

int api_normative_catalog_produce(HttpRequest *req)
{
    json_t *body = http_body_json(req), *cat = NULL;
    ZfError err;
    if (!body) return 0;
    const json_t *q = json_object_get(body, "quarter");
    if (!json_is_string(q)) {
        json_decref(body);
        return http_reply_error(req, 400, "missing_field", "quarter", "请填写季度（如 2026Q3）");
    }
    AppContext cx = api_context(req);
    int rc = app_normative_catalog_produce(&cx, json_string_value(q), &cat, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 201, cat);
}

int api_public_normative_catalogs(HttpRequest *req)
{
    json_t *items = NULL;
    ZfError err;
    AppContext cx = api_context(req);
    if (app_normative_catalog_list(&cx, &items, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

static const struct {
    const char *suffix, *mime;
    NormCatalogFormat format;
} FORMATS[] = {{".pdf", "application/pdf", NORM_CATALOG_PDF},
               {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", NORM_CATALOG_XLSX}};

/* "2026Q3.pdf", "2026Q3.xlsx", or "2026Q3" (the rows as JSON). */
int api_public_normative_catalog(HttpRequest *req)
{
    const char *file = http_param(req, "file");
    char quarter[8];
    size_t n = file ? strlen(file) : 0;
    ZfError err;
    AppContext cx = api_context(req);
    if (n == 6) {
        json_t *cat;
        if (app_normative_catalog_get(&cx, file, &cat, &err) != ZF_OK) return http_reply_zferror(req, &err);
        return http_reply_json(req, 200, cat);
    }
    for (size_t i = 0; n > 6 && i < sizeof FORMATS / sizeof *FORMATS; i++) {
        if (strcmp(file + 6, FORMATS[i].suffix) != 0) continue;
        memcpy(quarter, file, 6);
        quarter[6] = '\0';
        void *buf = NULL;
        size_t len = 0;
        if (app_normative_catalog_file(&cx, quarter, FORMATS[i].format, &buf, &len, &err) != ZF_OK)
            return http_reply_zferror(req, &err);
        struct MHD_Response *resp = MHD_create_response_from_buffer(len, buf, MHD_RESPMEM_MUST_FREE);
        if (!resp) return free(buf), http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
        char name[96], fallback[64];
        snprintf(name, sizeof name, "规范性文件备案目录-%s%s", quarter, FORMATS[i].suffix);
        snprintf(fallback, sizeof fallback, "normative-catalog-%s%s", quarter, FORMATS[i].suffix);
        MHD_add_response_header(resp, "Content-Type", FORMATS[i].mime);
        http_add_disposition(resp, fallback, name);
        MHD_add_response_header(resp, "Cache-Control", "no-store");
        return http_queue(req, 200, resp);
    }
    return http_reply_error(req, 404, "not_found", NULL, "备案目录应为 2026Q3.pdf 或 2026Q3.xlsx");
}
