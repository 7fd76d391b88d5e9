/* 行政复议 (docs/reconsideration.md), the use cases: an application registered (by staff or from
 * the portal), each step on it, a record read with its deadlines and timeline, lists and
 * statistics. Each write is one transaction: the row, a timeline row and their ledger events
 * (app/reconsideration_log.c); the audit line is the caller's. Rules: domain/recon_*.c. */
#ifndef ZF_APP_RECONSIDERATION_H
#define ZF_APP_RECONSIDERATION_H

#include <jansson.h>

#include "app/context.h"
#include "domain/recon_flow.h"
#include "store/reconsiderations.h"

/* The application as POST /reconsiderations takes it: {"applicant":{"kind","name","id_no","phone"?},
 * "representative"?, "respondent", "act":{"case_no"?,"doc_no"?,"decided_on","known_on","title"?},
 * "request", "facts", "compensation"?, "incidental"?:{"doc_no"?,"title"?,"reason"}, "hearing_wanted"?,
 * "received_on", "procedure", "channel"? (counter|letter|post|portal), "materials"?: [names]}. */
int app_recon_create(const AppContext *cx, const json_t *application, json_t **record, ZfError *err);

/* One step {"action","on",…} on reconsideration `id` by cx->user; *record as GET shows it.
 * 404 out of scope, 403 the other side's step, 409 the status, 422 where the law refuses. */
int app_recon_act(const AppContext *cx, long long id, const json_t *body, json_t **record, ZfError *err);

/* The record with deadlines and timeline; 404 when cx->user may not see it. */
int app_recon_get(const AppContext *cx, long long id, json_t **record, ZfError *err);
/* {"items","total","page","size"}: items with deadlines, without timeline. */
int app_recons_list(const AppContext *cx, ReconFilter *f, int page, int size, json_t **out, ZfError *err);
int app_recons_stats(const AppContext *cx, ReconFilter *f, json_t **out, ZfError *err);

/* The portal (reconsideration_portal.c), cx->user NULL; addr and now (unix seconds) for the abuse
 * limits of the portal's complaints. Apply: the application with applicant.phone and
 * "challenge":{"id","nonce"}; received today, channel portal → {case_no, received_on, review_due_on}.
 * Track: by 复议案号 with the applicant's ID number and phone → {case_no, status, status_name,
 * respondent_name, received_on, deadlines, steps:[{on, name}], correction_items?, decision?:{on,
 * outcome_name, reason}, reject_reason_name?}; 404 (a counted miss) when any of the three differs. */
int app_recon_apply_public(const AppContext *cx, const json_t *in, const char *addr, long long now, json_t **out,
                           ZfError *err);
int app_recon_track_public(const AppContext *cx, const char *case_no, const char *id_no, const char *phone,
                           const char *addr, long long now, json_t **out, ZfError *err);

/* Files (reconsideration_files.c), already in the file store under sm3: purpose evidence (the
 * respondent, from the copy until the decision) or material (the organ, until closed). Check before
 * the upload is adopted, attach after: *out {id, purpose, name, media_type, size, sm3, uploaded_by,
 * uploaded_at}, kept in body.attachments; 403 the other side, 409 the status, 404 out of scope. */
typedef struct {
    const char *purpose, *name, *media_type, *sm3;
    long long size;
} ReconFile;
int app_recon_attach_check(const AppContext *cx, long long id, const char *purpose, ZfError *err);
int app_recon_attach(const AppContext *cx, long long id, const ReconFile *f, json_t **out, ZfError *err);
/* The attachment aid of a visible reconsideration; 404 otherwise. */
int app_recon_attachment(const AppContext *cx, long long id, long long aid, json_t **out, ZfError *err);

/* The record's view: names, deadlines {apply_due_on, review_due_on, copy_due_on, answer_due_on,
 * decision_due_on}, the next deadline and its colour as of cx->today (reconsideration_view.c). */
json_t *recon_view(const AppContext *cx, const json_t *row);
/* The record just written by cx->user, read without the scope check (the one who wrote it reads
 * it back, whatever its status), with the steps he may take next. */
int recon_get_written(const AppContext *cx, long long id, json_t **record, ZfError *err);
/* Whether cx->user's side (role and scope as stored) takes step def on the row. */
bool recon_may_take(const AppContext *cx, const json_t *row, const ReconActionDef *def);
/* Whether cx->user may see the row (scope by the respondent as stored). */
bool recon_visible(const AppContext *cx, const json_t *row);

#endif
