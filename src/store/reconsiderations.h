/* 行政复议 (store side, docs/reconsideration.md): the reconsideration rows, their append-only
 * timeline, gap-free 复议案号, lists and statistics. Rows are JSON objects with the columns of
 * migration 067 and `body` parsed; app/reconsideration_log.c writes them with their ledger events —
 * the only writer. */
#ifndef ZF_STORE_RECONSIDERATIONS_H
#define ZF_STORE_RECONSIDERATIONS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

/* {id, case_no, region, respondent, status, procedure, channel, received_on, accepted_on, decided_on,
 *  outcome, reject_reason, linked_case_no, body:{…}, created_by, created_at, updated_at,
 *  respondent_name, respondent_region}; ZF_ERR 404 when absent. */
int store_recon_get(Store *st, long long id, json_t **row, ZfError *err);
/* Inserts the row when it has no id (setting it), else updates the mutable columns and body.
 * respondent_name/respondent_region are not stored. */
int store_recon_put(Store *st, json_t *row, ZfError *err);

typedef struct {
    long long recon_id;
    const char *time, *on, *user, *action, *from_status, *to_status, *note;
} ReconTimelineRow;
int store_recon_timeline_add(Store *st, const ReconTimelineRow *row, long long *id, ZfError *err);
/* Oldest first: [{id, reconsideration_id, time, on, user, action, from_status, to_status, note}]. */
int store_recon_timeline(Store *st, long long recon_id, json_t **items, ZfError *err);

typedef enum { RECON_TABLE_ROWS, RECON_TABLE_TIMELINE } ReconTable;
/* Every row of the table by id, as its events log it (zhifa verify). */
typedef int (*ReconRowFn)(const json_t *row, void *ctx);
int store_recon_foreach(Store *st, ReconTable t, ReconRowFn fn, void *ctx, ZfError *err);

/* Takes the next 复议案号 number of (region, year); inside the registering write transaction. */
int store_recon_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err);
/* Takes the next 文书 文号 number of (region, year), a sequence apart from the 复议案号 (migration
 * 083); inside the step's write transaction, so a rollback leaves no gap. */
int store_recon_doc_next_seq(Store *st, const char *region, int year, long *seq, ZfError *err);

typedef struct {
    const char *status, *respondent, *q;
    const char *received_from, *received_to; /* YYYY-MM-DD inclusive */
    bool accepted_only;                      /* the respondent's view: from acceptance on */
    /* data scope of the asking user, by the respondent agency's stored region (always applied) */
    const char *scope_agency, *scope_region_prefix;
    bool scope_nothing;
} ReconFilter;
/* Rows as store_recon_get's, newest first: {"items","total","page","size"}. */
int store_recons_list(Store *st, const ReconFilter *f, int page, int size, json_t **out, ZfError *err);
/* Per respondent: {items:[{respondent, respondent_name, received, accepted, rejected, decided, corrected,
 * avg_days}], reject_reasons:[{reason, count}], outcomes:[{outcome, count}], totals:{…}}. */
int store_recons_stats(Store *st, const ReconFilter *f, json_t **out, ZfError *err);

#endif
