/* exchange-v1 records (spec/exchange-v1.md): their types and the validation of one record.
 * Pure: takes a decoded JSON object, returns what is wrong with it in Chinese; no I/O.
 * The import verb, the upload page and the entry forms all validate through here. */
#ifndef ZF_EXCHANGE_H
#define ZF_EXCHANGE_H

#include <jansson.h>

#include "util/error.h"

typedef enum {
    REC_AGENCY,
    REC_OFFICER,
    REC_POWER,
    REC_BENCHMARK,
    REC_CASE,
    REC_MONTHLY_REPORT,
    REC_TYPE_COUNT
} RecordType;

/* What the store indexes of a valid record; pointers borrow from the JSON object. */
typedef struct {
    RecordType type;
    const char *key;     /* primary key; monthly_report: agency */
    const char *key2;    /* monthly_report: month; else NULL */
    const char *cols[6]; /* type-specific indexed columns, in table order after the key */
} RecordKeys;

const char *record_type_name(RecordType type);
/* -1 when the name is not an exchange-v1 record type. */
int record_type_from_name(const char *name);

/* ZF_OK and *out filled, or ZF_ERR with err->field the offending path (e.g. "decision.fine"). */
int exchange_validate(json_t *rec, RecordKeys *out, ZfError *err);
/* The record's key for error reports, or "" when it has none. */
const char *exchange_key_of(json_t *rec);

#endif
