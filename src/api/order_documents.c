/* The document of a supervision order (docs/documents.md) under /api/v1/orders/{id}/documents: the
 * list of every version and one PDF, inline or as a download. Scope is the stored order's
 * (app_order_load_visible): the supervisors of its region and above, and the addressee agency's
 * users once it was issued; anyone else gets 404. Every read of a document is audited. */
#include "api/api.h"
#include "api/subject_documents.h"
#include "app/order_documents.h"

static const SubjectDocuments ORDER = {
    "/api/v1/orders/%lld/documents/%lld",
    "监督文书编号", "order_id", "order", app_order_documents, app_order_document};

int api_order_documents_list(HttpRequest *req) { return api_subject_documents_list(req, &ORDER); }

int api_order_document_get(HttpRequest *req) { return api_subject_document_get(req, &ORDER); }
