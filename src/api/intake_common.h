/* Shared by the intake handlers (imports.c, case_entry.c, monthly.c): the data-scope test of
 * a record's agency (the re-check after a write is jobs/sweep.h changed_note/changed_recheck). */
#ifndef ZF_API_INTAKE_COMMON_H
#define ZF_API_INTAKE_COMMON_H

#include <stdbool.h>

#include "http/request.h"

#define INTAKE_OUT_OF_SCOPE "记录所属执法主体不在本账号的数据范围内"

/* May the caller write records of this agency? The agency's stored region decides for a
 * region-bound user (an unknown agency is outside every region but the whole country). */
bool intake_agency_in_scope(HttpRequest *req, const char *agency);

#endif
