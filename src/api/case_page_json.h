/* 案件查询's page written as JSON text straight from the stored rows: the same bytes json_dumps
 * gave for the objects store_cases_list builds (JSON_COMPACT, keys in that order), without building
 * and freeing 50 objects of 17 members per request (two thirds of a list's CPU, docs/scale.md). */
#ifndef ZF_API_CASE_PAGE_JSON_H
#define ZF_API_CASE_PAGE_JSON_H

#include "store/cases.h"

/* {"items":[…],"total":n,"page":p,"size":s} of the filter's page; a malloc'd text in *text. */
int case_page_json(Store *st, const CaseFilter *f, int page, int size, char **text, ZfError *err);

#endif
