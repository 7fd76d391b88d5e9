/* The bridge between a stored case (exchange-v1 record + workflow row) and the pure workflow
 * core: CaseState built from them, and the facts a step records applied back onto them.
 * Reads elements (agency, officers, benchmark) through the store; writes nothing. */
#ifndef ZF_APP_WORKFLOW_STATE_H
#define ZF_APP_WORKFLOW_STATE_H

#include <jansson.h>

#include "domain/workflow/workflow.h"
#include "store/identity.h"
#include "store/store.h"

/* The row and record of a case of the caller's own agency (both to json_decref); anything
 * else, including another agency's case, is 404. */
int wf_case_load(Store *st, const AuthUser *auth, const char *case_no, json_t **row, json_t **rec, ZfError *err);

/* Fills cs from the record and the row's stage/state. ZF_ERR when the stage is unknown. */
int wf_state_build(Store *st, const json_t *rec, const json_t *row, CaseState *cs, ZfError *err);

/* Applies the facts of a step's `fields` to the record and the row state (both modified):
 * dates (not after today), booleans, measures, fine… Unknown keys are refused (400). */
int wf_fields_apply(const json_t *fields, json_t *rec, json_t *state, zf_day today, const char *user,
                    ZfError *err);

/* The workflow row of a case of auth's own agency; ZF_ERR 404 for any other case, so a case of
 * another agency is indistinguishable from none. */
int wf_case_row(Store *st, const AuthUser *auth, const char *case_no, json_t **row, ZfError *err);

/* A stored exchange-v1 record (agency, officer, power, benchmark …) as JSON, or NULL when absent. */
json_t *wf_stored_record(Store *st, RecordType type, const char *key);

/* The 机关简称 for the 文号 pattern: 青岛市市南区市场监督管理局 → 南市监. */
void wf_agency_abbr(const char *name, char *out, size_t size);

/* A record's date field as a day (ZF_DAY_NONE when absent or malformed), and its yuan amount in
 * fen (0 when absent): the forms every case kind's facts are read in. */
zf_day wf_day_of(const json_t *o, const char *k);
int64_t wf_fen_of(const json_t *o, const char *k);

#endif
