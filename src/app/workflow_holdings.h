/* An online case acts under its own agency's 权责清单 and by its own agency's 执法人员
 * (行政处罚法 第十七条 实施主体, 第四十二条 执法人员): the case record's power must list the
 * agency among its holders, every officer must be stored as an officer of that agency, and every
 * item of its 证据目录 that names an attachment names one of the case's own. */
#ifndef ZF_APP_WORKFLOW_HOLDINGS_H
#define ZF_APP_WORKFLOW_HOLDINGS_H

#include <jansson.h>

#include "store/store.h"

/* ZF_OK, or 400 naming the field (power / officers / evidence) and the value refused. */
int wf_holdings_check(Store *st, const json_t *rec, ZfError *err);
/* A changed case record as the workflow writes it: exchange-v1 valid and wf_holdings_check (400). */
int wf_case_validate(Store *st, const json_t *rec, ZfError *err);

#endif
