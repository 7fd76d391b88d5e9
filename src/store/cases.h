/* 案件查询 (store side): the cases in a data scope, filtered and sorted, with their open findings.
 * Filters are bound values; the sort is one of a fixed set of columns. */
#ifndef ZF_STORE_CASES_H
#define ZF_STORE_CASES_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

typedef struct {
    const char *agency, *region_prefix, *sector, *kind, *procedure;
    const char *status;                      /* "open" | "decided" | "closed" | NULL */
    const char *filed_from, *filed_to;       /* YYYY-MM-DD, inclusive */
    const char *decided_from, *decided_to;
    long long fine_min_fen, fine_max_fen;    /* -1 = no bound */
    const char *has_findings;                /* "1" | "0" | NULL */
    const char *severity;                    /* cases with an open finding of it */
    const char *q;                           /* case number, 案件编号, 文号 or party name contains */
    const char *q_number;                    /* case number, 案件编号 or 文号 contains (no party names: observers) */
    const char *case_no;                     /* exactly this case (q resolved to one of its numbers) */
    const char *sort;                        /* "filed_on" (default) | "decided_on" | "case_no" | "fine" */
    bool ascending;
    /* data scope of the asking user (always applied) */
    const char *scope_agency, *scope_region_prefix;
    bool scope_nothing;
} CaseFilter;

/* One case of a list or an export, as its fields are stored (codes, not names); the strings
 * borrow from the store until the row callback returns. NULL = absent. */
typedef struct {
    const char *case_no, *agency, *agency_name, *region, *kind, *procedure, *party_name;
    const char *filed_on, *decided_on, *closed_on, *doc_no, *filing_no;
    const char *status;         /* "open" | "decided" | "closed" */
    bool has_fine;
    double fine;                /* yuan */
    bool online;                /* handled in the online workflow */
    long long open_findings;
    const char *worst_severity; /* of the open findings, NULL when none */
} CaseRow;

/* Non-zero stops the iteration. */
typedef int (*CaseRowFn)(const CaseRow *row, void *ctx);

/* {"items":[{case_no, agency, agency_name, region, kind, procedure, party_name, filed_on, decided_on,
 *  closed_on, fine, doc_no, filing_no, status, online, open_findings, worst_severity}], "total", "page", "size"} */
int store_cases_list(Store *st, const CaseFilter *f, int page, int size, json_t **out, ZfError *err);
/* The same page as rows to fn, in the list's order, and *total as store_cases_list counts it:
 * the list writes its reply from the rows as text, never as 50 JSON objects built and freed. */
int store_cases_page(Store *st, const CaseFilter *f, int page, int size, CaseRowFn fn, void *ctx, long long *total,
                     ZfError *err);
/* Every case the filter selects, in its sort, one row at a time to fn (the export: nothing is
 * collected). Call it inside store_begin_read for one snapshot. */
int store_cases_foreach(Store *st, const CaseFilter *f, CaseRowFn fn, void *ctx, ZfError *err);
/* How many cases the filter selects and the sum of their fines in fen (the 工作台's counts, read in
 * one query, no rows). */
int store_cases_totals(Store *st, const CaseFilter *f, long long *count, long long *fine_fen, ZfError *err);

#endif
