/* exchange-v1 records (spec/exchange-v1.md): their types and the validation of one record.
 * Pure: takes a decoded JSON object, returns what is wrong with it in Chinese; no I/O.
 * The import verb, the upload page and the entry forms all validate through here. */
#ifndef ZF_EXCHANGE_H
#define ZF_EXCHANGE_H

#include <jansson.h>
#include <stdbool.h>

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
/* What a spreadsheet column of a record holds, for readers that get text and numbers rather
 * than JSON (the Excel upload) and for the templates that explain each column. */
typedef enum {
    EXF_TEXT,       /* string (also codes: USCC, region) */
    EXF_ENUM,       /* string, one of choices */
    EXF_DATE,       /* "YYYY-MM-DD" */
    EXF_DATETIME,   /* "YYYY-MM-DDTHH:MM" */
    EXF_MONTH,      /* "YYYY-MM" */
    EXF_BOOL,
    EXF_MONEY,      /* yuan, ≤ 2 decimals */
    EXF_INTEGER,    /* days, counts */
    EXF_LIST,       /* array of strings (of choices when set) */
    EXF_BASIS_LIST, /* array of {"law","article"} */
    EXF_GROUP,      /* an object or array of objects: not a single value */
} ExchangeValueKind;

typedef struct {
    ExchangeValueKind kind;
    bool required;
    const char *const *choices; /* EXF_ENUM, EXF_LIST of an enumeration: NULL-terminated */
} ExchangeField;

/* The field at a dotted path ("party.id_no", "decision.fine") of a record type. For a case,
 * case_kind picks the kind-specific fields; NULL = the first kind that has the path.
 * False when the record has no such field. */
bool exchange_field(RecordType type, const char *case_kind, const char *path, ExchangeField *out);

/* An enumeration of exchange-v1 with the Chinese name of each code (codes and names: arrays of
 * the same length, NULL-terminated), for the console's dictionaries. */
typedef struct {
    const char *table; /* "case_kinds", "measures", … */
    const char *const *codes;
    const char *const *names;
} ExchangeDict;

/* Every enumeration, terminated by an entry whose table is NULL. */
const ExchangeDict *exchange_dicts(void);
/* The Chinese name of a code of one table, NULL when either is unknown. */
const char *exchange_dict_name(const char *table, const char *code);

/* The record's key for error reports, or "" when it has none. */
const char *exchange_key_of(json_t *rec);

#endif
