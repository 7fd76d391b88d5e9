/* Element rules (rules.md §5: E01–E03) on officers, agencies and powers rather than cases.
 * Pure: as-of comes from the caller. */
#include "domain/rules/rules_internal.h"

/* E01 — an active officer's certificate expires within the window: as-of ≤ cert_valid_to ≤
 * as-of + 30. due_on = cert_valid_to. */
static void e01_cert_expiring(const RuleCtx *ctx, uint32_t id, const OfficerRec *o, Verdict *v)
{
    (void)id;
    if (o->status != OFFICER_ACTIVE) return;
    if (!has(o->valid_to)) {
        undecidable(v);
        return;
    }
    char a[ZF_DATE_LEN];
    if (ctx->as_of <= o->valid_to && o->valid_to <= ctx->as_of + ctx->p[RP_CERT_WARNING_DAYS])
        verdict(v, V_WARNING, o->valid_to, "执法证件将于 %s 到期（剩余 %d 日）",
                fmt_day(o->valid_to, a), (int)(o->valid_to - ctx->as_of));
}
const RuleDef RULE_E01 = {"E01", "行政执法证件管理规定", SUBJ_OFFICER, 0, NULL, e01_cert_expiring,
                          NULL, NULL};

/* E02 — 零执法: an agency listed by at least one penalty power decided no penalty (outcome
 * penalty, any procedure) in the 365 days ending on as-of, i.e. decided_on in
 * [as-of − 364, as-of]. Only agencies with a record are examined. When none is dated in the
 * window but some penalty decision has no decided_on, the rule is undecidable. */
static void e02_zero_enforcement(const RuleCtx *ctx, uint32_t id, const AgencyRec *a, Verdict *v)
{
    (void)id;
    if (!a->holds_penalty_power) return;
    const zf_day *dates = ctx->data->decision_dates + a->decisions_off;
    zf_day from = ctx->as_of - (zf_day)ctx->p[RP_ZERO_ENFORCEMENT_DAYS] + 1;
    size_t lo = 0, hi = a->decisions_n; /* first date ≥ from */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (dates[mid] < from) lo = mid + 1;
        else hi = mid;
    }
    if (lo < a->decisions_n && dates[lo] <= ctx->as_of) return;
    if (a->undated_decisions) {
        undecidable(v);
        return;
    }
    verdict(v, V_WARNING, ZF_DAY_NONE, "具有行政处罚职权，但 %lld 日内未作出行政处罚决定（零执法）",
            ctx->p[RP_ZERO_ENFORCEMENT_DAYS]);
}
const RuleDef RULE_E02 = {"E02", "行政执法监督（零执法）", SUBJ_AGENCY, 0, NULL, NULL,
                          e02_zero_enforcement, NULL};

/* E03 — every power in the 权责清单 names its legal basis (行政处罚法 4). */
static void e03_power_basis(const RuleCtx *ctx, uint32_t id, const PowerRec *p, Verdict *v)
{
    (void)ctx;
    (void)id;
    if (p->basis_empty) verdict(v, V_VIOLATION, ZF_DAY_NONE, "权责清单事项未载明设定依据");
}
const RuleDef RULE_E03 = {"E03", "《中华人民共和国行政处罚法》第四条", SUBJ_POWER, 0, NULL, NULL, NULL,
                          e03_power_basis};
