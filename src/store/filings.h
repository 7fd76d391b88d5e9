/* 重大行政执法决定备案 (store side): the filings table, the cases a filing run reads (those changed
 * since its mark) and the mark itself. Every query parameterized. */
#ifndef ZF_STORE_FILINGS_H
#define ZF_STORE_FILINGS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

/* A penalty case without a filing, changed at or after the mark: its key, agency, body and
 * updated_at (NULL for rows stored before migration 009). Non-zero stops the walk. */
typedef int (*FilingCandidateFn)(const char *case_no, const char *agency, const char *body, const char *updated_at,
                                 void *ctx);
/* since NULL: every such case; else those with updated_at >= since (index cases_by_updated_at). */
int store_filing_candidates(Store *st, const char *since, FilingCandidateFn fn, void *ctx, ZfError *err);
/* The run's mark (newest updated_at seen, "" = none) and the policy text it ran under (malloc'd). */
int store_filing_scan_get(Store *st, char mark[32], char **policy, ZfError *err);
int store_filing_scan_set(Store *st, const char *mark, const char *policy, ZfError *err);

typedef struct {
    const char *case_no, *agency, *reasons, *decided_on, *served_on; /* served_on NULL = unknown */
    const char *filed_on, *due_on;
    bool late;
} FilingRow;

/* Inserts the filing (region: its agency's now); *id 0 when the case was already filed. */
int store_filing_insert(Store *st, const FilingRow *r, long long *id, ZfError *err);

typedef struct {
    const char *status; /* pending | reviewed; NULL = any */
    const char *agency, *q;
    bool late_only;
    /* data scope of the asking user (always applied) */
    const char *scope_agency, *scope_region_prefix;
    bool scope_nothing;
} FilingFilter;

/* {"items":[filing…],"total","page","size"}, newest filing first. A filing: {id, case_no, agency,
 * agency_name, region, reasons, decided_on, served_on, filed_on, due_on, late, status, result,
 * reviewer, reviewed_at, note, order_id, created_at}. */
int store_filings_list(Store *st, const FilingFilter *f, int page, int size, json_t **out, ZfError *err);
/* One filing as in the list; 404 when absent. */
int store_filing_get(Store *st, long long id, json_t **row, ZfError *err);
/* pending → reviewed with the result; 409 when it is not pending (reviewed already). */
int store_filing_review(Store *st, long long id, const char *result, const char *reviewer, const char *note,
                        long long order_id, ZfError *err);

#endif
