/* Time limits of a penalty case (rules.md §3: P08–P10, P12, P14, P18), computed with the
 * period arithmetic of rules.md §1. "Late" = the act's date after the deadline; an act not
 * done yet is late when as-of is after the deadline. Pure. */
#include "domain/rules/rules_internal.h"

/* Act `done` (or not yet done) against `due`: days late, or 0 when on time. */
static int days_late(zf_day done, zf_day due, zf_day as_of)
{
    zf_day when = has(done) ? done : as_of;
    return when > due ? (int)(when - due) : 0;
}

/* P08 — decision within 90 days of filing, + extension_days + suspended_days (absent = 0),
 * add_nd with roll-forward (行政处罚法 60). Ordinary procedure only; absent procedure is
 * undecidable. "Undecided" = no decided_on and no decision outcome: a recorded outcome without
 * decided_on is undecidable, and so is a case without filed_on. Warning: undecided and
 * 0 ≤ deadline − as-of ≤ 10. due_on = the deadline. */
static void p08_decision_in_90_days(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (c->procedure == PROC_NONE) {
        undecidable(v);
        return;
    }
    if (c->procedure != PROC_ORDINARY) return;
    if (!has(c->d[D_FILED]) || (!has(c->d[D_DECIDED]) && !undecided(c))) {
        undecidable(v);
        return;
    }
    int days = (int)ctx->p[RP_DECISION_DAYS] + c->extension_days + c->suspended_days;
    zf_day due = add_nd(ctx->cal, c->d[D_FILED], days);
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    int late = days_late(c->d[D_DECIDED], due, ctx->as_of);
    if (late && has(c->d[D_DECIDED])) {
        verdict(v, V_VIOLATION, due, "立案后 %d 日内未作出处罚决定：%s 立案，%s 决定（超期 %d 日）",
                days, fmt_day(c->d[D_FILED], a), fmt_day(c->d[D_DECIDED], b), late);
    } else if (late) {
        if (days == 90)
            verdict(v, V_VIOLATION, due, "立案后九十日内未作出处罚决定（已超期 %d 日）", late);
        else
            verdict(v, V_VIOLATION, due, "立案后 %d 日内未作出处罚决定（已超期 %d 日）", days, late);
    } else if (!has(c->d[D_DECIDED]) && due - ctx->as_of <= ctx->p[RP_DECISION_WARNING_DAYS]) {
        verdict(v, V_WARNING, due, "距处罚决定期限 %s 还有 %d 日", fmt_day(due, a),
                (int)(due - ctx->as_of));
    }
}
const RuleDef RULE_P08 = {"P08", "《中华人民共和国行政处罚法》第六十条", SUBJ_CASE, K_PENALTY,
                          p08_decision_in_90_days, NULL, NULL, NULL};

/* P09 — service of the decision (行政处罚法 61, 52). Ordinary: by add_wd(decided_on, 7).
 * Simple: on the spot, so due = decided_on and any served_on ≠ decided_on is a violation; not
 * yet served is late once as-of is after decided_on (§1). due_on = that deadline. Absent
 * procedure or decided_on: undecidable. */
static void p09_service(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (!penalty_decided(c)) return;
    if (c->procedure != PROC_NONE && c->procedure != PROC_SIMPLE && c->procedure != PROC_ORDINARY)
        return;
    if (c->procedure == PROC_NONE || !has(c->d[D_DECIDED])) {
        undecidable(v);
        return;
    }
    zf_day decided = c->d[D_DECIDED], served = c->d[D_SERVED];
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (c->procedure == PROC_SIMPLE) {
        if (has(served) ? served != decided : ctx->as_of > decided) {
            if (has(served))
                verdict(v, V_VIOLATION, decided, "简易程序处罚决定书未当场交付：%s 决定，%s 送达",
                        fmt_day(decided, a), fmt_day(served, b));
            else
                verdict(v, V_VIOLATION, decided, "简易程序处罚决定书未当场交付（%s 决定，尚未送达）",
                        fmt_day(decided, a));
        }
        return;
    }
    int wd = (int)ctx->p[RP_SERVICE_WD];
    zf_day due = add_wd(ctx->cal, decided, wd);
    int late = days_late(served, due, ctx->as_of);
    if (!late) return;
    if (has(served))
        verdict(v, V_VIOLATION, due, "处罚决定书未在 %d 个工作日内送达：应于 %s 前，%s 送达", wd,
                fmt_day(due, a), fmt_day(served, b));
    else
        verdict(v, V_VIOLATION, due, "处罚决定书未在 %d 个工作日内送达（已超期 %d 日）", wd, late);
}
const RuleDef RULE_P09 = {"P09", "《中华人民共和国行政处罚法》第六十一条、第五十二条", SUBJ_CASE,
                          K_PENALTY, p09_service, NULL, NULL, NULL};

/* P10 — publication by add_wd(decided_on, N), N = 20 for market_regulation, else 7
 * (行政处罚法 48; 市场监督管理行政处罚信息公示规定 9). Not yet published is late once as-of is
 * after the deadline (§1). due_on = the deadline. */
static void p10_publicity(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (!penalty_decided(c)) return;
    if (c->procedure != PROC_NONE && c->procedure != PROC_ORDINARY) return;
    if (c->procedure == PROC_NONE || !has(c->d[D_DECIDED])) {
        undecidable(v);
        return;
    }
    int wd = (int)ctx->p[RP_PUBLICITY_WD];
    zf_day due = add_wd(ctx->cal, c->d[D_DECIDED], wd);
    int late = days_late(c->d[D_PUBLISHED], due, ctx->as_of);
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!late) return;
    if (has(c->d[D_PUBLISHED]))
        verdict(v, V_VIOLATION, due, "处罚决定未在 %d 个工作日内公示：应于 %s 前，%s 公示", wd,
                fmt_day(due, a), fmt_day(c->d[D_PUBLISHED], b));
    else
        verdict(v, V_VIOLATION, due, "处罚决定未在 %d 个工作日内公示（已超期 %d 日）", wd, late);
}
const RuleDef RULE_P10 = {"P10",
                          "《中华人民共和国行政处罚法》第四十八条；《市场监督管理行政处罚信息公示规定》第九条",
                          SUBJ_CASE, K_PENALTY, p10_publicity, NULL, NULL, NULL};

/* P12 — limitation (行政处罚法 36): discovered_on > add_years(violation_ended_on, 2 or 5),
 * no roll-forward (it is not a deadline for an act, so no due_on either). */
static void p12_limitation(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (!penalty_decided(c)) return;
    if (!has(c->d[D_VIOLATION_ENDED]) || !has(c->d[D_DISCOVERED])) {
        undecidable(v);
        return;
    }
    int years = (int)ctx->p[c->flags & CF_HEALTH_OR_FINANCE ? RP_LIMITATION_YEARS_GRAVE
                                                            : RP_LIMITATION_YEARS];
    zf_day limit = add_years(c->d[D_VIOLATION_ENDED], years);
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (c->d[D_DISCOVERED] > limit)
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "违法行为 %s 终了，%d 年内未被发现（%s 发现），不再给予处罚",
                fmt_day(c->d[D_VIOLATION_ENDED], a), years, fmt_day(c->d[D_DISCOVERED], b));
}
const RuleDef RULE_P12 = {"P12", "《中华人民共和国行政处罚法》第三十六条", SUBJ_CASE, K_PENALTY,
                          p12_limitation, NULL, NULL, NULL};

/* P14 — filing within the sector's limit after discovery (市场监督管理行政处罚程序规定 18:
 * 15 working days, +15 when filing_extended). Simple procedure (当场处罚) has no 立案, so it is
 * out of scope. Not yet filed is late once as-of is after the deadline (§1) — but a case already
 * decided with no filed_on is missing a date, not missing an act: undecidable.
 * due_on = the deadline. */
static void p14_filing_limit(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    int limit = (int)ctx->p[RP_FILING_LIMIT_WD];
    if (limit <= 0 || c->procedure == PROC_SIMPLE) return;
    if (!has(c->d[D_DISCOVERED]) || (!has(c->d[D_FILED]) && !undecided(c))) {
        undecidable(v);
        return;
    }
    if (c->flags & CF_FILING_EXTENDED) limit += (int)ctx->p[RP_FILING_EXTENSION_WD];
    zf_day due = add_wd(ctx->cal, c->d[D_DISCOVERED], limit);
    int late = days_late(c->d[D_FILED], due, ctx->as_of);
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!late) return;
    if (has(c->d[D_FILED]))
        verdict(v, V_VIOLATION, due, "发现线索后 %d 个工作日内未立案：%s 发现，%s 立案", limit,
                fmt_day(c->d[D_DISCOVERED], a), fmt_day(c->d[D_FILED], b));
    else
        verdict(v, V_VIOLATION, due, "发现线索后 %d 个工作日内未立案（已超期 %d 日）", limit, late);
}
const RuleDef RULE_P14 = {"P14", "《市场监督管理行政处罚程序规定》第十八条", SUBJ_CASE, K_PENALTY,
                          p14_filing_limit, NULL, NULL, NULL};

/* P18 — unpaid fine not taken to court (行政强制法 53; 行政诉讼法 46): fine > 0, served, not
 * paid, no enforcement_applied_on, as-of > add_months(served_on, 9) rolled forward to a working
 * day (the worked example: 2025-08-01 + 9 months = 2026-05-01 → 2026-05-06). due_on = that. */
static void p18_enforcement_application(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (c->fine_fen == MONEY_NONE || c->fine_fen <= 0 || !has(c->d[D_SERVED])) return;
    if (has(c->d[D_PAID]) || has(c->d[D_ENFORCEMENT_APPLIED])) return;
    int months = (int)ctx->p[RP_ENFORCEMENT_MONTHS];
    zf_day due = add_months_deadline(ctx->cal, c->d[D_SERVED], months);
    char a[ZF_DATE_LEN];
    if (ctx->as_of > due)
        verdict(v, V_VIOLATION, due, "罚款未缴纳，送达后 %d 个月（至 %s）仍未申请法院强制执行", months,
                fmt_day(due, a));
}
const RuleDef RULE_P18 = {"P18",
                          "《中华人民共和国行政强制法》第五十三条；《中华人民共和国行政诉讼法》第四十六条",
                          SUBJ_CASE, K_PENALTY, p18_enforcement_application, NULL, NULL, NULL};
