/* The scoring table of the discretion recommendation: factors from 行政处罚法 32 (从轻、减轻:
 * 主动消除危害后果, 配合查处), 33 (初次违法且危害后果轻微), and the usual aggravating ones of
 * provincial benchmarks (再次违法, 抗拒执法, 严重后果). Weights are data. Pure. */
#include "domain/workflow/discretion.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *label;
    int weight;
    bool (*applies)(const DiscretionFacts *f);
} Factor;

static bool first(const DiscretionFacts *f) { return f->first_offence; }
static bool minor(const DiscretionFacts *f) { return f->harm == HARM_MINOR; }
static bool serious(const DiscretionFacts *f) { return f->harm == HARM_SERIOUS; }
static bool coop(const DiscretionFacts *f) { return f->cooperated; }
static bool fixed(const DiscretionFacts *f) { return f->rectified; }
static bool repeat(const DiscretionFacts *f) { return f->repeat_offence; }
static bool obstruct(const DiscretionFacts *f) { return f->obstructed; }

static const Factor FACTORS[] = {
    {"初次违法", -1, first},
    {"危害后果轻微", -1, minor},
    {"配合调查", -1, coop},
    {"及时改正", -1, fixed},
    {"危害后果严重", +2, serious},
    {"再次违法", +2, repeat},
    {"阻碍执法", +1, obstruct},
};
_Static_assert(sizeof FACTORS / sizeof *FACTORS <= DISCRETION_MAX_FACTORS, "DISCRETION_MAX_FACTORS too small");

int discretion_recommend(const WfTier tiers[], size_t tier_count, const DiscretionFacts *facts,
                         DiscretionAdvice *out, ZfError *err)
{
    memset(out, 0, sizeof *out);
    if (tier_count == 0)
        return zf_fail(err, 422, "no_benchmark", "tiers",
                       "该事项没有裁量基准，无法推荐裁量阶次（《行政处罚法》第三十四条）");
    size_t used = 0;
    for (size_t i = 0; i < sizeof FACTORS / sizeof *FACTORS; i++) {
        if (!FACTORS[i].applies(facts)) continue;
        out->score += FACTORS[i].weight;
        if (out->applied_count < DISCRETION_MAX_FACTORS)
            out->applied[out->applied_count++] = (DiscretionReason){FACTORS[i].label, FACTORS[i].weight};
        int w = snprintf(out->reasons + used, sizeof out->reasons - used, "%s%s（%+d）",
                         used ? "；" : "", FACTORS[i].label, FACTORS[i].weight);
        if (w > 0 && (size_t)w < sizeof out->reasons - used) used += (size_t)w;
    }
    long idx = (long)(tier_count - 1) / 2 + out->score / 2;
    if (idx < 0) idx = 0;
    if (idx > (long)tier_count - 1) idx = (long)tier_count - 1;
    out->tier_index = (size_t)idx;
    out->tier = &tiers[idx];
    return ZF_OK;
}

static const char *const HARM_CODES[] = {[HARM_MINOR] = "minor", [HARM_GENERAL] = "general",
                                         [HARM_SERIOUS] = "serious"};

int discretion_harm_by_code(const char *code, HarmLevel *out)
{
    for (size_t i = 0; code && i < sizeof HARM_CODES / sizeof *HARM_CODES; i++)
        if (strcmp(HARM_CODES[i], code) == 0) {
            *out = (HarmLevel)i;
            return ZF_OK;
        }
    return ZF_ERR;
}

const char *discretion_harm_code(HarmLevel harm)
{
    return (unsigned)harm < sizeof HARM_CODES / sizeof *HARM_CODES ? HARM_CODES[harm] : "general";
}
