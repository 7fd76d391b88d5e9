/* 统计分析 (store side, docs/analytics.md): reads of the rollup tables of migration 050 and of the
 * few live counts that depend on today (orders overdue, certificates expiring), and the rebuild of
 * every rollup from its base table. The triggers of migration 050 keep the rollups; nothing here
 * writes them but the rebuild. Rows are JSON objects built by SQLite. */
#ifndef ZF_STORE_STATS_H
#define ZF_STORE_STATS_H

#include <jansson.h>

#include "store/store.h"

typedef struct {
    const char *scope_agency;  /* one agency, or NULL */
    const char *region_prefix; /* GB/T 2260 prefix (the narrower of the caller's scope and his filter), or NULL */
    const char *from, *to;     /* months YYYY-MM, inclusive */
    const char *today;         /* YYYY-MM-DD: orders overdue before it, certificates expiring after it */
} StatsFilter;

typedef enum {
    /* one object {cases, decided, closed, fines_fen, findings_open, orders_overdue, agencies} */
    STATS_TOTALS,
    /* [{month, filed, decided, closed, fines_fen}] for the months that have any */
    STATS_TREND,
    /* every agency in scope: [{agency, name, region, sector, filed, decided, closed, fines_fen, ordinary_decided,
     * decided_in_limit, findings_open, findings_new, p10_new, orders_overdue, orders_issued, orders_on_time,
     * review_files, review_score_cp}], the counts over from..to (findings_open and orders_overdue: now) */
    STATS_BY_AGENCY,
    /* the rankings' counts, one read of the months from..to (from = to − 12) for every agency in scope:
     * [{agency, name, region, filed, findings_new, ordinary_decided, decided_in_limit, p10_new,
     * orders_issued, orders_on_time} of the month `to`, the same with "prev_" of the month before,
     * review_files, review_score_cp of the 12 months ending with `to`, prev_review_* of the 12 ending
     * with the month before] by region, agency */
    STATS_RANKING_MONTHS,
    /* [{rule, severity, open, new}] (new: first seen in from..to) */
    STATS_BY_RULE,
    /* agencies holding a penalty power: [{agency, name, region, powers, penalties, last_decided_on}];
     * penalties = penalty decisions in from..to; last_decided_on the latest up to the end of `to` */
    STATS_PENALTY_HOLDERS,
    /* every agency in scope for the month `from`: [{agency, name, region, on_time, late, submitted_at}] */
    STATS_REPORTING,
    /* running orders past due_on: [{id, kind, doc_no, agency, agency_name, due_on}] (the 20 most overdue) */
    STATS_ORDERS_OVERDUE,
    /* active officers whose certificate ends within 30 days of today: [{cert_no, name, agency,
     * agency_name, cert_valid_to}] (the 50 nearest) */
    STATS_CERT_EXPIRY,
} StatsKind;

int store_stats(Store *st, StatsKind kind, const StatsFilter *f, json_t **out, ZfError *err);
/* Empties every rollup table and recomputes it from the base tables, in one transaction. */
int store_rollup_rebuild(Store *st, ZfError *err);

#endif
