/* 执法文书 (store side, docs/documents.md): the documents table of migration 046, one row per
 * issued version, never updated. app/documents.c is the only writer. Every query parameterized. */
#ifndef ZF_STORE_DOCUMENTS_H
#define ZF_STORE_DOCUMENTS_H

#include <jansson.h>

#include "store/store.h"

typedef struct {
    const char *subject, *subject_id, *kind, *doc_no, *sm3, *reason, *issued_by, *issued_at;
    const char *sealed_agency, *cert_serial;
    long long id, bytes, ledger_seq; /* id: as reserved by store_document_next */
    int version, pages;
} DocumentRow;

/* The path the store was opened with (it names the file store, util/paths.h). */
const char *store_db_path(Store *st);

/* What the next issue of (subject, subject_id, kind) takes: the next free row id and version. */
int store_document_next(Store *st, const char *subject, const char *subject_id, const char *kind, long long *id,
                        int *version, ZfError *err);
/* Inserts the row under r->id (409 when that id or version was taken meanwhile). */
int store_document_insert(Store *st, const DocumentRow *r, ZfError *err);
/* Every version of the subject's documents, oldest first: [{id, subject, subject_id, kind, version,
 * doc_no, sm3, bytes, pages, reason, issued_by, issued_at, sealed_agency, cert_serial, ledger_seq}]. */
int store_documents_of(Store *st, const char *subject, const char *subject_id, json_t **items, ZfError *err);
/* Every row as its document.issue event holds it — {id, subject, subject_id, kind, version, doc_no,
 * sm3, bytes, pages, issued_by, issued_at, reason} — in id order, for zhifa verify. */
typedef int (*DocumentRowFn)(const json_t *row, void *ctx);
int store_documents_foreach(Store *st, DocumentRowFn fn, void *ctx, ZfError *err);
/* One row as in the list; 404 when absent. */
int store_document_get(Store *st, long long id, json_t **row, ZfError *err);

#endif
