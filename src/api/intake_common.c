/* Scope and re-check helpers of the intake handlers (see intake_common.h). */
#include "api/intake_common.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "app/import.h"
#include "store/elements.h"
#include "store/identity.h"
#include "store/standing.h"

#define REFERENCE_DATA_BY_SUPERVISORS "权责清单和裁量基准由监督部门导入，本账号不能导入"
#define POWER_OUT_OF_SCOPE "权责事项的实施主体均不在本账号的数据范围内"

bool intake_agency_in_scope(HttpRequest *req, const char *agency)
{
    char region[7];
    if (!agency) return false;
    store_agency_region(req->store, agency, region);
    return scope_allows(&req->scope, agency, region);
}

/* Where the line would put the record. */
static const char *new_version_refusal(HttpRequest *req, const StoredRecord *rec, const char *agency,
                                       const char *prefix)
{
    const RecordKeys *k = &rec->keys;
    switch (k->type) {
    case REC_AGENCY: return scope_allows(&req->scope, k->key, k->cols[1] ? k->cols[1] : "") ? NULL : INTAKE_OUT_OF_SCOPE;
    case REC_OFFICER: return intake_agency_in_scope(req, k->cols[1]) ? NULL : INTAKE_OUT_OF_SCOPE;
    case REC_CASE: return intake_agency_in_scope(req, k->cols[0]) ? NULL : INTAKE_OUT_OF_SCOPE;
    case REC_MONTHLY_REPORT: return intake_agency_in_scope(req, k->key) ? NULL : INTAKE_OUT_OF_SCOPE;
    case REC_POWER:
        if (req->scope.kind != SCOPE_REGION) return REFERENCE_DATA_BY_SUPERVISORS;
        if (!agency && !prefix) return NULL;
        {
            char *text = strndup(rec->body, rec->body_len);
            bool in = text && store_power_in_scope(req->store, text, agency, prefix);
            free(text);
            return in ? NULL : POWER_OUT_OF_SCOPE;
        }
    default: return req->scope.kind == SCOPE_REGION ? NULL : REFERENCE_DATA_BY_SUPERVISORS;
    }
}

const char *intake_write_refusal(HttpRequest *req, const StoredRecord *rec)
{
    const char *agency, *prefix;
    if (!api_scope_filter(req, &agency, &prefix)) return INTAKE_OUT_OF_SCOPE;
    const char *refused = new_version_refusal(req, rec, agency, prefix);
    if (refused) return refused;
    StoredStanding standing;
    ZfError err;
    if (store_record_standing(req->store, rec, agency, prefix, &standing, &err) != ZF_OK)
        return IMPORT_ACCEPT_STORE_FAILED;
    switch (standing) {
    case STORED_OUT_OF_SCOPE: return rec->keys.type == REC_BENCHMARK ? POWER_OUT_OF_SCOPE : INTAKE_OUT_OF_SCOPE;
    case STORED_ONLINE_CASE: return INTAKE_ONLINE_CASE;
    case STORED_NONE: /* a benchmark belongs to a power the uploader holds */
        return rec->keys.type == REC_BENCHMARK && (agency || prefix) ? POWER_OUT_OF_SCOPE : NULL;
    case STORED_IN_SCOPE: return NULL;
    }
    return INTAKE_OUT_OF_SCOPE;
}

bool intake_is_jsonl_type(const char *ct)
{
    static const char *const ok[] = {"application/x-ndjson", "application/jsonl", "application/json-lines",
                                     "text/plain", NULL};
    if (!ct) return true; /* curl --data-binary without -H: accept, the lines say what they are */
    for (int i = 0; ok[i]; i++)
        if (strncasecmp(ct, ok[i], strlen(ok[i])) == 0) return true;
    return false;
}
