/* Amount rules of a penalty case (rules.md §3: P11, P13): the fine against the discretion
 * benchmark, the late fee against the fine. Money compared in integer fen. Pure. */
#include <string.h>

#include "domain/exchange.h"
#include "domain/rules/rules_internal.h"

/* P11 — fine within the benchmark tier (行政处罚法 34). The named tier's [fine_min, fine_max];
 * with no tier named, the span of all tiers together (lowest fine_min to highest fine_max). A
 * named tier missing from the benchmark is a violation by itself. decision.reduced skips the
 * lower bound. A decision without a fine (e.g. a warning) has no amount to check. */
static void p11_benchmark(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    const RuleData *d = ctx->data;
    if (!penalty_decided(c) || c->power == REF_NONE) return;
    const PowerRec *p = &d->power[c->power];
    if (!p->has_benchmark) return;
    const Tier *tiers = d->tiers + p->tiers_off;
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    if (c->tier) {
        const Tier *t = NULL;
        for (uint32_t i = 0; i < p->tiers_n && !t; i++)
            if (tiers[i].name && strcmp(tiers[i].name, c->tier) == 0) t = &tiers[i];
        if (!t) {
            const char *tier = exchange_dict_name("tiers", c->tier);
            verdict(v, V_VIOLATION, ZF_DAY_NONE, "裁量阶次“%s”不在该事项的裁量基准中", tier ? tier : c->tier);
            return;
        }
        lo = t->min_fen;
        hi = t->max_fen;
    } else {
        for (uint32_t i = 0; i < p->tiers_n; i++) {
            if (tiers[i].min_fen < lo) lo = tiers[i].min_fen;
            if (tiers[i].max_fen > hi) hi = tiers[i].max_fen;
        }
        if (!p->tiers_n) return;
    }
    if (c->fine_fen == MONEY_NONE) return;
    bool below = !(c->flags & CF_REDUCED) && c->fine_fen < lo;
    if (!below && c->fine_fen <= hi) return;
    char f[32], a[32], b[32];
    const char *tier = c->tier ? exchange_dict_name("tiers", c->tier) : NULL;
    verdict(v, V_VIOLATION, ZF_DAY_NONE, "罚款 %s 元超出裁量基准%s%s%s范围 %s–%s 元",
            fmt_yuan(c->fine_fen, f), c->tier ? "“" : "", c->tier ? (tier ? tier : c->tier) : "",
            c->tier ? "”阶次" : "", lo == INT64_MIN + 1 ? "0" : fmt_yuan(lo, a),
            hi == INT64_MAX ? "∞" : fmt_yuan(hi, b));
}
const RuleDef RULE_P11 = {"P11", "《中华人民共和国行政处罚法》第三十四条", SUBJ_CASE, K_PENALTY,
                          p11_benchmark, NULL, NULL, NULL};

/* P13 — late fee capped at the fine (行政处罚法 72). A late fee with no fine recorded cannot
 * be compared: undecidable. */
static void p13_late_fee_cap(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    (void)ctx;
    if (c->late_fee_fen == MONEY_NONE) return;
    if (c->fine_fen == MONEY_NONE) {
        undecidable(v);
        return;
    }
    char a[32], b[32];
    if (c->late_fee_fen > c->fine_fen)
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "加处罚款 %s 元超过罚款数额 %s 元",
                fmt_yuan(c->late_fee_fen, a), fmt_yuan(c->fine_fen, b));
}
const RuleDef RULE_P13 = {"P13", "《中华人民共和国行政处罚法》第七十二条", SUBJ_CASE, K_PENALTY,
                          p13_late_fee_cap, NULL, NULL, NULL};
