/* 重大行政执法决定备案: is a decided case major under the filing policy (and why, in Chinese), by
 * when must it be filed, is a filing late. Pure: the policy, the record, the calendar and the day
 * of filing are handed in; nothing is read or stored here. */
#ifndef ZF_DOMAIN_FILING_H
#define ZF_DOMAIN_FILING_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/calendar.h"
#include "domain/workflow/approval.h"
#include "util/error.h"

#define FILING_MAX_MEASURES 10
#define FILING_MEASURE_LEN 24
#define FILING_BASIS_LEN 1024
#define FILING_REASONS_LEN 512

/* The setting `major_filing_policy` (migration 028). */
typedef struct {
    int period_days;
    bool working_days;           /* false: natural days, the last rolled to a working day */
    int64_t person_fine_min_fen; /* 0 = no fine threshold for a person */
    int64_t org_fine_min_fen;
    char measures[FILING_MAX_MEASURES][FILING_MEASURE_LEN]; /* exchange-v1 measure codes */
    int measure_count;
    bool approval_major;         /* a case the approval policy handles as major is filed */
    char basis[FILING_BASIS_LEN];
} FilingPolicy;

/* The policy from its JSON text; 400 with the reason in Chinese on bad data. */
int filing_policy_parse(const char *text, FilingPolicy *out, ZfError *err);
/* The built-in policy (the text migration 028 seeds). */
void filing_policy_defaults(FilingPolicy *out);

/* Does the approval policy hold a tier for major cases on the decision (行政处罚法 57 ¶2)? */
bool approval_policy_marks_major(const ApprovalPolicy *ap);

typedef struct {
    bool major;
    char reasons[FILING_REASONS_LEN]; /* "罚款 20000.00 元（单位，标准 100000 元以上）；责令停产停业" */
    zf_day decided_on, served_on;     /* served_on ZF_DAY_NONE when not known */
    zf_day due_on;
} FilingAssessment;

/* A decided penalty case (exchange-v1 record) against the policy: major or not, why, and its
 * filing due date (from service when known, else from the decision). marks_major: the approval
 * policy treats a case flagged major as major (approval_policy_marks_major). False when the
 * case is not a decision on the merits (no decided_on, outcome neither penalty nor no_penalty). */
bool filing_assess(const FilingPolicy *p, bool marks_major, const json_t *rec, const Calendar *cal,
                   FilingAssessment *out);
/* The last day to file: `start` + the period, in working days (add_wd) or natural days rolled
 * forward (add_nd). */
zf_day filing_due(const FilingPolicy *p, const Calendar *cal, zf_day start);
bool filing_late(zf_day due_on, zf_day filed_on);

/* The Chinese names people see: status pending 待审查 / reviewed 已审查, result no_objection 无异议
 * / opinion 提出意见; NULL for an unknown code. */
const char *filing_status_name(const char *status);
const char *filing_result_name(const char *result);

#endif
