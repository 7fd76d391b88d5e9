/* Penalty rules of catalogue v2 (rules.md §7: P19–P21): the late fee to the fen, and the
 * party's five working days to ask for a hearing. Money in integer fen. Pure. */
#include "domain/rules/rules_internal.h"

/* floor(fine × pct × days / 100) in fen without overflow: fine = 100q + r. Only called while
 * pct × days ≤ 100 (beyond it the cap of P13 is the tighter bound). */
static int64_t late_fee_allowed(int64_t fine_fen, long long pct, int days)
{
    int64_t q = fine_fen / 100, r = fine_fen % 100, k = (int64_t)pct * days;
    return q * k + (r * k) / 100;
}

/* P19 — 加处罚款 at most pct (3) % of the fine a day (行政处罚法 72), counted from the day after
 * the payment deadline add_nd(served_on, 15) (行政处罚法 67; rolled forward past holidays) to
 * paid_on, or to as-of while unpaid; none before it. A fee above the fine is P13's, not this
 * rule's. No due_on: the deadline is the party's, not the agency's. */
static void p19_late_fee_rate(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (!penalty_decided(c) || c->fine_fen == MONEY_NONE || c->fine_fen <= 0) return;
    if (!has(c->d[D_SERVED]) || c->late_fee_fen == MONEY_NONE || c->late_fee_fen > c->fine_fen) return;
    zf_day pay_due = add_nd(ctx->cal, c->d[D_SERVED], (int)ctx->p[RP_PAY_DAYS]);
    zf_day until = has(c->d[D_PAID]) ? c->d[D_PAID] : ctx->as_of;
    int days = until > pay_due ? (int)(until - pay_due) : 0;
    long long pct = ctx->p[RP_LATE_FEE_PCT_PER_DAY];
    if (pct * days >= 100) return; /* the whole fine is allowed: only P13 can object */
    int64_t allowed = late_fee_allowed(c->fine_fen, pct, days);
    if (c->late_fee_fen <= allowed) return;
    char a[ZF_DATE_LEN], f[40], m[40], g[40];
    if (days == 0) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "应缴期限 %s，当事人未逾期，依法不应加处罚款，实际加处 %s 元",
                fmt_day(pay_due, a), fmt_yuan2(c->late_fee_fen, g));
        return;
    }
    verdict(v, V_VIOLATION, ZF_DAY_NONE,
            "应缴期限 %s，逾期 %d 日，罚款 %s 元每日加处 %lld%%，依法最多加处 %s 元，实际加处 %s 元",
            fmt_day(pay_due, a), days, fmt_yuan2(c->fine_fen, f), pct, fmt_yuan2(allowed, m),
            fmt_yuan2(c->late_fee_fen, g));
}
const RuleDef RULE_P19 = {"P19", "《中华人民共和国行政处罚法》第六十七条、第七十二条", SUBJ_CASE, K_PENALTY,
                          p19_late_fee_rate, NULL, NULL, NULL};

/* P20 — a hearing asked for within add_wd(notified_on, 5) must be held (行政处罚法 63, 64):
 * asked in time and no hearing_held_on. A request after the window may be refused: no finding.
 * Any procedure (the table names none). */
static void p20_hearing_not_held(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (!penalty_decided(c) || has(c->d[D_HEARING_HELD])) return;
    zf_day notified = c->d[D_NOTIFIED], asked = c->d[D_HEARING_REQUESTED];
    if (!has(notified) || !has(asked)) return;
    int wd = (int)ctx->p[RP_HEARING_REQUEST_WD];
    zf_day window = add_wd(ctx->cal, notified, wd);
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN], w[ZF_DATE_LEN];
    if (asked <= window)
        verdict(v, V_VIOLATION, ZF_DAY_NONE,
                "%s 告知，当事人 %s 在 %d 个工作日内（至 %s）要求听证，未组织听证即作出处罚决定",
                fmt_day(notified, a), fmt_day(asked, b), wd, fmt_day(window, w));
}
const RuleDef RULE_P20 = {"P20", "《中华人民共和国行政处罚法》第六十三条、第六十四条", SUBJ_CASE, K_PENALTY,
                          p20_hearing_not_held, NULL, NULL, NULL};

/* P21 — decided while the party could still ask for a hearing (行政处罚法 64): ordinary
 * procedure, hearing right notified, no request and no written waiver, decided_on ≤
 * add_wd(notified_on, 5) — the decision on the window's last day is too early as well. A decision
 * without decided_on cannot be placed: undecidable. due_on = the window's last day. */
static void p21_decided_in_hearing_window(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (c->procedure != PROC_ORDINARY || !penalty_decided(c)) return;
    if (!(c->flags & CF_HEARING_RIGHT_NOTIFIED) || (c->flags & CF_HEARING_WAIVED)) return;
    if (!has(c->d[D_NOTIFIED]) || has(c->d[D_HEARING_REQUESTED])) return;
    if (!has(c->d[D_DECIDED])) {
        undecidable(v);
        return;
    }
    int wd = (int)ctx->p[RP_HEARING_REQUEST_WD];
    zf_day window = add_wd(ctx->cal, c->d[D_NOTIFIED], wd);
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN], w[ZF_DATE_LEN];
    if (c->d[D_DECIDED] <= window)
        verdict(v, V_VIOLATION, window,
                "%s 告知听证权利，当事人可在 %d 个工作日内（至 %s）要求听证，%s 即作出处罚决定",
                fmt_day(c->d[D_NOTIFIED], a), wd, fmt_day(window, w), fmt_day(c->d[D_DECIDED], b));
}
const RuleDef RULE_P21 = {"P21", "《中华人民共和国行政处罚法》第六十四条", SUBJ_CASE, K_PENALTY,
                          p21_decided_in_hearing_window, NULL, NULL, NULL};
