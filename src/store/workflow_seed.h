/* Seeding online cases from a data file (the demo): a timeline event dated by the act it
 * records rather than by the clock. Everything else a seed writes goes through store/workflow.h
 * and store/publicity.h, like the API. */
#ifndef ZF_STORE_WORKFLOW_SEED_H
#define ZF_STORE_WORKFLOW_SEED_H

#include "store/store.h"

/* As store_workflow_timeline_add, with time given ("YYYY-MM-DDTHH:MM:SSZ"). */
int store_workflow_timeline_add_at(Store *st, const char *case_no, const char *time, const char *user,
                                   const char *action, const char *from_stage, const char *to_stage,
                                   const char *note, ZfError *err);
/* Numbers 1..used of (agency, year) are taken already (e.g. by imported decisions): the next
 * allocation gives at least used + 1. */
int store_workflow_seq_skip(Store *st, const char *agency, int year, long used, ZfError *err);

#endif
