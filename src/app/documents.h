/* 执法文书 of a case (docs/documents.md): rendered from the case's data by its template
 * (data/templates/<kind>.json), sealed, stored by digest as the next version (never overwritten),
 * with a document.issue ledger event. */
#ifndef ZF_APP_DOCUMENTS_H
#define ZF_APP_DOCUMENTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "app/context.h"
#include "util/error.h"

typedef struct {
    int64_t id;
    char kind[32];
    int version;
    char digest[65];
    char doc_no[96];
} DocumentInfo;

/* What a document is issued about and by whom, and the values its template is filled from. */
typedef struct {
    const char *subject;        /* case | order | review_plan (the template's "subject") */
    const char *subject_id;     /* the case_no, or the order's / plan's id as text */
    const char *ledger_subject; /* the document.issue event's subject: the case_no, "order:<id>", … */
    const char *seal_code;      /* whose seal: an agency's code, or an issuing organ's (seal_name set) */
    const char *seal_name;      /* NULL: seal_code is an agency of the store (app_seal_pdf) */
    const json_t *vars;         /* the template's values (doc_vars_case, doc_vars_order, …) */
} DocumentSubject;

/* Issues the subject's document of `kind` as its next version (see app_document_issue_case). The
 * template's subject must be s->subject (404 otherwise). */
int app_document_issue(const AppContext *ctx, const DocumentSubject *s, const char *kind, const char *reason,
                       DocumentInfo *out, ZfError *err);

/* Every version of the subject's documents, as app_documents_of_case lists a case's. */
int app_documents_of(const AppContext *ctx, const char *subject, const char *subject_id, json_t **items, ZfError *err);

/* Issues the case's document of `kind` as its next version; reason is required from version 2 on
 * (a correction). Renders outside the write transaction, then inserts the row and its ledger event
 * in one short transaction (re-rendering if another issue took the number meanwhile). The PDF goes to
 * the store's file store (<db>.files/). The caller has checked the case is in scope. */
int app_document_issue_case(const AppContext *ctx, const char *case_no, const char *kind, const char *reason,
                            DocumentInfo *out, ZfError *err);

/* The case's documents, every version, oldest first, each with its kind's name:
 * [{id, kind, kind_name, version, doc_no, sm3, bytes, pages, reason, issued_by, issued_at, order, latest}]. */
int app_documents_of_case(const AppContext *ctx, const char *case_no, json_t **items, ZfError *err);

/* The latest version of the case's document of kind; 404 when it has none. */
int app_document_latest(const AppContext *ctx, const char *case_no, const char *kind, json_t **row, ZfError *err);

/* The documents the case's record now calls for that it has not got (a template's "auto_when"
 * field present, no version issued yet), each issued in its own transaction. Called after a
 * workflow step commits. *issued: how many. Failures are logged, never returned: the step stands. */
void app_documents_due(const AppContext *ctx, const char *case_no, int *issued);

/* The template is for a case (subject) of rec's kind ("case_kind", penalty by default). */
bool app_document_template_fits_case(const json_t *tpl, const json_t *rec);

/* The file of a stored document: its bytes read from the file store (malloc'd). */
int app_document_bytes(const AppContext *ctx, const json_t *row, unsigned char **pdf, size_t *len, ZfError *err);

/* The verify URL a document's QR code carries: <portal_base_url>/portal/verify?doc=<id>. */
void app_document_verify_url(Store *st, long long id, char *out, size_t cap);

/* The stored case record (404 案件不存在). */
int app_document_load_case(const AppContext *ctx, const char *case_no, json_t **rec, ZfError *err);

/* [{code, name, subject}] of the templates for a case of rec's kind, in stage order. */
json_t *app_document_kinds_for_case(const json_t *rec);

/* [{code, name, subject, case_kind (case documents)}] of every template, in stage order: the
 * document_kinds dictionary. */
json_t *app_document_kinds(void);

#endif
