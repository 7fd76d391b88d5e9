/* The 评查结果通报 of a review plan (docs/documents.md) under /api/v1/reviews/plans/{id}/documents:
 * the list of every version and one PDF, inline or as a download. Scope is the stored plan's
 * (review_plan_readable): its region's supervisors, and the users of an agency it sampled once
 * published; anyone else gets 404. Every read of a document is audited. */
#include "api/api.h"
#include "api/subject_documents.h"
#include "app/review_documents.h"

static const SubjectDocuments REVIEW_PLAN = {
    "/api/v1/reviews/plans/%lld/documents/%lld",
    "评查方案编号", "plan_id", "review_plan", app_review_plan_documents, app_review_plan_document};

int api_review_plan_documents_list(HttpRequest *req) { return api_subject_documents_list(req, &REVIEW_PLAN); }

int api_review_plan_document_get(HttpRequest *req) { return api_subject_document_get(req, &REVIEW_PLAN); }
