/* POST /api/v1/leads/hotline: the 12345 platform's batch of 双派单 work orders (docs/hotline.md),
 * called with its API token (route permission "token", checked in http/auth.c), JSON Lines in,
 * {"received","created","duplicates","errors"} out. */
#include <microhttpd.h>
#include <stdio.h>

#include "api/api.h"
#include "api/intake_common.h"
#include "app/hotline.h"
#include "http/auth.h"

int api_leads_hotline(HttpRequest *req)
{
    const char *ct = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    AppContext cx = api_context(req);
    json_t *summary;
    ZfError err;
    char detail[160];
    if (!intake_is_jsonl_type(ct))
        return http_reply_error(req, 415, "unsupported_media_type", NULL,
                                "请以 JSON Lines 发送工单（Content-Type: application/x-ndjson 或 text/plain），每行一个工单");
    /* the token's region is the data scope of the batch; no person acts */
    cx.user = NULL;
    scope_for_region(&cx.scope, req->token.region);
    if (app_hotline_intake(&cx, &req->token, req->body ? req->body : "", req->body_len, &summary, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    snprintf(detail, sizeof detail, "received=%lld created=%lld duplicates=%lld errors=%zu",
             (long long)json_integer_value(json_object_get(summary, "received")),
             (long long)json_integer_value(json_object_get(summary, "created")),
             (long long)json_integer_value(json_object_get(summary, "duplicates")),
             json_array_size(json_object_get(summary, "errors")));
    auth_audit(req, "hotline_intake", req->token.name, "ok", detail);
    return http_reply_json(req, 200, summary);
}
