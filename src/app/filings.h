/* 重大行政执法决定备案 (issue 14), the use cases: file every major decision with the supervising
 * 司法局 (automatically: after imports, entries and daily from the sweep; at once from the online
 * decision step), show one filing, and the supervisor's review (无异议 / 提出意见 → an order).
 * Each filing and each review writes its row, an audit line and a ledger event together. */
#ifndef ZF_APP_FILINGS_H
#define ZF_APP_FILINGS_H

#include <jansson.h>

#include "app/context.h"

typedef struct {
    long long examined, filed, late; /* cases read, filings made, of which filed late */
} FilingSyncSummary;

/* Files every decided penalty case that is major under the setting `major_filing_policy` and has
 * no filing yet, dated cx->today (late when after its due day). Reads only the cases changed
 * since the last run (all of them again after the policy changed). Own transaction; idempotent. */
int app_filings_sync(const AppContext *cx, FilingSyncSummary *sum, ZfError *err);
/* The same for one case record inside a write transaction the caller holds (the online step
 * that decides it): filed now when it is major; nothing when it is not, or already filed. */
int app_filing_case_in(const AppContext *cx, const json_t *rec, ZfError *err);

/* The filing as GET /filings/{id} shows it; 404 when cx->user may not see its agency. */
int app_filing_get(const AppContext *cx, long long id, json_t **filing, ZfError *err);

typedef struct {
    const char *result; /* no_objection | opinion */
    const char *note;   /* 审查意见, ≤ 1000 bytes */
    /* opinion: the 执法监督意见书 it opens (app/orders.h) */
    const char *problem, *measures;
    const json_t *basis; /* [{"law","article"}] */
    int deadline_wd;     /* 0 = the kind's default */
} FilingReviewInput;

/* The supervisor's review of a pending filing in one transaction: 400 bad input, 404 out of
 * scope, 409 reviewed already; an opinion opens an order through app_order_create_in (its
 * refusal refuses the review). ZF_OK with *filing as stored after. */
int app_filing_review(const AppContext *cx, long long id, const FilingReviewInput *in, json_t **filing, ZfError *err);

#endif
