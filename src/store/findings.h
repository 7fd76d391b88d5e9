/* Findings over time, sweeps, and the versioned rule configuration (store side).
 * Every query is parameterized; filters are appended as fixed SQL fragments with bound values. */
#ifndef ZF_STORE_FINDINGS_H
#define ZF_STORE_FINDINGS_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

typedef struct {
    const char *rule, *severity, *subject_type, *subject, *agency, *law;
    const char *due_on; /* NULL when none */
    const char *message;
} FindingRecord;

typedef struct {
    long long sweep_id, findings, new_count, resolved;
} FindingSyncStats;

/* Replaces the open set by `rows` (a complete sweep): new rows open, found rows refresh,
 * missing rows resolve. One transaction; clears the dirty flag. */
int store_findings_sync(Store *st, const FindingRecord *rows, size_t n, int config_version,
                        const char *as_of, long long subjects, FindingSyncStats *stats, ZfError *err);

/* The same for a few cases only: their findings under every rule except those in `except_rule` (comma-separated: rules
 * that need other cases to decide) are replaced by `rows`. Leaves the dirty flag alone. */
int store_findings_sync_cases(Store *st, const FindingRecord *rows, size_t n, int config_version,
                              const char *as_of, const char *const *case_nos, size_t n_cases,
                              const char *except_rule, FindingSyncStats *stats, ZfError *err);

typedef struct {
    const char *status;        /* "open" (default), "resolved", "new" (opened in 24 h), "all" */
    const char *severity, *rule, *agency, *sector, *q;
    const char *region_prefix; /* GB/T 2260 code with trailing "00" pairs stripped */
    const char *subject_type, *subject;
    int min_age_days;          /* 0 = any */
    /* data scope of the asking user (always applied, unlike the filters above) */
    const char *scope_agency, *scope_region_prefix;
    bool scope_nothing;        /* the user may see no agency at all */
} FindingFilter;

/* {"items":[…],"total":n,"page":p,"size":s} */
int store_findings_list(Store *st, const FindingFilter *f, int page, int size, json_t **out, ZfError *err);
/* {"items":[{agency, agency_name, region, sector, violations, warnings}], "total": n} */
int store_findings_summary(Store *st, const FindingFilter *f, json_t **out, ZfError *err);

/* The stored body of one record by key; ZF_ERR with status 404 when absent. *body malloc'd. */
int store_record_get(Store *st, RecordType type, const char *key, char **body, ZfError *err);

/* Newest rule configuration: version 0 and "[]" when never saved. *overrides malloc'd. */
int store_rule_config_latest(Store *st, int *version, char **overrides, ZfError *err);
int store_rule_config_save(Store *st, const char *overrides, const char *by, int *version, ZfError *err);

int store_mark_dirty(Store *st, ZfError *err);
/* 1 dirty, 0 clean, -1 error */
int store_is_dirty(Store *st);

#endif
