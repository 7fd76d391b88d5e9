/* Reconsideration and litigation outcomes that arrive with a case record (its `revocation`, an
 * exchange-v1 extension: docs/import.md) become supervision leads by themselves, as the online
 * workflow's revocation record does — one lead per case and outcome, whichever path brings it. */
#ifndef ZF_APP_OUTCOME_LEADS_H
#define ZF_APP_OUTCOME_LEADS_H

#include <stdbool.h>

#include "app/context.h"

/* The source_ref of the lead an outcome makes: "case:<case_no>:<by>" (by = review | litigation). */
void outcome_lead_ref(const char *case_no, const char *by, char *out, size_t size);

/* The lead of one outcome, inside the caller's write transaction (cx->user NULL: the system files
 * it). kind and by as the record's revocation; reason may be NULL. Nothing for self_correction. */
int app_outcome_lead_in(const AppContext *cx, const char *case_no, const char *agency, const char *kind,
                        const char *by, const char *reason, bool *created, ZfError *err);

/* The cases changed since the last run that carry an outcome: their leads (idempotent), then the mark
 * moves. Called by the sweep. *created counts the new leads. */
int app_outcome_leads_sync(const AppContext *cx, int *created, ZfError *err);

#endif
