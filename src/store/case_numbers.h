/* A case's numbers (docs/case-record.md "Numbers"): the key case_no, the 案件编号 filing_no given at
 * 立案 and the decision's 文号, each unique within the installation and each finding the case. */
#ifndef ZF_STORE_CASE_NUMBERS_H
#define ZF_STORE_CASE_NUMBERS_H

#include "store/store.h"

/* The case_no of the case whose case_no, filing_no or decision 文号 equals number exactly
 * (trimmed), tried in that order; several cases with the same filing_no or 文号 (imports made on
 * paper) answer the first by case_no. ZF_OK with case_no, or ZF_ERR 404 when no case carries it
 * (400 when number is empty or longer than 128 bytes). No data scope: the caller checks it. */
int store_case_resolve(Store *st, const char *number, char case_no[static 129], ZfError *err);
/* Takes the next 案件编号 sequence of (agency, year of 立案) and advances it; a sequence apart from
 * the decisions' 文号. Inside a BEGIN IMMEDIATE transaction: a rollback leaves no gap. */
int store_filing_next_seq(Store *st, const char *agency, int year, long *seq, ZfError *err);

#endif
