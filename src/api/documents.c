/* 执法文书 of a case (docs/documents.md) under /api/v1/cases/{case_no}/documents: the list of every
 * version, one PDF (inline for the browser's preview, or as a download), issuing or correcting a
 * document (a new version with its reason), and a print copy of the latest versions in stage order.
 * Data scope is checked against the stored case (api_case_visible); issuing also needs the case to
 * be of the caller's own agency. Every read of a document is audited. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/case_scope.h"
#include "api/params.h"
#include "app/documents.h"
#include "app/document_print.h"
#include "http/auth.h"
#include "http/response.h"
#include "store/documents.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void add_links(const char *case_no, json_t *items)
{
    json_t *d;
    size_t i;
    char url[600];
    json_array_foreach(items, i, d) {
        snprintf(url, sizeof url, "/api/v1/cases/%s/documents/%lld", case_no, json_integer_value(json_object_get(d, "id")));
        json_object_set_new(d, "download", json_string(url));
        json_object_set_new(d, "digest", json_string(str(d, "sm3")));
    }
}

int api_case_documents_list(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    AppContext cx = api_context(req);
    json_t *items, *rec = NULL;
    ZfError err;
    if (api_case_visible(req, case_no, &rec, &err) != ZF_OK || app_documents_of_case(&cx, case_no, &items, &err) != ZF_OK) {
        json_decref(rec);
        return http_reply_zferror(req, &err);
    }
    add_links(case_no, items);
    /* the kinds a case of this kind may be issued (the console's 出具 menu) */
    json_t *kinds = app_document_kinds_for_case(rec);
    json_decref(rec);
    return http_reply_json(req, 200, json_pack("{s:s, s:o, s:o}", "case_no", case_no, "items", items, "kinds", kinds));
}

/* See api.h: shared with the documents of orders and review plans. */
int api_reply_pdf(HttpRequest *req, unsigned char *pdf, size_t len, const char *name, const char *audit_action,
                  const char *subject)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, pdf, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(pdf);
        return http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    }
    const char *dl = http_query(req, "download");
    bool download = dl && strcmp(dl, "1") == 0;
    MHD_add_response_header(resp, "Content-Type", "application/pdf");
    MHD_add_response_header(resp, "Cache-Control", "private, no-store");
    if (download) http_add_disposition(resp, "document.pdf", name);
    else MHD_add_response_header(resp, "Content-Disposition", "inline; filename=\"document.pdf\"");
    auth_audit(req, audit_action, subject, "ok", name);
    return http_queue_framable(req, 200, resp);
}

int api_case_document_get(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    AppContext cx = api_context(req);
    long long id;
    json_t *row = NULL;
    unsigned char *pdf;
    size_t len;
    ZfError err;
    char name[400];
    if (param_path_id(req, "id", "文书编号", &id) != ZF_OK) return 0;
    if (api_case_visible(req, case_no, NULL, &err) != ZF_OK || store_document_get(req->store, id, &row, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    /* a document of another case answers as absent, whatever its id */
    if (strcmp(str(row, "subject"), "case") != 0 || strcmp(str(row, "subject_id"), case_no) != 0) {
        json_decref(row);
        return http_reply_error(req, 404, "not_found", NULL, "文书不存在");
    }
    snprintf(name, sizeof name, "%s-%s-v%lld.pdf", case_no, str(row, "kind"), json_integer_value(json_object_get(row, "version")));
    int rc = app_document_bytes(&cx, row, &pdf, &len, &err);
    json_decref(row);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return api_reply_pdf(req, pdf, len, name, "document_read", case_no);
}

/* Issuing writes into the case's file: only its own agency's officers may (a supervisor reads). */
static int own_case(HttpRequest *req, const json_t *rec, ZfError *err)
{
    const char *agency = str(rec, "agency");
    if (req->auth && req->auth->agency[0] && agency && strcmp(req->auth->agency, agency) == 0) return ZF_OK;
    return zf_fail(err, 403, "forbidden", NULL, "只有本案所属执法主体的人员可以出具文书");
}

int api_case_documents_create(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    AppContext cx = api_context(req);
    json_t *body = http_body_json(req), *rec = NULL;
    ZfError err;
    DocumentInfo info;
    if (!body) return 0;
    const char *kind = str(body, "kind"), *reason = str(body, "reason");
    int rc = ZF_OK;
    if (!kind || !*kind || strlen(kind) > 31) rc = zf_fail(&err, 400, "missing_field", "kind", "请选择文书种类");
    else if (reason && strlen(reason) > 2000) rc = zf_fail(&err, 400, "invalid_field", "reason", "更正理由不超过 500 字");
    if (rc == ZF_OK) rc = api_case_visible(req, case_no, &rec, &err);
    if (rc == ZF_OK) rc = own_case(req, rec, &err);
    if (rc == ZF_OK) rc = app_document_issue_case(&cx, case_no, kind, reason, &info, &err);
    json_decref(rec);
    json_decref(body);
    if (rc != ZF_OK) {
        if (err.status == 409 || err.status == 422) auth_audit(req, "document_refused", case_no, "refused", err.message);
        return http_reply_zferror(req, &err);
    }
    auth_audit(req, info.version > 1 ? "document_correct" : "document_issue", case_no, "ok", info.kind);
    char url[600];
    snprintf(url, sizeof url, "/api/v1/cases/%s/documents/%lld", case_no, (long long)info.id);
    return http_reply_json(req, 201, json_pack("{s:I, s:s, s:i, s:s, s:s, s:s, s:s}", "id", (json_int_t)info.id, "kind",
                                               info.kind, "version", info.version, "digest", info.digest, "sm3",
                                               info.digest, "doc_no", info.doc_no, "download", url));
}

int api_case_documents_print(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    AppContext cx = api_context(req);
    unsigned char *pdf;
    size_t len;
    ZfError err;
    char name[300];
    if (api_case_visible(req, case_no, NULL, &err) != ZF_OK || app_documents_print(&cx, case_no, &pdf, &len, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    snprintf(name, sizeof name, "%s-文书.pdf", case_no);
    return api_reply_pdf(req, pdf, len, name, "document_print", case_no);
}
