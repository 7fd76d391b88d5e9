/* 决定公开 (行政复议法 第七十九条): the portal's list of published decisions, masked, and the head's
 * POST /api/v1/reconsiderations/{id}/publication (app/recon_publish.c). */
#include "api/api.h"
#include "api/params.h"
#include "app/recon_publish.h"
#include "http/auth.h"
#include "http/response.h"

int api_public_recon_decisions(HttpRequest *req)
{
    AppContext cx = api_context(req);
    int page, size;
    json_t *out;
    ZfError err;
    if (param_page(req, &page, &size) != ZF_OK) return 0;
    if (app_recon_decisions_public(&cx, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_public_recon_decision(HttpRequest *req)
{
    AppContext cx = api_context(req);
    long long id;
    json_t *out;
    ZfError err;
    if (param_path_id(req, "id", "行政复议决定编号", &id) != ZF_OK) return 0;
    if (app_recon_decision_public(&cx, id, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_recon_publication(HttpRequest *req)
{
    AppContext cx = api_context(req);
    long long id;
    json_t *body, *out;
    ZfError err;
    if (param_path_id(req, "id", "行政复议案件编号", &id) != ZF_OK) return 0;
    if (!(body = http_body_json(req))) return 0;
    int rc = app_recon_publication_set(&cx, id, body, &out, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    auth_audit(req, "reconsideration_publication", json_string_value(json_object_get(out, "case_no")), "ok",
               json_is_true(json_object_get(json_object_get(json_object_get(out, "body"), "publication"), "withheld"))
                   ? "不予公开"
                   : "公开");
    return http_reply_json(req, 200, out);
}
