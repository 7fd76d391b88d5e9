/* Inspection rule I02 (rules.md §4): a party inspected by several agencies within a short
 * window is a candidate for 综合查一次. Pure; linear in the inspection cases of each party
 * times the distinct agencies that inspected it. */
#include <stdlib.h>

#include "domain/rules/rules_internal.h"

enum { JOINT_NONE = 0, JOINT_UNDECIDABLE = 255, JOINT_MAX_COUNT = 254 };

/* For every inspection case: the number of distinct agencies (this case's included) with an
 * inspection of the same party whose inspected_on lies in [inspected_on − (W − 1), inspected_on]
 * (W = 30: that day and the 29 before; same-day cases count whatever their order), when it
 * reaches the configured minimum; JOINT_UNDECIDABLE without party.id_no or inspected_on. */
int inspection_joint_flags(const RuleData *d, const long long *params, uint8_t *flags)
{
    size_t agencies = d->agencies.count;
    zf_day *last_seen = malloc((agencies ? agencies : 1) * sizeof *last_seen);
    uint32_t *seen = malloc((agencies ? agencies : 1) * sizeof *seen);
    if (!last_seen || !seen) {
        free(last_seen);
        free(seen);
        return ZF_ERR;
    }
    for (size_t a = 0; a < agencies; a++) last_seen[a] = ZF_DAY_NONE;
    for (size_t i = 0; i < d->case_count; i++) {
        const CaseRec *c = &d->cases[i];
        if (c->case_no && c->kind == CK_INSPECTION && (c->party == REF_NONE || !has(c->d[D_INSPECTED])))
            flags[i] = JOINT_UNDECIDABLE;
    }
    for (size_t p = 0; p < d->parties.count; p++) {
        const uint32_t *list = d->party_cases + d->party_off[p];
        size_t n = d->party_off[p + 1] - d->party_off[p], nseen = 0;
        for (size_t g = 0; g < n;) {
            zf_day day = d->cases[list[g]].d[D_INSPECTED];
            size_t end = g;
            for (; end < n && d->cases[list[end]].d[D_INSPECTED] == day; end++) {
                uint32_t a = d->cases[list[end]].agency;
                if (last_seen[a] == ZF_DAY_NONE) seen[nseen++] = a;
                last_seen[a] = day;
            }
            for (size_t k = g; k < end; k++) {
                const CaseRec *c = &d->cases[list[k]];
                const long long *pr = params + (size_t)c->agency * RULE_PARAM_COUNT;
                zf_day from = day - (zf_day)pr[RP_JOINT_WINDOW_DAYS] + 1;
                long long count = 0;
                for (size_t s = 0; s < nseen; s++) count += last_seen[seen[s]] >= from;
                if (count >= pr[RP_JOINT_MIN_AGENCIES])
                    flags[list[k]] = (uint8_t)(count > JOINT_MAX_COUNT ? JOINT_MAX_COUNT : count);
            }
            g = end;
        }
        for (size_t s = 0; s < nseen; s++) last_seen[seen[s]] = ZF_DAY_NONE;
    }
    free(last_seen);
    free(seen);
    return ZF_OK;
}

/* I02 — warning only, no due_on (local 综合查一次 rules). */
static void i02_joint_inspection(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (!ctx->joint_flags) return;
    uint8_t f = ctx->joint_flags[c - ctx->data->cases];
    if (f == JOINT_UNDECIDABLE) {
        undecidable(v);
    } else if (f != JOINT_NONE) {
        verdict(v, V_WARNING, ZF_DAY_NONE,
                "同一当事人 %lld 日内被 %d 个执法机关检查，宜纳入“综合查一次”",
                ctx->p[RP_JOINT_WINDOW_DAYS], (int)f);
    }
}
const RuleDef RULE_I02 = {"I02", "“综合查一次”地方规定", SUBJ_CASE, K_INSPECTION,
                          i02_joint_inspection, NULL, NULL, NULL};
