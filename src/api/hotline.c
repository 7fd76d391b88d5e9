/* The 12345 hotline's 双派单 batches (docs/hotline.md), two doors to one intake (app/hotline.c):
 * POST /api/v1/leads/hotline, the platform itself with its API token (route permission "token",
 * checked in http/auth.c), and POST /api/v1/leads/hotline-file, a supervisor uploading the
 * platform's exported file from 线索受理 (orders.write, within his own region). JSON Lines in,
 * {"received","created","duplicates","errors"} out. */
#include <microhttpd.h>
#include <stdio.h>

#include "api/api.h"
#include "api/intake_common.h"
#include "app/hotline.h"
#include "http/auth.h"

/* The body through the intake within cx's scope, the summary audited as `target` and sent. */
static int intake(HttpRequest *req, const AppContext *cx, const HotlineSender *from, const char *target)
{
    const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    json_t *summary;
    ZfError err;
    char detail[160];
    if (!intake_is_jsonl_type(ct))
        return http_reply_error(req, 415, "unsupported_media_type", NULL,
                                "请以 JSON Lines 发送工单（Content-Type: application/x-ndjson 或 text/plain），每行一个工单");
    if (app_hotline_intake(cx, from, req->body ? req->body : "", req->body_len, &summary, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    snprintf(detail, sizeof detail, "received=%lld created=%lld duplicates=%lld errors=%zu",
             (long long)json_integer_value(json_object_get(summary, "received")),
             (long long)json_integer_value(json_object_get(summary, "created")),
             (long long)json_integer_value(json_object_get(summary, "duplicates")),
             json_array_size(json_object_get(summary, "errors")));
    auth_audit(req, "hotline_intake", target, "ok", detail);
    return http_reply_json(req, 200, summary);
}

int api_leads_hotline(HttpRequest *req)
{
    AppContext cx = api_context(req);
    HotlineSender from = {req->token.region, "承办执法主体不在本接口令牌所属区域内"};
    /* the token's region is the data scope of the batch; no person acts */
    cx.user = NULL;
    scope_for_region(&cx.scope, req->token.region);
    return intake(req, &cx, &from, req->token.name);
}

int api_leads_hotline_file(HttpRequest *req)
{
    AppContext cx = api_context(req);
    /* a supervisor's region is the data scope of the file; he is who received it */
    if (!cx.user || cx.scope.kind != SCOPE_REGION)
        return http_reply_error(req, 403, "forbidden", NULL, "只有行政执法监督机构可以导入12345工单");
    HotlineSender from = {cx.user->region, "承办执法主体不在您所辖区域内"};
    return intake(req, &cx, &from, "file");
}
