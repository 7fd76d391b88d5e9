/* 文号 formatting from an agency's pattern, e.g. "{abbr}处罚〔{year}〕{seq}号" →
 * "青市监处罚〔2026〕12号". Pure formatting and validation; allocating the next gap-free
 * sequence number is the store's job. */
#ifndef ZF_WORKFLOW_DOC_NUMBER_H
#define ZF_WORKFLOW_DOC_NUMBER_H

#include <stddef.h>

#include "util/error.h"

/* A pattern holds {seq} and {year} exactly once each, {abbr} at most once, no other braces,
 * and at most 128 bytes. ZF_ERR (422, field "pattern") otherwise. */
int doc_number_pattern_check(const char *pattern, ZfError *err);
/* Formats into out (size bytes). year 1900–9999, seq ≥ 1, abbr non-empty when used.
 * ZF_ERR when the pattern or a value is bad or out is too small. */
int doc_number_format(const char *pattern, const char *abbr, int year, long seq, char *out,
                      size_t size, ZfError *err);

#endif
