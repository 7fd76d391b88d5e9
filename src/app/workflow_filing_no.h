/* Allocating a case's 案件编号 at 立案 (docs/case-record.md "Numbers"): the pattern of setting
 * case_number_pattern, the agency's 简称, the year of the 立案 date and the next number of the
 * agency's filing sequence (apart from the decisions'), skipping numbers some stored case already
 * carries as any of its numbers. Call inside the BEGIN IMMEDIATE transaction that records 立案. */
#ifndef ZF_APP_WORKFLOW_FILING_NO_H
#define ZF_APP_WORKFLOW_FILING_NO_H

#include <stddef.h>

#include "store/store.h"
#include "util/date.h"

#define DEFAULT_CASE_NUMBER_PATTERN "{abbr}立〔{year}〕{seq}号"

int wf_filing_no_allocate(Store *st, const char *agency, zf_day filed_on, char *out, size_t size, ZfError *err);

#endif
