/* The bridge between a stored inspection, coercion, enforcement or licence case and the pure
 * workflow core (domain/workflow/kinds.c): its facts read into CaseState, the facts each act
 * records, and opening a case of any kind (POST /inspections, POST /workflow/cases, and the
 * penalty case an inspection transfers). */
#ifndef ZF_APP_WORKFLOW_KINDS_H
#define ZF_APP_WORKFLOW_KINDS_H

#include <jansson.h>

#include "app/context.h"
#include "domain/workflow/workflow.h"
#include "store/store.h"

/* The procedure of a record: penalty ordinary/simple, or the kind's (coercion with measure
 * "enforce" is 行政强制执行). */
WfProcedure wf_procedure_of(const json_t *rec);
/* The exchange-v1 kind of a case type code ("coercion" for "enforcement"), NULL when unknown. */
const char *wf_kind_of_case_type(const char *case_type);

/* The kinds' periods: the settings of migration 054, the law's values by default. */
void wf_kind_limits(Store *st, WfKindLimits *l);

/* Fills cs->k (and the shared dates a kind uses) from the record, the row state, the stored
 * attachments and the period settings. */
void wf_kind_state_load(Store *st, const json_t *rec, const json_t *state, CaseState *cs);

/* Facts an act implies before its gates are checked (the 催告 date and its period, an urgent
 * measure's start), and the act's own facts after they passed. */
void wf_kind_before(Store *st, const Calendar *cal, WfAction a, json_t *rec, json_t *state, zf_day on);
void wf_kind_record_act(Store *st, const Calendar *cal, WfAction a, json_t *rec, json_t *state, zf_day on);

/* Inside the step's transaction, after its gates passed: 移送立案 opens the linked penalty case
 * (its number kept in the inspection's state as "transferred_case"). 400 without a penalty power
 * of the agency. */
int wf_kind_after_act(const AppContext *cx, WfAction a, json_t *rec, json_t *state, zf_day on, ZfError *err);

/* Opens a case of the caller's agency inside the caller's transaction: a provisional number,
 * the workflow row at the type's first stage, the timeline entry and the exchange record (validated
 * with the holdings). rec is completed with its case_no; case_no receives it. */
int wf_open_case(const AppContext *cx, const char *case_type, json_t *rec, json_t *state, const char *note,
                 char case_no[96], ZfError *err);

#endif
