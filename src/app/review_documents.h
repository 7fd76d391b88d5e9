/* The 评查结果通报 of a case review plan (docs/documents.md, docs/reviews.md): issued when the plan's
 * results are published — the files reviewed with their scores, grades and the problems found, by
 * agency — by the 司法行政部门 of the plan's region under its seal, kept as documents rows of
 * subject "review_plan", every version. */
#ifndef ZF_APP_REVIEW_DOCUMENTS_H
#define ZF_APP_REVIEW_DOCUMENTS_H

#include <jansson.h>

#include "app/context.h"
#include "app/documents.h"
#include "util/error.h"

/* Issues the plan's 通报 as its next version (reason from version 2 on). cx->user manages the plan
 * (404 otherwise); 409 before the results are published. */
int app_review_bulletin_issue(const AppContext *cx, long long plan_id, const char *reason, DocumentInfo *out,
                              ZfError *err);

/* After the results were published (the transaction committed): the 通报 when the plan has none.
 * Failures are logged, never returned: the publication stands. */
void app_review_documents_due(const AppContext *cx, long long plan_id);

/* The plan's documents, every version; 404 when cx->user may not read the plan. */
int app_review_plan_documents(const AppContext *cx, long long plan_id, json_t **items, ZfError *err);

/* The stored row of document doc_id if it belongs to the plan and cx->user may read the plan. */
int app_review_plan_document(const AppContext *cx, long long plan_id, long long doc_id, json_t **row, ZfError *err);

#endif
