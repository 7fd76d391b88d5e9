/* Replies: JSON bodies, the error shape of DESIGN.md, security headers, the access log line. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/request.h"
#include "http/response.h"
#include "util/log.h"

void http_add_security_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data: blob:; "
                            "style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
                            "object-src 'none'; base-uri 'self'; form-action 'self'; "
                            "frame-ancestors 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
}

void http_add_disposition(struct MHD_Response *resp, const char *ascii_fallback, const char *utf8_name)
{
    static const char attr_char[] = "!#$&+-.^_`|~"; /* RFC 5987 §3.2.1, besides ALPHA and DIGIT */
    char enc[3 * 256 + 1], disp[sizeof enc + 400];
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)utf8_name; *p && n + 4 < sizeof enc; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr(attr_char, *p))
            enc[n++] = (char)*p;
        else
            n += (size_t)snprintf(enc + n, sizeof enc - n, "%%%02X", *p);
    }
    enc[n] = '\0';
    snprintf(disp, sizeof disp, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii_fallback, enc);
    MHD_add_response_header(resp, "Content-Disposition", disp);
}

/* A PDF the console previews in a frame of its own page: framed by the same origin only, and no
 * object-src 'none' (the browser's PDF viewer is the document's own plugin). */
static void add_framable_headers(struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "SAMEORIGIN");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
}

static int queue(HttpRequest *req, int status, struct MHD_Response *resp, bool framable)
{
    if (framable) add_framable_headers(resp);
    else http_add_security_headers(resp);
    if (req->set_cookie[0]) MHD_add_response_header(resp, "Set-Cookie", req->set_cookie);
    int rc = MHD_queue_response(req->conn, (unsigned)status, resp) == MHD_YES ? 0 : -1;
    MHD_destroy_response(resp);
    req->status = status;
    log_access(req->method, req->path, status, now_micros() - req->started_us, req->user);
    return rc;
}

int http_queue(HttpRequest *req, int status, struct MHD_Response *resp) { return queue(req, status, resp, false); }

int http_queue_framable(HttpRequest *req, int status, struct MHD_Response *resp)
{
    return queue(req, status, resp, true);
}

int http_reply_json(HttpRequest *req, int status, json_t *body)
{
    if (req->capture && status == 200) {
        json_decref(req->capture->body);
        req->capture->body = body;
        return 0;
    }
    char *text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(body);
    if (!text) return http_reply_error(req, 500, "internal", NULL, "无法序列化 JSON 回复");
    return http_reply_json_text(req, status, text);
}

int http_reply_json_text(HttpRequest *req, int status, char *text)
{
    if (req->capture && status == 200) { /* a caller that wants the reply as JSON, not as bytes */
        json_t *body = json_loads(text, 0, NULL);
        free(text);
        return body ? http_reply_json(req, status, body) : http_reply_error(req, 500, "internal", NULL, "无法序列化 JSON 回复");
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    return http_queue(req, status, resp);
}

/* What a person is told of a server-side failure: the cause (an sqlite3_errmsg, an SQL text, a
 * file path) is for the operator's log, never for the client. */
static const char *server_failure_message(int status)
{
    return status == 503 ? "服务器繁忙或暂时不可用，请稍后重试"
                         : "服务器内部错误，请稍后重试；如持续出现请联系系统管理员";
}

int http_reply_error(HttpRequest *req, int status, const char *code, const char *field,
                     const char *message)
{
    if (status >= 500) {
        const char *fixed = server_failure_message(status);
        if (strcmp(message, fixed) != 0)
            log_error(code, "%s %s: %d %s", req->method, req->path, status, message);
        message = fixed, field = NULL;
    }
    json_t *e = json_object();
    json_object_set_new(e, "code", json_string(code));
    json_object_set_new(e, "message", json_string(message));
    if (field && *field) json_object_set_new(e, "field", json_string(field));
    json_t *body = json_object();
    json_object_set_new(body, "error", e);
    char *text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(body);
    struct MHD_Response *resp =
        text ? MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE)
             : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    return http_queue(req, status, resp);
}

int http_reply_zferror(HttpRequest *req, const ZfError *err)
{
    return http_reply_error(req, err->status ? err->status : 500, err->code, err->field, err->message);
}

const char *http_query(const HttpRequest *req, const char *name)
{
    if (req->capture && strcmp(name, "page") == 0) return req->capture->page;
    if (req->capture && strcmp(name, "size") == 0) return req->capture->size;
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

json_t *http_body_json(HttpRequest *req)
{
    json_error_t jerr;
    json_t *v = req->body_len ? json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    if (json_is_object(v)) return v;
    json_decref(v);
    http_reply_error(req, 400, "invalid_json", NULL, "请求体应为 JSON 对象");
    return NULL;
}
