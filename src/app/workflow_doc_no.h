/* Allocating a decision's 文号: the agency's pattern (setting doc_number_pattern), its 简称 and
 * the next gap-free number of the decision year, skipping numbers that stored decisions (imported,
 * entered after the fact) already carry. Call inside the BEGIN IMMEDIATE transaction that records
 * the decision, so numbers are serialised and a rollback leaves no gap. */
#ifndef ZF_APP_WORKFLOW_DOC_NO_H
#define ZF_APP_WORKFLOW_DOC_NO_H

#include <stddef.h>

#include "store/store.h"
#include "util/date.h"

int wf_doc_no_allocate(Store *st, const char *agency, zf_day on, char *out, size_t size, ZfError *err);

#endif
