/* 案情: the substance fields of a case record (docs/case-record.md "Substance") — 案由, 违法事实,
 * 证据目录, 定性依据, 处罚依据, 陈述申辩 — their validation, shared by the import (exchange_validate)
 * and the online workflow, and which of them a case holds for the gates.
 * Pure: JSON values in, Chinese messages out; no I/O (whether an attachment exists is the caller's). */
#ifndef ZF_CASE_SUBSTANCE_H
#define ZF_CASE_SUBSTANCE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/* What a case holds, as bits (case_substance_present). */
enum {
    CASE_SUB_CAUSE = 1u << 0,            /* 案由 */
    CASE_SUB_FACTS = 1u << 1,            /* 违法事实 */
    CASE_SUB_EVIDENCE = 1u << 2,         /* 证据目录, at least one item */
    CASE_SUB_VIOLATION_BASIS = 1u << 3,  /* 定性依据 */
    CASE_SUB_PENALTY_BASIS = 1u << 4,    /* 处罚依据 */
    CASE_SUB_DEFENSE_RECEIVED = 1u << 5, /* 陈述申辩 received (defense.received_on) */
    CASE_SUB_DEFENSE_ADOPTED = 1u << 6,  /* whether it was adopted (defense.adopted) */
};

/* Is `name` one of the six top-level substance fields ("cause", "facts", "evidence"…)? */
bool case_substance_field(const char *name);
/* One field's value: type, length in characters, codes. ZF_ERR 400 with err->field the path
 * ("evidence[2].kind") and a message naming the field in Chinese. */
int case_substance_check(const char *name, const json_t *v, ZfError *err);
/* Every substance field the record carries; absent fields are fine (imports keep cases without).
 * The message starts with the field's path ("字段 evidence[0].kind：…") for the file's sender. */
int case_substance_validate(const json_t *rec, ZfError *err);
/* The CASE_SUB_* bits the record holds (a blank text or an empty list holds nothing). */
unsigned case_substance_present(const json_t *rec);
/* The Chinese names of the bits in `bits`, joined by 、 ("案由、违法事实"); "" for none. */
void case_substance_names(unsigned bits, char *out, size_t size);
/* The first field code among `bits` ("cause"), for ZfError.field. */
const char *case_substance_first_code(unsigned bits);

/* Dictionaries for GET /api/v1/dicts: false past the last entry. */
bool evidence_kind_at(size_t i, const char **code, const char **name);
bool defense_outcome_at(size_t i, const char **code, const char **name);

#endif
