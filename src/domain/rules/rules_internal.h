/* Shared by the rule engine's files only: the typed records the rules read, the per-rule
 * context and verdict. Nothing outside src/domain/rules/ includes this. */
#ifndef ZF_RULES_INTERNAL_H
#define ZF_RULES_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/rules/rules.h"
#include "util/jsonscan.h"

#define REF_NONE UINT32_MAX
#define MONEY_NONE INT64_MIN

/* ---- String interning (agency codes, power codes, cert numbers, party IDs) ---------------- */

typedef struct ArenaChunk ArenaChunk;
typedef struct {
    ArenaChunk *head;
} Arena;

typedef struct {
    const char **keys; /* slot -> key, NULL = empty */
    uint32_t *vals;
    size_t cap, count;
} StrMap;

typedef struct {
    StrMap map;
    const char **strs; /* id -> string (arena) */
    size_t count, cap;
} Interner;

/* ---- Records ------------------------------------------------------------------------------ */

typedef enum { OFFICER_ACTIVE, OFFICER_SUSPENDED, OFFICER_REVOKED, OFFICER_OTHER } OfficerStatus;

typedef struct {
    bool known;
    bool qualified;
    bool holds_penalty_power; /* finish: some penalty power lists it */
    const char *sector;       /* NULL when absent */
    const char *region;
    bool local_level;         /* level county or township (A02) */
    uint32_t decisions_off, decisions_n; /* finish: sorted penalty decision dates (E02) */
    uint32_t undated_decisions;          /* penalty decided without decided_on */
} AgencyRec;

typedef struct {
    bool known;
    OfficerStatus status;
    const char *status_text;
    uint32_t agency; /* agency id or REF_NONE */
    zf_day valid_from, valid_to;
} OfficerRec;

typedef struct {
    const char *name; /* NULL when the tier has no name */
    int64_t min_fen, max_fen;
} Tier;

typedef struct {
    bool known;
    bool penalty;      /* kind == "penalty" */
    bool basis_empty;  /* basis missing or [] */
    bool has_benchmark;
    uint32_t agencies_off, agencies_n; /* into RuleData.refs */
    uint32_t tiers_off, tiers_n;       /* into RuleData.tiers */
} PowerRec;

typedef enum { CK_PENALTY, CK_COERCION, CK_LICENSE, CK_INSPECTION, CK_OTHER } CaseKind;
typedef enum { PROC_NONE, PROC_SIMPLE, PROC_ORDINARY, PROC_OTHER } Procedure;
typedef enum {
    OUT_NONE,
    OUT_PENALTY,
    OUT_NO_PENALTY,
    OUT_TRANSFERRED,
    OUT_REVOKED_CASE,
    OUT_GRANTED, /* licence */
    OUT_OTHER
} Outcome;
typedef enum { CM_NONE, CM_SEAL, CM_SEIZE, CM_FREEZE, CM_ENFORCE, CM_OTHER } CoercionMeasure;

enum {
    M_WARNING = 1u << 0,
    M_FINE = 1u << 1,
    M_CONFISCATE = 1u << 2,
    M_SUSPEND_BUSINESS = 1u << 3,
    M_SUSPEND_LICENSE = 1u << 4,
    M_REVOKE_LICENSE = 1u << 5,
    M_LOWER_QUALIFICATION = 1u << 6,
    M_CLOSE = 1u << 7,
    M_RESTRICT_PRACTICE = 1u << 8,
    M_DETENTION = 1u << 9,
    M_OTHER = 1u << 10,
};

/* Dates a case may carry; ZF_DAY_NONE when absent (or not a valid date). */
typedef enum {
    D_VIOLATION_ENDED,
    D_DISCOVERED,
    D_FILED,
    D_NOTIFIED,
    D_HEARING_REQUESTED,
    D_HEARING_NOTICE,
    D_HEARING_HELD,
    D_REVIEWED,
    D_COLLECTIVE,
    D_DECIDED,
    D_SERVED,
    D_PAID,
    D_ENFORCEMENT_APPLIED,
    D_PUBLISHED,
    D_CLOSED,
    D_STARTED,
    D_RELEASED,
    D_EXECUTED,
    D_RECEIVED,
    D_CORRECTION_NOTICE,
    D_ACCEPTED,
    D_INSPECTED,
    D_APPROVED,         /* coercion, since rules v2 */
    D_DEMAND_SERVED,    /* 催告书送达 */
    D_DEMAND_DUE,       /* the performance deadline the 催告书 states */
    D_ENFORCE_DECIDED,  /* 强制执行决定 */
    D_COUNT
} CaseDate;

enum {
    CF_FILING_EXTENDED = 1u << 0,
    CF_HEALTH_OR_FINANCE = 1u << 1,
    CF_MAJOR = 1u << 2,
    CF_COMPLEX = 1u << 3,
    CF_HEARING_RIGHT_NOTIFIED = 1u << 4,
    CF_HAS_REVIEW = 1u << 5,
    CF_REVIEW_PASSED = 1u << 6,
    CF_REDUCED = 1u << 7,
    CF_URGENT = 1u << 8,
    CF_PERSON = 1u << 9, /* party.kind == "person"; anything else is an organisation */
    CF_HAS_DECISION = 1u << 10,
    CF_HEARING_WAIVED = 1u << 11,
    CF_ORG = 1u << 12,        /* party.kind == "org" exactly (A02) */
    CF_PARTY_USCC = 1u << 13, /* party.id_no is a valid USCC; its division is in party_division */
};

typedef struct {
    const char *case_no;
    const char *tier;     /* decision.tier, NULL when absent */
    uint32_t agency;      /* agency id (always set: agency is required) */
    uint32_t power;       /* power id or REF_NONE */
    uint32_t party;       /* party id (inspection and penalty cases) or REF_NONE */
    uint32_t party_division; /* A02: characters 3–8 of a USCC id_no as a number, when CF_PARTY_USCC */
    uint32_t officers_off;
    uint16_t officers_n;
    uint16_t measures;    /* M_* bits of decision.measures */
    uint16_t flags;       /* CF_* */
    uint8_t kind, procedure, outcome, measure;
    int16_t executed_minute; /* -1 when executed_at is absent */
    int32_t extension_days, suspended_days; /* 0 when absent */
    int64_t fine_fen, confiscated_fen, late_fee_fen; /* MONEY_NONE when absent */
    zf_day d[D_COUNT];
} CaseRec;

struct RuleData {
    Arena arena;
    JsDoc scan; /* token buffer reused for every record added */
    Interner agencies, powers, officers, parties, case_nos;
    AgencyRec *agency;   /* by agency id, count = agencies.count */
    PowerRec *power;     /* by power id */
    OfficerRec *officer; /* by officer id */
    size_t agency_cap, power_cap, officer_cap;
    CaseRec *cases;
    size_t case_count, case_cap;
    uint32_t *refs; /* pool: case officer ids, power agency ids */
    size_t ref_count, ref_cap;
    Tier *tiers;
    size_t tier_count, tier_cap;
    /* built by rule_data_finish */
    bool finished;
    zf_day *decision_dates;   /* E02: CSR by agency */
    uint32_t *party_cases;    /* I02: inspection case indices grouped by party, by date */
    uint32_t *party_off;      /* parties.count + 1 offsets into party_cases */
};

/* ---- Rule evaluation ---------------------------------------------------------------------- */

typedef enum { V_NONE, V_VIOLATION, V_WARNING, V_UNDECIDABLE } VerdictKind;

typedef struct {
    VerdictKind kind;
    zf_day due_on;
    char msg[320];
} Verdict;

typedef struct {
    const RuleData *data;
    const Calendar *cal;
    zf_day as_of;
    const long long *p;          /* parameters resolved for the subject's agency */
    const uint8_t *joint_flags;  /* I02 verdicts precomputed per case, NULL if not run */
    const struct GroupFacts *group; /* P22, P23 per case; A01, A02 per agency; NULL if not run */
    int config_version;
} RuleCtx;

typedef void (*CaseRuleFn)(const RuleCtx *ctx, const CaseRec *c, Verdict *v);
typedef void (*OfficerRuleFn)(const RuleCtx *ctx, uint32_t id, const OfficerRec *o, Verdict *v);
typedef void (*AgencyRuleFn)(const RuleCtx *ctx, uint32_t id, const AgencyRec *a, Verdict *v);
typedef void (*PowerRuleFn)(const RuleCtx *ctx, uint32_t id, const PowerRec *p, Verdict *v);

/* Set a verdict with a printf message (only formatted when a finding results). */
void verdict(Verdict *v, VerdictKind kind, zf_day due_on, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static inline void undecidable(Verdict *v) { v->kind = V_UNDECIDABLE; }

static inline bool has(zf_day d) { return d != ZF_DAY_NONE; }
static inline bool penalty_decided(const CaseRec *c) { return c->outcome == OUT_PENALTY; }
/* "Undecided": neither a decided_on nor a decision outcome. */
static inline bool undecided(const CaseRec *c) { return !has(c->d[D_DECIDED]) && c->outcome == OUT_NONE; }
static inline const char *agency_code(const RuleData *d, uint32_t id)
{
    return id == REF_NONE ? "" : d->agencies.strs[id];
}
/* "YYYY-MM-DD" into a caller buffer, for messages. */
const char *fmt_day(zf_day d, char buf[ZF_DATE_LEN]);
/* "12,345.67" style yuan for messages. */
const char *fmt_yuan(int64_t fen, char buf[32]);

/* Interning helpers (rule_data.c). */
int interner_find(const Interner *in, const char *s, uint32_t *id);

/* I02 precomputation (inspection.c): fills flags[case] with V_NONE/V_WARNING/V_UNDECIDABLE. */
int inspection_joint_flags(const RuleData *data, const long long *params_by_agency,
                           uint8_t *flags);

/* The group rules' facts (group_rules.c), computed once per sweep from all cases. */
typedef struct {
    uint32_t first_fine; /* P22: index of the first fine for the same act, REF_NONE if this is it */
    uint16_t repeats;    /* P23: other penalty decisions in the window (capped) */
    uint8_t p22, p23;    /* V_NONE / V_VIOLATION / V_WARNING / V_UNDECIDABLE */
} CaseGroupFacts;

typedef struct {
    uint32_t n, top;        /* A01: decisions with a benchmark and a fine; of them at the top */
    uint32_t orgs, outside; /* A02: decisions against USCC orgs; registered elsewhere */
    bool no_region;         /* A02 cannot place the agency */
} AgencyGroupFacts;

typedef struct GroupFacts {
    CaseGroupFacts *cases;      /* by case index, NULL when P22/P23 are not run */
    AgencyGroupFacts *agencies; /* by agency id, NULL when A01/A02 are not run */
} GroupFacts;

int group_facts_build(const RuleData *data, const long long *params_by_agency, zf_day as_of,
                      bool cases, bool agencies, GroupFacts *out);
void group_facts_free(GroupFacts *g);

/* "2,400.00": yuan with thousands separators and two decimals, for the v2 messages. */
const char *fmt_yuan2(int64_t fen, char buf[40]);

/* One catalogue entry. Each family file defines its rules' entries beside their code, so the
 * article a rule cites is written once, next to the logic; rules.c lists them in order. */
typedef enum { SUBJ_CASE, SUBJ_OFFICER, SUBJ_AGENCY, SUBJ_POWER } SubjectType;
enum { K_PENALTY = 1u << CK_PENALTY, K_COERCION = 1u << CK_COERCION, K_LICENSE = 1u << CK_LICENSE,
       K_INSPECTION = 1u << CK_INSPECTION, K_ANY = 0x1f };

typedef struct {
    const char *id;
    const char *law;
    SubjectType subject;
    unsigned kinds; /* case rules: K_* kinds it applies to */
    CaseRuleFn on_case;
    OfficerRuleFn on_officer;
    AgencyRuleFn on_agency;
    PowerRuleFn on_power;
} RuleDef;

extern const RuleDef RULE_P01, RULE_P02, RULE_P03, RULE_P04, RULE_P05, RULE_P06, RULE_P07,
    RULE_P15;                                                           /* penalty_procedure.c */
extern const RuleDef RULE_P19, RULE_P20, RULE_P21;                      /* penalty_v2.c */
extern const RuleDef RULE_P22, RULE_P23, RULE_A01, RULE_A02;            /* group_rules.c */
extern const RuleDef RULE_C02, RULE_C04;                                /* coercion_v2.c */
extern const RuleDef RULE_L03;                                          /* license.c */
extern const RuleDef RULE_P08, RULE_P09, RULE_P10, RULE_P12, RULE_P14, RULE_P18; /* penalty_deadlines.c */
extern const RuleDef RULE_P11, RULE_P13;                                /* penalty_amounts.c */
extern const RuleDef RULE_P16, RULE_P17;                                /* subjects.c */
extern const RuleDef RULE_C01, RULE_C03;                                /* coercion.c */
extern const RuleDef RULE_L01, RULE_L02;                                /* license.c */
extern const RuleDef RULE_I02;                                          /* inspection.c */
extern const RuleDef RULE_E01, RULE_E02, RULE_E03;                      /* elements.c */

#endif
