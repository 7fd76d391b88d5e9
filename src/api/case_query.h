/* The parameters of 案件查询, shared by the list (case_query.c) and its export (case_export.c):
 * the same filters, sort and data scope, validated once. */
#ifndef ZF_API_CASE_QUERY_H
#define ZF_API_CASE_QUERY_H

#include "http/request.h"
#include "store/cases.h"

/* Fills f from the query string and the request's data scope (f's strings borrow from req and
 * from prefix). ZF_ERR after replying 400 naming the parameter. */
int case_query_parse(HttpRequest *req, CaseFilter *f, char prefix[7]);

#endif
