/* Licensing time limits (rules.md §4: L01, L02), in working days (行政许可法 82). Pure. */
#include "domain/rules/rules_internal.h"

/* L01 — decision by add_wd(accepted_on, 20 + extension_days), extension at most 10
 * (行政许可法 42). Not yet decided (no decided_on, no outcome) is late once as-of is after the
 * deadline; an outcome without decided_on, or no accepted_on, is undecidable. The deadline
 * uses extension_days as written. due_on = the deadline (absent without accepted_on). */
static void l01_license_decision(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    int base = (int)ctx->p[RP_LICENSE_WD], max_ext = (int)ctx->p[RP_LICENSE_MAX_EXTENSION_WD];
    zf_day accepted = c->d[D_ACCEPTED], decided = c->d[D_DECIDED];
    zf_day due = has(accepted) ? add_wd(ctx->cal, accepted, base + c->extension_days)
                               : ZF_DAY_NONE;
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (c->extension_days > max_ext) {
        verdict(v, V_VIOLATION, due, "许可决定期限延长 %d 个工作日，超过法定 %d 日",
                c->extension_days, max_ext);
        return;
    }
    if (!has(accepted) || (!has(decided) && !undecided(c))) {
        undecidable(v);
        return;
    }
    zf_day when = has(decided) ? decided : ctx->as_of;
    if (when <= due) return;
    if (has(decided))
        verdict(v, V_VIOLATION, due, "受理后 %d 个工作日内未作出许可决定：应于 %s 前，%s 决定",
                base + c->extension_days, fmt_day(due, a), fmt_day(decided, b));
    else
        verdict(v, V_VIOLATION, due, "受理后 %d 个工作日内未作出许可决定（期限 %s，尚未决定）",
                base + c->extension_days, fmt_day(due, a));
}
const RuleDef RULE_L01 = {"L01", "《中华人民共和国行政许可法》第四十二条", SUBJ_CASE, K_LICENSE,
                          l01_license_decision, NULL, NULL, NULL};

/* L02 — 补正 notice within 5 working days of receipt (行政许可法 32). No correction notice
 * means none was needed: nothing to check. due_on = add_wd(received_on, 5). */
static void l02_correction_notice(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    zf_day notice = c->d[D_CORRECTION_NOTICE];
    if (!has(notice)) return;
    if (!has(c->d[D_RECEIVED])) {
        undecidable(v);
        return;
    }
    int wd = (int)ctx->p[RP_CORRECTION_WD];
    zf_day due = add_wd(ctx->cal, c->d[D_RECEIVED], wd);
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (notice > due)
        verdict(v, V_VIOLATION, due, "收到申请后 %d 个工作日内未一次告知补正：应于 %s 前，%s 告知", wd,
                fmt_day(due, a), fmt_day(notice, b));
}
const RuleDef RULE_L02 = {"L02", "《中华人民共和国行政许可法》第三十二条", SUBJ_CASE, K_LICENSE,
                          l02_correction_notice, NULL, NULL, NULL};

/* L03 — a granted licence's certificate issued and served within 10 working days of the
 * decision (行政许可法 44, 82); not served is late once as-of is after it. A grant without
 * decided_on cannot be placed: undecidable. due_on = add_wd(decided_on, 10). */
static void l03_license_service(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (c->outcome != OUT_GRANTED) return;
    zf_day decided = c->d[D_DECIDED], served = c->d[D_SERVED];
    if (!has(decided)) {
        undecidable(v);
        return;
    }
    int wd = (int)ctx->p[RP_LICENSE_SERVICE_WD];
    zf_day due = add_wd(ctx->cal, decided, wd);
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN], w[ZF_DATE_LEN];
    if (has(served) && served > due)
        verdict(v, V_VIOLATION, due, "%s 准予许可，应在 %d 个工作日内（至 %s）颁发、送达证件，%s 才送达",
                fmt_day(decided, a), wd, fmt_day(due, w), fmt_day(served, b));
    else if (!has(served) && ctx->as_of > due)
        verdict(v, V_VIOLATION, due, "%s 准予许可，应在 %d 个工作日内（至 %s）颁发、送达证件，尚未送达",
                fmt_day(decided, a), wd, fmt_day(due, w));
}
const RuleDef RULE_L03 = {"L03", "《中华人民共和国行政许可法》第四十四条、第八十二条", SUBJ_CASE, K_LICENSE,
                          l03_license_service, NULL, NULL, NULL};
