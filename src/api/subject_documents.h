/* The documents of a subject other than a case (an order, a review plan …) under
 * /api/v1/<subject path>/{id}/documents[/{doc}]: the list of every version with its download link
 * and digest, and one PDF. The subject's own app functions decide scope from what is stored. */
#ifndef ZF_API_SUBJECT_DOCUMENTS_H
#define ZF_API_SUBJECT_DOCUMENTS_H

#include "app/context.h"
#include "http/server.h"

typedef struct {
    const char *link;     /* printf pattern of one document's URL: "/api/v1/orders/%lld/documents/%lld" */
    const char *id_label; /* the path id's name in messages: "监督文书编号" */
    const char *id_key;   /* the id's key in the list's reply: "order_id" */
    const char *subject;  /* documents.subject, in the audit target: "order" */
    int (*list)(const AppContext *cx, long long id, json_t **items, ZfError *err);
    int (*get)(const AppContext *cx, long long id, long long doc_id, json_t **row, ZfError *err);
} SubjectDocuments;

int api_subject_documents_list(HttpRequest *req, const SubjectDocuments *d);
int api_subject_document_get(HttpRequest *req, const SubjectDocuments *d);
/* The PDF of a documents row the caller may read (row taken), for routes of their own shape. */
int api_subject_document_pdf(HttpRequest *req, const AppContext *cx, const char *subject_kind, long long id, json_t *row);

#endif
