/* The 文书 of a reconsideration (docs/reconsideration.md "文书") under
 * /api/v1/reconsiderations/{id}/documents: the organ's staff of the stored case's region read them
 * all, the respondent agency those addressed to it; anyone else gets 404. On the portal the
 * applicant lists and reads his after the track's identity check. Every read is audited. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/params.h"
#include "api/subject_documents.h"
#include "app/recon_documents.h"
#include "http/auth.h"
#include "http/response.h"

static const SubjectDocuments RECON = {
    "/api/v1/reconsiderations/%lld/documents/%lld",
    "行政复议案件编号", "reconsideration_id", "reconsideration", app_recon_documents, app_recon_document};

int api_recon_documents_list(HttpRequest *req) { return api_subject_documents_list(req, &RECON); }

int api_recon_document_get(HttpRequest *req) { return api_subject_document_get(req, &RECON); }

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The body's case number, ID number and phone through the track's check. */
static int identify(HttpRequest *req, const AppContext *cx, long long *id)
{
    json_t *body = http_body_json(req);
    char addr[64];
    ZfError err;
    if (!body) return 0;
    auth_client_addr(req, addr, sizeof addr);
    int rc = app_recon_track_identify(cx, str(body, "case_no"), str(body, "id_no"), str(body, "phone"), addr,
                                      (long long)time(NULL), id, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err), 0;
    return 1;
}

int api_public_recon_documents(HttpRequest *req)
{
    AppContext cx = api_context(req);
    long long id;
    json_t *items, *d, *out = json_array();
    size_t i;
    ZfError err;
    if (!identify(req, &cx, &id)) return 0;
    if (app_recon_documents_public(&cx, id, &items, &err) != ZF_OK) return json_decref(out), http_reply_zferror(req, &err);
    json_array_foreach(items, i, d)
        json_array_append_new(out, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(d, "id"), "kind_name",
                                             json_object_get(d, "kind_name"), "doc_no", json_object_get(d, "doc_no"),
                                             "version", json_object_get(d, "version"), "issued_at",
                                             json_object_get(d, "issued_at"), "digest", json_object_get(d, "sm3")));
    json_decref(items);
    return http_reply_json(req, 200, json_pack("{s:o}", "items", out));
}

int api_public_recon_document(HttpRequest *req)
{
    AppContext cx = api_context(req);
    long long id, doc_id;
    json_t *row;
    ZfError err;
    if (param_path_id(req, "doc", "文书编号", &doc_id) != ZF_OK || !identify(req, &cx, &id)) return 0;
    if (app_recon_document_public(&cx, id, doc_id, &row, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return api_subject_document_pdf(req, &cx, "reconsideration", id, row);
}
