/* Coercion rules of catalogue v2 (rules.md §7: C02, C04): the approval of a seal, seizure or
 * freeze, and the 催告 before an enforcement decision. Pure. */
#include "domain/rules/rules_internal.h"

/* C02 — a measure needs the head's approval first (行政强制法 18); taken on the spot in an
 * urgent case, approval within 24 hours, read as by the next calendar day (行政强制法 19). No
 * approved_on at all is a violation; no started_on: nothing was taken yet. */
static void c02_approval(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (c->measure != CM_SEAL && c->measure != CM_SEIZE && c->measure != CM_FREEZE) return;
    zf_day started = c->d[D_STARTED], approved = c->d[D_APPROVED];
    if (!has(started)) return;
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!has(approved)) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "%s 实施查封、扣押或冻结，无行政机关负责人批准记录",
                fmt_day(started, a));
    } else if (!(c->flags & CF_URGENT) && approved > started) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "非当场实施的强制措施应先经批准：%s 实施，%s 才批准",
                fmt_day(started, a), fmt_day(approved, b));
    } else if ((c->flags & CF_URGENT) && approved > started + ctx->p[RP_URGENT_APPROVAL_DAYS]) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE,
                "当场实施的强制措施应在二十四小时内补办批准：%s 实施，%s 才批准（晚 %d 日）",
                fmt_day(started, a), fmt_day(approved, b),
                (int)(approved - started - ctx->p[RP_URGENT_APPROVAL_DAYS]));
    }
}
const RuleDef RULE_C02 = {"C02", "《中华人民共和国行政强制法》第十八条、第十九条", SUBJ_CASE, K_COERCION,
                          c02_approval, NULL, NULL, NULL};

/* C04 — before deciding to enforce, the party is served a 催告书 (行政强制法 35) and the
 * decision comes only after the period it gives has run out (行政强制法 37): deciding on its
 * last day is too early. No enforce_decided_on: nothing decided yet. */
static void c04_demand_before_enforcement(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    (void)ctx;
    if (c->measure != CM_ENFORCE || !has(c->d[D_ENFORCE_DECIDED])) return;
    zf_day decided = c->d[D_ENFORCE_DECIDED], served = c->d[D_DEMAND_SERVED], due = c->d[D_DEMAND_DUE];
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!has(served))
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "%s 作出强制执行决定，无催告书送达记录", fmt_day(decided, a));
    else if (served > decided)
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "强制执行决定（%s）早于催告书送达（%s）", fmt_day(decided, a),
                fmt_day(served, b));
    else if (has(due) && decided <= due)
        verdict(v, V_VIOLATION, ZF_DAY_NONE,
                "催告书给予的履行期限至 %s 届满，%s 即作出强制执行决定（应在期限届满后）",
                fmt_day(due, b), fmt_day(decided, a));
}
const RuleDef RULE_C04 = {"C04", "《中华人民共和国行政强制法》第三十五条、第三十七条", SUBJ_CASE, K_COERCION,
                          c04_demand_before_enforcement, NULL, NULL, NULL};
