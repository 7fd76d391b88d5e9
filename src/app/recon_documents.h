/* The 文书 of 行政复议 (docs/reconsideration.md "文书"): 受理通知书, 补正通知书, 不予受理决定书,
 * 提出答复通知书, 延期审理通知书, 中止/恢复审理通知书, 行政复议决定书, 调解书, 意见书 — each
 * called for by its step, numbered inside the step's transaction from the organ's own gap-free
 * sequence (recon_doc_number_pattern), rendered from data/templates/recon_*.json after the step
 * commits, sealed by the 复议机构 (the region's 司法局, seal SFJ-<region>) and kept as documents rows
 * of subject "reconsideration". */
#ifndef ZF_APP_RECON_DOCUMENTS_H
#define ZF_APP_RECON_DOCUMENTS_H

#include <jansson.h>

#include "app/context.h"
#include "app/documents.h"
#include "util/error.h"

/* Inside the step's write transaction, after the step changed the row: when `action` calls for a
 * document (the template whose "recon_action" is it), takes its 文号 and appends {kind, doc_no, on,
 * detail, deadlines} to body.documents. A second document of a kind (a second 中止) is its next
 * version. */
int recon_documents_call_for(const AppContext *cx, json_t *row, const char *action, const char *on, ZfError *err);

/* After the step committed: every document body.documents calls for that is not issued yet.
 * Failures are logged, never returned: the step stands. */
void app_recon_documents_due(const AppContext *cx, long long id);

/* The documents of reconsideration id that cx->user may read, every version: the organ's staff
 * all of them, the respondent agency those addressed to it (the template's "to_respondent");
 * 404 out of scope. */
int app_recon_documents(const AppContext *cx, long long id, json_t **items, ZfError *err);
/* The stored row of document doc_id if it belongs to reconsideration id and cx->user may read it. */
int app_recon_document(const AppContext *cx, long long id, long long doc_id, json_t **row, ZfError *err);

/* The applicant on the portal, after the track's identity check (case number, ID number, phone):
 * the documents addressed to him (not "to_respondent"), and one of them. */
/* The track's identity check (app_recon_track_public: a miss counts) → the reconsideration's id. */
int app_recon_track_identify(const AppContext *cx, const char *case_no, const char *id_no, const char *phone,
                             const char *addr, long long now, long long *id, ZfError *err);
int app_recon_documents_public(const AppContext *cx, long long id, json_t **items, ZfError *err);
int app_recon_document_public(const AppContext *cx, long long id, long long doc_id, json_t **row, ZfError *err);

#endif
