/* Administrative coercion rules (rules.md §4: C01, C03): how long a seal or seizure may last
 * and when enforcement may be carried out. Pure. */
#include "domain/rules/rules_internal.h"

/* C01 — seal/seize at most 30 days (+ extension_days, itself at most 30) (行政强制法 25).
 * Deadline add_nd(started_on, 30 + extension_days) as written, even when the extension itself
 * is over the limit; not yet released is late once as-of is after it. due_on = the deadline
 * (absent when started_on is). */
static void c01_seal_duration(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (c->measure != CM_SEAL && c->measure != CM_SEIZE) return;
    int base = (int)ctx->p[RP_SEAL_DAYS], max_ext = (int)ctx->p[RP_SEAL_MAX_EXTENSION_DAYS];
    zf_day started = c->d[D_STARTED], released = c->d[D_RELEASED];
    zf_day due = has(started) ? add_nd(ctx->cal, started, base + c->extension_days) : ZF_DAY_NONE;
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (c->extension_days > max_ext) {
        verdict(v, V_VIOLATION, due, "查封、扣押延长 %d 日，超过法定 %d 日", c->extension_days,
                max_ext);
        return;
    }
    if (!has(started)) {
        undecidable(v);
        return;
    }
    zf_day when = has(released) ? released : ctx->as_of;
    if (when <= due) return;
    if (has(released))
        verdict(v, V_VIOLATION, due, "查封、扣押期限至 %s，%s 才解除（超期 %d 日）", fmt_day(due, a),
                fmt_day(released, b), (int)(released - due));
    else
        verdict(v, V_VIOLATION, due, "查封、扣押期限 %s 届满仍未解除（已超期 %d 日）", fmt_day(due, a),
                (int)(ctx->as_of - due));
}
const RuleDef RULE_C01 = {"C01", "《中华人民共和国行政强制法》第二十五条", SUBJ_CASE, K_COERCION,
                          c01_seal_duration, NULL, NULL, NULL};

/* C03 — no enforcement at night (22:00–06:00) or on a non-working day unless urgent
 * (行政强制法 43). 22:00 itself is night; 06:00 is not. Not executed (no executed_at): nothing
 * to check. */
static void c03_enforcement_time(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (c->measure != CM_ENFORCE || c->executed_minute < 0 || (c->flags & CF_URGENT)) return;
    int m = c->executed_minute;
    bool night = m >= ctx->p[RP_NIGHT_START_MINUTE] || m < ctx->p[RP_NIGHT_END_MINUTE];
    bool off = !calendar_is_workday(ctx->cal, c->d[D_EXECUTED]);
    char a[ZF_DATE_LEN];
    if (night || off)
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "非紧急情况下于%s%s（%s %02d:%02d）实施强制执行",
                off ? "休息日" : "", night ? "夜间" : "", fmt_day(c->d[D_EXECUTED], a), m / 60, m % 60);
}
const RuleDef RULE_C03 = {"C03", "《中华人民共和国行政强制法》第四十三条", SUBJ_CASE, K_COERCION,
                          c03_enforcement_time, NULL, NULL, NULL};
