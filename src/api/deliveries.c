/* 电子送达 and 纸质送达 (行政处罚法 第六十一条, app/delivery.h): the officer's routes under
 * /cases/{case_no} (the case's own agency, checked against the stored case), the list for
 * whoever's data scope covers the case, and the party's three portal routes (anonymous; the
 * client's address counts toward the rate limit). Parse → app → reply; every act audited. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/case_scope.h"
#include "app/delivery.h"
#include "http/auth.h"
#include "http/response.h"

/* A string field of the body: absent/null = NULL; else a string of at most max bytes. */
static int body_text(HttpRequest *req, const json_t *body, const char *name, size_t max, const char **out)
{
    json_t *v = json_object_get(body, name);
    *out = NULL;
    if (!v || json_is_null(v)) return ZF_OK;
    if (!json_is_string(v) || strlen(json_string_value(v)) > max) {
        char msg[160];
        snprintf(msg, sizeof msg, "填写的内容应为文本，且不超过 %zu 字节", max);
        http_reply_error(req, 400, "invalid_field", name, msg);
        return ZF_ERR;
    }
    *out = json_string_value(v);
    return ZF_OK;
}

/* An optional positive id field; 0 when absent. */
static int body_id(HttpRequest *req, const json_t *body, const char *name, long long *out)
{
    json_t *v = json_object_get(body, name);
    *out = 0;
    if (!v || json_is_null(v)) return ZF_OK;
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        http_reply_error(req, 400, "invalid_field", name, "附件编号应为正整数");
        return ZF_ERR;
    }
    *out = json_integer_value(v);
    return ZF_OK;
}

int api_delivery_consent_create(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    json_t *body = http_body_json(req), *out;
    DeliveryConsentInput in;
    ZfError err;
    if (!body) return 0;
    if (body_text(req, body, "phone", 20, &in.phone) != ZF_OK || body_text(req, body, "email", 254, &in.email) != ZF_OK ||
        body_text(req, body, "signed_on", 10, &in.signed_on) != ZF_OK ||
        body_id(req, body, "attachment_id", &in.attachment_id) != ZF_OK)
        return json_decref(body), 0;
    AppContext cx = api_context(req);
    int rc = app_delivery_consent(&cx, case_no, &in, &out, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    auth_audit(req, "delivery_consent", case_no, "ok", "登记电子送达确认书");
    return http_reply_json(req, 201, out);
}

int api_deliveries_create(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no"), *kind;
    json_t *body = http_body_json(req);
    DeliverySent sent;
    ZfError err;
    char path[128];
    if (!body) return 0;
    if (body_text(req, body, "kind", 32, &kind) != ZF_OK) return json_decref(body), 0;
    AppContext cx = api_context(req);
    int rc = app_delivery_send(&cx, case_no, kind, &sent, &err);
    json_decref(body);
    if (rc != ZF_OK) {
        if (err.status == 409) auth_audit(req, "delivery_refused", case_no, "refused", err.message);
        return http_reply_zferror(req, &err);
    }
    auth_audit(req, "delivery_send", case_no, "ok", "电子送达：生成链接和验证码");
    snprintf(path, sizeof path, "/portal/delivery/%s", sent.token);
    /* shown once to the officer, who gives them to the party; the server keeps only digests */
    json_t *out = json_pack("{s:s, s:s, s:o}", "path", path, "code", sent.code, "delivery", sent.row);
    memset(&sent, 0, sizeof sent);
    return http_reply_json(req, 201, out);
}

int api_deliveries_list(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    json_t *out;
    ZfError err;
    AppContext cx = api_context(req);
    if (api_case_visible(req, case_no, NULL, &err) != ZF_OK || app_delivery_list(&cx, case_no, &out, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    auth_audit(req, "delivery_list", case_no, "ok", "送达记录");
    return http_reply_json(req, 200, out);
}

int api_paper_delivery_create(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no"), *on;
    json_t *body = http_body_json(req), *out;
    long long attachment_id;
    ZfError err;
    if (!body) return 0;
    if (body_text(req, body, "on", 10, &on) != ZF_OK || body_id(req, body, "attachment_id", &attachment_id) != ZF_OK)
        return json_decref(body), 0;
    AppContext cx = api_context(req);
    int rc = app_delivery_paper(&cx, case_no, on, attachment_id, &out, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    auth_audit(req, "delivery_paper", case_no, "ok", "纸质送达：登记送达回证");
    return http_reply_json(req, 201, out);
}

/* ---- the portal -------------------------------------------------------------------------- */

typedef int (*PortalFn)(const AppContext *, const char *, const char *, const char *, long long, json_t **, ZfError *);

static int portal_with_code(HttpRequest *req, PortalFn fn, const char *audit)
{
    json_t *body = http_body_json(req), *out;
    const char *code;
    char addr[64];
    ZfError err;
    if (!body) return 0;
    if (body_text(req, body, "code", 16, &code) != ZF_OK) return json_decref(body), 0;
    AppContext cx = api_context(req);
    auth_client_addr(req, addr, sizeof addr);
    int rc = fn(&cx, http_param(req, "token"), code, addr, (long long)time(NULL), &out, &err);
    json_decref(body);
    if (rc != ZF_OK) {
        if (err.status == 422 || err.status == 409) auth_audit(req, "delivery_code_refused", NULL, "refused", err.message);
        return http_reply_zferror(req, &err);
    }
    auth_audit(req, audit, NULL, "ok", json_string_value(json_object_get(out, "kind_name")));
    return http_reply_json(req, 200, out);
}

int api_public_delivery_get(HttpRequest *req)
{
    json_t *out;
    char addr[64];
    ZfError err;
    AppContext cx = api_context(req);
    auth_client_addr(req, addr, sizeof addr);
    if (app_delivery_portal_view(&cx, http_param(req, "token"), addr, (long long)time(NULL), &out, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_public_delivery_open(HttpRequest *req) { return portal_with_code(req, app_delivery_portal_open, "delivery_open"); }

int api_public_delivery_confirm(HttpRequest *req)
{
    return portal_with_code(req, app_delivery_portal_confirm, "delivery_confirm");
}

/* The delivered document's PDF, as a download the party keeps; the code in the body, as for open. */
int api_public_delivery_pdf(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    const char *code;
    char addr[64];
    unsigned char *pdf;
    size_t len;
    ZfError err;
    if (!body) return 0;
    if (body_text(req, body, "code", 16, &code) != ZF_OK) return json_decref(body), 0;
    AppContext cx = api_context(req);
    auth_client_addr(req, addr, sizeof addr);
    int rc = app_delivery_portal_pdf(&cx, http_param(req, "token"), code, addr, (long long)time(NULL), &pdf, &len, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, pdf, MHD_RESPMEM_MUST_FREE);
    if (!resp) return free(pdf), http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    MHD_add_response_header(resp, "Content-Type", "application/pdf");
    MHD_add_response_header(resp, "Cache-Control", "private, no-store");
    http_add_disposition(resp, "document.pdf", "送达文书.pdf");
    auth_audit(req, "delivery_pdf", NULL, "ok", "当事人下载送达文书");
    return http_queue(req, 200, resp);
}
