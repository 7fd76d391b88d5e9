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

void intake_note_stored(IntakeTouched *t, RecordType type, const char *key)
{
    if (type == REC_MONTHLY_REPORT || t->wide) return; /* no rule reads monthly reports */
    if (type != REC_CASE || t->n == INTAKE_RECHECK_MAX || !(t->cases[t->n] = strdup(key))) {
        t->wide = true;
        return;
    }
    t->n++;
}

void intake_recheck(HttpRequest *req, IntakeTouched *t)
{
    SweepResult r;
    ZfError err;
    bool done = false;
    if (!t->wide && t->n && req->calendar)
        done = sweep_cases(req->store, req->calendar, sweep_today(), (const char *const *)t->cases, t->n, &r,
                           &err) == ZF_OK;
    if (!done && (t->wide || t->n)) store_mark_dirty(req->store, NULL); /* only delays the check */
    for (size_t i = 0; i < t->n; i++) free(t->cases[i]);
    t->n = 0;
}
