/* See subject_documents.h. Every read of a document is audited as document_read of
 * "<subject>:<id>". */
#include "api/subject_documents.h"

#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "app/documents.h"
#include "http/auth.h"
#include "http/response.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void add_links(const SubjectDocuments *sd, long long id, json_t *items)
{
    json_t *d;
    size_t i;
    char url[200];
    json_array_foreach(items, i, d) {
        snprintf(url, sizeof url, sd->link, id, json_integer_value(json_object_get(d, "id")));
        json_object_set_new(d, "download", json_string(url));
        json_object_set_new(d, "digest", json_string(str(d, "sm3")));
    }
}

int api_subject_documents_list(HttpRequest *req, const SubjectDocuments *sd)
{
    AppContext cx = api_context(req);
    long long id;
    json_t *items;
    ZfError err;
    if (param_path_id(req, "id", sd->id_label, &id) != ZF_OK) return 0;
    if (sd->list(&cx, id, &items, &err) != ZF_OK) return http_reply_zferror(req, &err);
    add_links(sd, id, items);
    return http_reply_json(req, 200, json_pack("{s:I, s:o}", sd->id_key, (json_int_t)id, "items", items));
}

/* Replies with the PDF of a stored documents row (taken: freed here), named by its 文号 and
 * version, one document_read audit line on subject:id. */
int api_subject_document_pdf(HttpRequest *req, const AppContext *cx, const char *subject_kind, long long id, json_t *row)
{
    unsigned char *pdf;
    size_t len;
    ZfError err;
    char name[200], subject[48];
    snprintf(name, sizeof name, "%s-v%lld.pdf", str(row, "doc_no") && *str(row, "doc_no") ? str(row, "doc_no") : str(row, "kind"),
             json_integer_value(json_object_get(row, "version")));
    snprintf(subject, sizeof subject, "%s:%lld", subject_kind, id);
    int rc = app_document_bytes(cx, row, &pdf, &len, &err);
    json_decref(row);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return api_reply_pdf(req, pdf, len, name, "document_read", subject);
}

int api_subject_document_get(HttpRequest *req, const SubjectDocuments *sd)
{
    AppContext cx = api_context(req);
    long long id, doc_id;
    json_t *row;
    ZfError err;
    if (param_path_id(req, "id", sd->id_label, &id) != ZF_OK || param_path_id(req, "doc", "文书编号", &doc_id) != ZF_OK)
        return 0;
    if (sd->get(&cx, id, doc_id, &row, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return api_subject_document_pdf(req, &cx, sd->subject, id, row);
}
