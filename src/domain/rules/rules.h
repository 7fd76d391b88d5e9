/* Supervision rule engine of spec/rules.md: exchange-v1 records in, findings out.
 * Pure: no SQL, no files, no clock — callers hand in the records, the holiday calendar,
 * the configuration and the as-of date. Same data + same date = same findings. */
#ifndef ZF_RULES_H
#define ZF_RULES_H

#include <jansson.h>
#include <stddef.h>

#include "domain/calendar.h"
#include "util/date.h"
#include "util/error.h"

/* ---- Records ---------------------------------------------------------------------------- */

/* Everything the rules read, copied out of the exchange records and indexed once. */
typedef struct RuleData RuleData;

RuleData *rule_data_new(void);
void rule_data_free(RuleData *data);
/* Copies what the rules need out of one exchange-v1 record (agency, officer, power, benchmark,
 * case; monthly_report is ignored); the caller keeps ownership of `record`. A record whose key
 * was seen before replaces it. ZF_ERR for a non-object, an unknown type or a missing key. */
int rule_data_add(RuleData *data, json_t *record);
/* The same from the record's JSON text, scanned in place (text is modified): the fast path of
 * the sweep, which reads a million stored records and cannot afford a DOM per record. */
int rule_data_add_text(RuleData *data, char *text, size_t len);
/* Builds the indexes (per-party inspections, per-agency penalty decisions…). Call once after
 * the last add and before rules_check; adding again requires another finish. */
int rule_data_finish(RuleData *data);
size_t rule_data_case_count(const RuleData *data);
/* Decided penalty cases (outcome penalty and decided_on): what P22, P23, A01 and A02 read. */
size_t rule_data_group_cases(const RuleData *data);

/* ---- Configuration (rules.md §6) ---------------------------------------------------------- */

typedef enum {
    RP_HEARING_PERSON_FEN,       /* P05 较大数额, person (fen) */
    RP_HEARING_ORG_FEN,          /* P05 较大数额, organisation (fen) */
    RP_SIMPLE_MAX_PERSON_FEN,    /* P03 简易程序 fine cap, person */
    RP_SIMPLE_MAX_ORG_FEN,       /* P03 简易程序 fine cap, organisation */
    RP_HEARING_NOTICE_WD,        /* P06 */
    RP_DECISION_DAYS,            /* P08 */
    RP_DECISION_WARNING_DAYS,    /* P08 pre-alert window */
    RP_SERVICE_WD,               /* P09 */
    RP_PUBLICITY_WD,             /* P10 */
    RP_LIMITATION_YEARS,         /* P12 */
    RP_LIMITATION_YEARS_GRAVE,   /* P12 health_or_finance */
    RP_FILING_LIMIT_WD,          /* P14; 0 = the sector has no filing limit */
    RP_FILING_EXTENSION_WD,      /* P14 filing_extended */
    RP_ENFORCEMENT_MONTHS,       /* P18 */
    RP_SEAL_DAYS,                /* C01 */
    RP_SEAL_MAX_EXTENSION_DAYS,  /* C01 */
    RP_NIGHT_START_MINUTE,       /* C03 */
    RP_NIGHT_END_MINUTE,         /* C03 */
    RP_LICENSE_WD,               /* L01 */
    RP_LICENSE_MAX_EXTENSION_WD, /* L01 */
    RP_CORRECTION_WD,            /* L02 */
    RP_JOINT_WINDOW_DAYS,        /* I02 */
    RP_JOINT_MIN_AGENCIES,       /* I02 */
    RP_CERT_WARNING_DAYS,        /* E01 */
    RP_ZERO_ENFORCEMENT_DAYS,    /* E02 */
    RP_WITHDRAWAL_WD,            /* 撤回公示: a revoked decision leaves the portal */
    /* catalogue v2 (rules.md §7) */
    RP_PAY_DAYS,                 /* P19: days to pay after service */
    RP_LATE_FEE_PCT_PER_DAY,     /* P19: 加处罚款 per day, percent of the fine */
    RP_HEARING_REQUEST_WD,       /* P20, P21: the party's window to ask for a hearing */
    RP_REPEAT_MIN_OTHERS,        /* P23: other decisions that make a repeat */
    RP_REPEAT_WINDOW_DAYS,       /* P23 */
    RP_URGENT_APPROVAL_DAYS,     /* C02: an urgent measure approved at most this many days later */
    RP_LICENSE_SERVICE_WD,       /* L03 */
    RP_AGENCY_WINDOW_DAYS,       /* A01, A02: decisions counted in the days ending on as-of */
    RP_TOP_FINE_MIN_DECISIONS,   /* A01 */
    RP_TOP_FINE_SHARE_PCT,       /* A01 */
    RP_REMOTE_MIN_DECISIONS,     /* A02 */
    RP_REMOTE_SHARE_PCT,         /* A02 */
    RULE_PARAM_COUNT
} RuleParam;

#define RULE_CONFIG_MAX_OVERRIDES 64

/* A value for one sector and/or region. Empty sector = any sector; empty region = anywhere;
 * a region matches an agency whose region code starts with it once trailing "00" pairs are
 * dropped ("370000" = all of Shandong). Sector match outranks region; a longer region wins. */
typedef struct {
    char sector[32];
    char region[8];
    RuleParam param;
    long long value;
} RuleOverride;

typedef struct {
    int version;
    long long value[RULE_PARAM_COUNT];
    RuleOverride override[RULE_CONFIG_MAX_OVERRIDES];
    size_t override_count;
} RuleConfig;

/* The defaults of rules.md (including market_regulation's 20-day publicity and filing limit). */
RuleConfig rule_config_defaults(void);
/* NULL/"" sector or region = any. Replaces an override with the same scope. ZF_ERR when full. */
int rule_config_set(RuleConfig *cfg, RuleParam param, const char *sector, const char *region,
                    long long value);
long long rule_config_get(const RuleConfig *cfg, RuleParam param, const char *sector,
                          const char *region);
const char *rule_param_name(RuleParam param);    /* "hearing_person_fen" */
const char *rule_param_article(RuleParam param); /* the law the default rests on */
int rule_param_by_name(const char *name, RuleParam *out);

/* ---- Findings (rules.md §2) --------------------------------------------------------------- */

#define RULES_COUNT 36

typedef struct {
    const char *rule;         /* "P08" */
    const char *severity;     /* "violation" | "warning" */
    const char *subject_type; /* "case" | "officer" | "agency" | "power" */
    const char *subject;      /* borrowed from RuleData: valid while it lives */
    const char *agency;       /* borrowed; "" when the subject names none */
    const char *law;          /* static */
    zf_day due_on;            /* ZF_DAY_NONE when the rule has no deadline */
    char *message;            /* Chinese, owned by the FindingList */
    int config_version;       /* RuleConfig.version that produced it (§6); not in the JSON line */
} Finding;

typedef struct {
    Finding *items;
    size_t count, cap;
} FindingList;

typedef struct {
    size_t count[RULES_COUNT]; /* subjects skipped per rule for want of data; index = rules_id */
} UndecidableCounts;

void finding_list_init(FindingList *list);
void finding_list_free(FindingList *list);

size_t rules_count(void);
const char *rules_id(size_t index);       /* "P01" … in catalogue order */
const char *rules_law(size_t index);
int rules_index(const char *id);          /* -1 when unknown */
/* The catalogue v1 (rules.md §3–§5) as a --rules list: what outside checks compare against. */
extern const char RULES_V1_LIST[];
const char *rules_title(size_t index);    /* short Chinese title (labels.c) */
const char *rules_severity(size_t index); /* "violation", "warning" or "both" */
/* The i-th severity of a finding / kind of subject with its Chinese name; false past the last. */
bool rules_severity_at(size_t i, const char **code, const char **name);
bool rules_subject_type_at(size_t i, const char **code, const char **name);

/* Applies the catalogue (or only the comma-separated IDs in only_rules, e.g. "P01,P08") at
 * as_of. Appends to out sorted by subject_type, subject, rule, severity (byte order).
 * undecidable may be NULL (else it is zeroed and filled). ZF_ERR for an unknown rule ID, an
 * unfinished RuleData or lack of memory. */
int rules_check(const RuleData *data, const Calendar *cal, const RuleConfig *cfg, zf_day as_of,
                const char *only_rules, FindingList *out, UndecidableCounts *undecidable);
/* ZF_OK when every ID in only_rules (NULL = all) is in the catalogue; else err names it. */
int rules_validate_selection(const char *only_rules, ZfError *err);

/* {"rule":…,"severity":…,"subject_type":…,"subject":…,"agency":…,"law":…,"due_on":…,"message":…}
 * compact UTF-8, no newline; due_on left out when none. *out is malloc'd. */
int finding_to_json_line(const Finding *f, char **out);
/* Aligned text table (CJK counted as two columns) for `--format table`; malloc'd. */
char *findings_format_table(const FindingList *list);

#endif
