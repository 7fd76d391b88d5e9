/* Discretion recommendation (行政处罚法 32–34): from the facts of the case, a score over a small
 * table of factors proposes a tier of the power's benchmark. Advice only; the officer chooses
 * and the gate checks the fine against the chosen tier. Pure. */
#ifndef ZF_WORKFLOW_DISCRETION_H
#define ZF_WORKFLOW_DISCRETION_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/workflow/case_state.h"
#include "util/error.h"

typedef enum { HARM_MINOR, HARM_GENERAL, HARM_SERIOUS } HarmLevel;

typedef struct {
    bool first_offence;  /* 初次违法 */
    HarmLevel harm;      /* 危害后果 */
    bool cooperated;     /* 配合调查、如实陈述 */
    bool rectified;      /* 主动消除或者减轻危害后果、及时改正 */
    bool repeat_offence; /* 屡教不改、再次违法 */
    bool obstructed;     /* 阻碍、抗拒执法 */
} DiscretionFacts;

#define DISCRETION_REASONS_LEN 256
#define DISCRETION_MAX_FACTORS 8

/* One factor that weighed in the recommendation. */
typedef struct {
    const char *label; /* "初次违法" (static) */
    int weight;        /* < 0 lighter, > 0 heavier */
} DiscretionReason;

typedef struct {
    size_t tier_index;   /* into the tiers passed in, lightest first */
    const WfTier *tier;
    int score;           /* < 0 lighter, > 0 heavier */
    char reasons[DISCRETION_REASONS_LEN]; /* "初次违法（-1）；及时改正（-1）" */
    DiscretionReason applied[DISCRETION_MAX_FACTORS]; /* the same, one by one */
    size_t applied_count;
} DiscretionAdvice;

/* Tier = the middle tier moved by score / 2, clamped to the benchmark. ZF_ERR (422) when the
 * benchmark has no tiers. */
int discretion_recommend(const WfTier tiers[], size_t tier_count, const DiscretionFacts *facts,
                         DiscretionAdvice *out, ZfError *err);
/* "minor" / "general" / "serious" ↔ HarmLevel; ZF_ERR when unknown. */
int discretion_harm_by_code(const char *code, HarmLevel *out);
const char *discretion_harm_code(HarmLevel harm);

#endif
