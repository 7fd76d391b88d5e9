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
    const char *q;                           /* case number, 文号 or party name contains */
    const char *sort;                        /* "filed_on" (default) | "decided_on" | "case_no" | "fine" */
    bool ascending;
    /* data scope of the asking user (always applied) */
    const char *scope_agency, *scope_region_prefix;
    bool scope_nothing;
} CaseFilter;

/* {"items":[{case_no, agency, agency_name, region, kind, procedure, party_name, filed_on, decided_on,
 *  closed_on, fine, doc_no, status, online, open_findings, worst_severity}], "total", "page", "size"} */
int store_cases_list(Store *st, const CaseFilter *f, int page, int size, json_t **out, ZfError *err);

#endif
