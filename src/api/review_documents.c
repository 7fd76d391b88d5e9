/* The 评查结果通报 of a review plan (docs/documents.md) under /api/v1/reviews/plans/{id}/documents:
 * the list of every version and one PDF, inline or as a download. Scope is the stored plan's
 * (review_plan_readable): its region's supervisors, and the users of an agency it sampled once
 * published; anyone else gets 404. Every read of a document is audited. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "app/review_documents.h"
#include "http/auth.h"
#include "http/response.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void add_links(long long id, json_t *items)
{
    json_t *d;
    size_t i;
    char url[200];
    json_array_foreach(items, i, d) {
        snprintf(url, sizeof url, "/api/v1/reviews/plans/%lld/documents/%lld", id, json_integer_value(json_object_get(d, "id")));
        json_object_set_new(d, "download", json_string(url));
        json_object_set_new(d, "digest", json_string(str(d, "sm3")));
    }
}

int api_review_plan_documents_list(HttpRequest *req)
{
    AppContext cx = api_context(req);
    long long id;
    json_t *items;
    ZfError err;
    if (param_path_id(req, "id", "评查方案编号", &id) != ZF_OK) return 0;
    if (app_review_plan_documents(&cx, id, &items, &err) != ZF_OK) return http_reply_zferror(req, &err);
    add_links(id, items);
    return http_reply_json(req, 200, json_pack("{s:I, s:o}", "plan_id", (json_int_t)id, "items", items));
}

int api_review_plan_document_get(HttpRequest *req)
{
    AppContext cx = api_context(req);
    long long id, doc_id;
    json_t *row;
    unsigned char *pdf;
    size_t len;
    ZfError err;
    char name[200], subject[48];
    if (param_path_id(req, "id", "评查方案编号", &id) != ZF_OK || param_path_id(req, "doc", "文书编号", &doc_id) != ZF_OK)
        return 0;
    if (app_review_plan_document(&cx, id, doc_id, &row, &err) != ZF_OK) return http_reply_zferror(req, &err);
    snprintf(name, sizeof name, "%s-v%lld.pdf", str(row, "doc_no") && *str(row, "doc_no") ? str(row, "doc_no") : str(row, "kind"),
             json_integer_value(json_object_get(row, "version")));
    snprintf(subject, sizeof subject, "review_plan:%lld", id);
    int rc = app_document_bytes(&cx, row, &pdf, &len, &err);
    json_decref(row);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return api_reply_pdf(req, pdf, len, name, "document_read", subject);
}
