/* Online case handling (store side): the workflow row of a case handled in zhifa, its
 * append-only timeline, gap-free sequence numbers and the 文号 pattern. The case facts live in
 * the exchange-v1 record (records table), written through the import path, never here. */
#ifndef ZF_STORE_WORKFLOW_H
#define ZF_STORE_WORKFLOW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "store/settings.h"
#include "store/store.h"

/* {"case_no","agency","case_type","stage","state":{},"assignees":[],"doc_no","created_by",
 *  "created_at","updated_at"}; ZF_ERR 404 when the case is not handled online. */
int store_workflow_get(Store *st, const char *case_no, json_t **row, ZfError *err);
/* Insert or update the row (fields as store_workflow_get returns them). Callers write rows through
 * app/case_log.h, which logs each in the ledger in the same savepoint. */
int store_workflow_put(Store *st, const json_t *row, ZfError *err);
/* One timeline row (time "YYYY-MM-DDTHH:MM:SSZ"); *id its id. Through app/case_log.h, as above. */
typedef struct {
    const char *case_no, *time, *user, *action, *from_stage, *to_stage, *note;
} TimelineRow;
int store_workflow_timeline_insert(Store *st, const TimelineRow *row, long long *id, ZfError *err);
/* Rows written before migration 018 wait to be logged (table "case_timeline" / "case_workflow"),
 * until store_workflow_backfill_done removes every mark. */
bool store_workflow_backfill_pending(Store *st, const char *table);
int store_workflow_backfill_done(Store *st, ZfError *err);
/* The timeline, oldest first: [{"id","time","user","action","from_stage","to_stage","note"}]. */
int store_workflow_timeline(Store *st, const char *case_no, json_t **items, ZfError *err);
/* Every workflow row (store_workflow_get's shape) by case_no, every timeline row
 * ({"id","case_no","time","user","action","from_stage","to_stage","note"}) by id, for zhifa
 * verify; rows are valid during the callback only, a non-zero return stops the walk. */
typedef int (*WorkflowRowFn)(const json_t *row, void *ctx);
int store_workflow_foreach(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err);
int store_workflow_timeline_foreach(Store *st, WorkflowRowFn fn, void *ctx, ZfError *err);
/* Rows of one agency (created_by / stage NULL = any), newest first, each with "record": the
 * case's exchange body as JSON (null when absent): {"items","total","page","size"}. */
int store_workflow_list(Store *st, const char *agency, const char *created_by, const char *stage,
                        int page, int size, json_t **out, ZfError *err);
/* Takes the next number of (agency, year) and advances it. Inside a BEGIN IMMEDIATE
 * transaction, so concurrent writers are serialised and a rollback leaves no gap. */
int store_workflow_next_seq(Store *st, const char *agency, int year, long *seq, ZfError *err);
/* *used = 1 when a stored case of the agency already carries this decision 文号 (an imported or
 * post-entered decision numbered on paper). Scans the agency's cases: call once per decision. */
int store_doc_no_used(Store *st, const char *agency, const char *doc_no, int *used, ZfError *err);

#endif
