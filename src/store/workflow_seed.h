/* Seeding online cases from a data file (the demo): the 文号 counters a seed sets. Everything else
 * a seed writes goes through app/case_log.h, store/workflow.h and store/publicity.h, like the API. */
#ifndef ZF_STORE_WORKFLOW_SEED_H
#define ZF_STORE_WORKFLOW_SEED_H

#include "store/store.h"

/* Numbers 1..used of (agency, year) are taken already (e.g. by imported decisions): the next
 * allocation gives at least used + 1. */
int store_workflow_seq_skip(Store *st, const char *agency, int year, long used, ZfError *err);

#endif
