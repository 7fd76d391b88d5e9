/* The discretion recommendation of online case handling (行政处罚法 第三十二、三十三、三十四条):
 * the facts the officer ticks, parsed once for the advice route and for the step that records
 * them; the advice as JSON; and the record of the officer's choice in the case state. */
#ifndef ZF_APP_WORKFLOW_DISCRETION_H
#define ZF_APP_WORKFLOW_DISCRETION_H

#include <jansson.h>
#include <stddef.h>

#include "domain/workflow/discretion.h"
#include "domain/workflow/workflow.h"

/* {"first_offence","harm":"minor|general|serious","cooperated","rectified","repeat_offence",
 * "obstructed"} → facts; harm defaults to general. 400 naming the field on anything else. */
int wf_discretion_facts_parse(const json_t *o, DiscretionFacts *out, ZfError *err);

/* After a step set the facts (state.discretion.facts) or the tier: the advice computed again
 * from the case's benchmark and recorded beside the officer's choice in state.discretion. A
 * chosen tier other than the advised one needs state.tier_reason (422). `note` receives the
 * step's note followed by the recommendation and the choice; untouched when the case has no
 * recorded facts. */
/* {"recommended_tier","reasons",...,"tiers"} of an advice for the case, as the advice route answers. */
json_t *wf_discretion_advice_json(const CaseState *cs, const DiscretionAdvice *a);

int wf_discretion_settle(const CaseState *cs, json_t *state, const char *step_note, char *note, size_t size,
                         ZfError *err);

#endif
