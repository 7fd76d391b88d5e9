/* Scope and re-check helpers of the intake handlers (see intake_common.h). */
#include "api/intake_common.h"

#include <stdlib.h>
#include <string.h>

#include "jobs/sweep.h"
#include "store/findings.h"
#include "store/identity.h"

bool intake_agency_in_scope(HttpRequest *req, const char *agency)
{
    char region[7];
    if (!agency) return false;
    store_agency_region(req->store, agency, region);
    return scope_allows(&req->scope, agency, region);
}
