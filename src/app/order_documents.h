/* The document of a supervision order (docs/documents.md, docs/orders.md): the 督办通知书,
 * 执法监督问诊单 or 执法监督意见书 its kind calls for, issued when the order is issued — drawn from
 * the order's data, sealed with the issuing 司法行政部门's seal (行政执法监督条例 第六条) and kept
 * as documents rows of subject "order", every version, like a case's. */
#ifndef ZF_APP_ORDER_DOCUMENTS_H
#define ZF_APP_ORDER_DOCUMENTS_H

#include <jansson.h>
#include <stddef.h>

#include "app/context.h"
#include "app/documents.h"
#include "util/error.h"

/* Issues the order's document (its kind's template, "order_kind" in data/templates) as the next
 * version; reason from version 2 on. 404 when cx->user may not see the order, 409 for a draft
 * (a draft has no 文号 and is not a document yet). */
int app_order_document_issue(const AppContext *cx, long long id, const char *reason, DocumentInfo *out, ZfError *err);

/* After an order was issued (its transaction committed): its document when it has none yet.
 * Failures are logged, never returned: the act stands. */
void app_order_documents_due(const AppContext *cx, long long id);

/* The order's documents, every version (as app_documents_of lists them); 404 out of scope. */
int app_order_documents(const AppContext *cx, long long id, json_t **items, ZfError *err);

/* The stored row of document doc_id if it belongs to order id and cx->user may see the order. */
int app_order_document(const AppContext *cx, long long id, long long doc_id, json_t **row, ZfError *err);

#endif
