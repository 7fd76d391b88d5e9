/* Shared by the intake handlers (imports.c, case_entry.c, monthly.c): the data-scope test of
 * a record's agency and of what is already stored under its key (the re-check after a write is
 * jobs/sweep.h changed_note/changed_recheck). */
#ifndef ZF_API_INTAKE_COMMON_H
#define ZF_API_INTAKE_COMMON_H

#include <stdbool.h>

#include "http/request.h"
#include "store/store.h"

#define INTAKE_OUT_OF_SCOPE "记录所属执法主体不在本账号的数据范围内"
#define INTAKE_ONLINE_CASE "该案件为网上办理案件，案件记录由办案流程生成，不能通过导入或事后录入修改"

/* May the caller write records of this agency? The agency's stored region decides for a
 * region-bound user (an unknown agency is outside every region but the whole country). */
bool intake_agency_in_scope(HttpRequest *req, const char *agency);

/* NULL when the caller may write this record both as it is stored now and as the record would
 * leave it; else the Chinese reason. Powers and benchmarks are the region's shared reference
 * data: only region users write them, and only those held by an agency in their region. */
const char *intake_write_refusal(HttpRequest *req, const StoredRecord *rec);

/* A Content-Type JSON Lines may come as (application/x-ndjson, …/jsonl, text/plain), or none:
 * the upload of exchange-v1 files and the 12345 hotline's batches. */
bool intake_is_jsonl_type(const char *ct);

#endif
