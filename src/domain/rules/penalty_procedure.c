/* Procedure rules of a penalty case (rules.md §3: P01–P07, P15): who acted, in which
 * procedure, and whether notice, hearing, legal review and collective discussion came first.
 * Pure; a missing act is a violation only where the rule says so. */
#include <string.h>

#include "domain/rules/rules_internal.h"

/* P01 — at least two officers (行政处罚法 42; 行政强制法 18). Counts distinct cert numbers;
 * no officers listed at all is the violation itself. */
static void p01_two_officers(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    const uint32_t *ids = ctx->data->refs + c->officers_off;
    size_t distinct = 0;
    for (size_t i = 0; i < c->officers_n && distinct < 2; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) seen = ids[j] == ids[i];
        if (!seen) distinct++;
    }
    if (distinct < 2)
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "执法人员少于两人（%zu 人）", distinct);
}
const RuleDef RULE_P01 = {"P01",
                          "《中华人民共和国行政处罚法》第四十二条；《中华人民共和国行政强制法》第十八条",
                          SUBJ_CASE, K_PENALTY | K_INSPECTION | K_COERCION, p01_two_officers,
                          NULL, NULL, NULL};

/* P02 — every listed officer is known, `active`, and certified on the act date (decided_on,
 * else filed_on). Status is the officer's current status. An unknown or inactive officer is a
 * violation whatever the dates; without an act date (or certificate dates) the validity
 * window cannot be checked and the rule is undecidable for the case. */
static void p02_officer_certified(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    const RuleData *d = ctx->data;
    zf_day act = has(c->d[D_DECIDED]) ? c->d[D_DECIDED] : c->d[D_FILED];
    bool unsure = false;
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN], e[ZF_DATE_LEN];
    for (size_t i = 0; i < c->officers_n; i++) {
        uint32_t id = d->refs[c->officers_off + i];
        const OfficerRec *o = &d->officer[id];
        const char *cert = d->officers.strs[id];
        if (!o->known) {
            verdict(v, V_VIOLATION, ZF_DAY_NONE, "执法人员 %s 无执法证件记录", cert);
            return;
        }
        if (o->status != OFFICER_ACTIVE) {
            verdict(v, V_VIOLATION, ZF_DAY_NONE, "执法人员 %s 的执法证件状态为 %s", cert,
                    o->status_text);
            return;
        }
        if (!has(act) || !has(o->valid_from) || !has(o->valid_to)) {
            unsure = true;
            continue;
        }
        if (act < o->valid_from || act > o->valid_to) {
            verdict(v, V_VIOLATION, ZF_DAY_NONE,
                    "执法人员 %s 的执法证件有效期为 %s 至 %s，执法行为日期 %s 不在其内", cert,
                    fmt_day(o->valid_from, a), fmt_day(o->valid_to, b), fmt_day(act, e));
            return;
        }
    }
    if (unsure) undecidable(v);
}
const RuleDef RULE_P02 = {"P02", "《中华人民共和国行政处罚法》第四十二条", SUBJ_CASE, K_PENALTY,
                          p02_officer_certified, NULL, NULL, NULL};

/* P03 — 简易程序 only for fine ≤ 200 (person) / ≤ 3000 (org) or a warning (行政处罚法 51).
 * Literal: checked whenever procedure is simple and a decision is recorded, whatever the
 * outcome; an absent fine is no fine. */
static void p03_simple_procedure_limits(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (c->procedure != PROC_SIMPLE) return;
    if (c->measures & ~(unsigned)(M_WARNING | M_FINE)) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "简易程序作出警告、罚款以外的处罚");
        return;
    }
    bool person = c->flags & CF_PERSON;
    int64_t cap = ctx->p[person ? RP_SIMPLE_MAX_PERSON_FEN : RP_SIMPLE_MAX_ORG_FEN];
    if (c->fine_fen != MONEY_NONE && c->fine_fen > cap) {
        char f[32], m[32];
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "简易程序对%s罚款 %s 元，超过 %s 元",
                person ? "公民" : "单位", fmt_yuan(c->fine_fen, f), fmt_yuan(cap, m));
    }
}
const RuleDef RULE_P03 = {"P03", "《中华人民共和国行政处罚法》第五十一条", SUBJ_CASE, K_PENALTY,
                          p03_simple_procedure_limits, NULL, NULL, NULL};

/* P04 — notice of facts, reasons and rights before the decision (行政处罚法 44, 62).
 * A missing notified_on is itself the violation. */
static void p04_notice_before_decision(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    (void)ctx;
    if (!penalty_decided(c)) return;
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!has(c->d[D_NOTIFIED])) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "作出处罚决定前未告知拟处罚的事实、理由、依据及陈述申辩权");
    } else if (!has(c->d[D_DECIDED])) {
        undecidable(v);
    } else if (c->d[D_NOTIFIED] > c->d[D_DECIDED]) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "告知日期 %s 晚于处罚决定日期 %s",
                fmt_day(c->d[D_NOTIFIED], a), fmt_day(c->d[D_DECIDED], b));
    }
}
const RuleDef RULE_P04 = {"P04", "《中华人民共和国行政处罚法》第四十四条、第六十二条", SUBJ_CASE,
                          K_PENALTY, p04_notice_before_decision, NULL, NULL, NULL};

enum {
    HEARING_MEASURES = M_SUSPEND_BUSINESS | M_SUSPEND_LICENSE | M_REVOKE_LICENSE |
                       M_LOWER_QUALIFICATION | M_CLOSE | M_RESTRICT_PRACTICE
};

/* P05 — hearing right for heavy penalties (行政处罚法 63). Amount = fine + confiscated (absent
 * = 0) ≥ the threshold for the party kind, compared in fen. When the hearing would be required
 * but procedure is absent, the rule cannot tell whether it applies: undecidable. */
static void p05_hearing_right(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    if (!penalty_decided(c)) return;
    bool person = c->flags & CF_PERSON;
    int64_t amount = (c->fine_fen == MONEY_NONE ? 0 : c->fine_fen) +
                     (c->confiscated_fen == MONEY_NONE ? 0 : c->confiscated_fen);
    int64_t threshold = ctx->p[person ? RP_HEARING_PERSON_FEN : RP_HEARING_ORG_FEN];
    bool heavy = c->measures & HEARING_MEASURES;
    if (!heavy && amount < threshold) return;
    if (c->procedure == PROC_NONE) {
        undecidable(v);
        return;
    }
    if (c->procedure != PROC_ORDINARY || (c->flags & CF_HEARING_RIGHT_NOTIFIED)) return;
    char a[32], t[32];
    if (heavy)
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "拟作出责令停产停业、吊销许可证件等处罚，未告知当事人听证权利");
    else
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "罚没金额 %s 元达到听证标准 %s 元，未告知当事人听证权利",
                fmt_yuan(amount, a), fmt_yuan(threshold, t));
}
const RuleDef RULE_P05 = {"P05", "《中华人民共和国行政处罚法》第六十三条", SUBJ_CASE, K_PENALTY,
                          p05_hearing_right, NULL, NULL, NULL};

/* P06 — hearing notice at least 7 working days ahead (行政处罚法 64, 85): held on or after
 * add_wd(notice, 7). A hearing held without any notice date is the violation itself. Applies
 * whether or not the case is decided. No due_on: it is a minimum notice, not a deadline. */
static void p06_hearing_notice(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    zf_day held = c->d[D_HEARING_HELD], notice = c->d[D_HEARING_NOTICE];
    if (!has(held)) return;
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN], e[ZF_DATE_LEN];
    if (!has(notice)) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "未发出听证通知即于 %s 举行听证", fmt_day(held, a));
        return;
    }
    zf_day earliest = add_wd(ctx->cal, notice, (int)ctx->p[RP_HEARING_NOTICE_WD]);
    if (held < earliest)
        verdict(v, V_VIOLATION, ZF_DAY_NONE,
                "听证通知 %s 发出，%s 举行听证，不足 %lld 个工作日（最早应为 %s）",
                fmt_day(notice, a), fmt_day(held, b), ctx->p[RP_HEARING_NOTICE_WD],
                fmt_day(earliest, e));
}
const RuleDef RULE_P06 = {"P06", "《中华人民共和国行政处罚法》第六十四条、第八十五条", SUBJ_CASE,
                          K_PENALTY, p06_hearing_notice, NULL, NULL, NULL};

/* P07 — legal review before deciding major/complex cases or cases that had a hearing
 * (行政处罚法 58). "Had a hearing" = hearing_held_on present. Missing or failed review is the
 * violation itself; a passed review without reviewed_on (or a case without decided_on) cannot
 * be ordered: undecidable. */
static void p07_legal_review(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    (void)ctx;
    if (!penalty_decided(c)) return;
    if (!(c->flags & (CF_MAJOR | CF_COMPLEX)) && !has(c->d[D_HEARING_HELD])) return;
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!(c->flags & CF_HAS_REVIEW)) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "重大、复杂或经听证的案件未经法制审核即作出决定");
    } else if (!(c->flags & CF_REVIEW_PASSED)) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "法制审核未通过即作出处罚决定");
    } else if (!has(c->d[D_REVIEWED]) || !has(c->d[D_DECIDED])) {
        undecidable(v);
    } else if (c->d[D_REVIEWED] > c->d[D_DECIDED]) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "法制审核日期 %s 晚于处罚决定日期 %s",
                fmt_day(c->d[D_REVIEWED], a), fmt_day(c->d[D_DECIDED], b));
    }
}
const RuleDef RULE_P07 = {"P07", "《中华人民共和国行政处罚法》第五十八条", SUBJ_CASE, K_PENALTY,
                          p07_legal_review, NULL, NULL, NULL};

/* P15 — collective discussion by the agency heads for major or complex cases
 * (行政处罚法 57). A missing discussion date is the violation itself. */
static void p15_collective_discussion(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    (void)ctx;
    if (!penalty_decided(c) || !(c->flags & (CF_MAJOR | CF_COMPLEX))) return;
    char a[ZF_DATE_LEN], b[ZF_DATE_LEN];
    if (!has(c->d[D_COLLECTIVE])) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "重大、复杂案件未经负责人集体讨论决定");
    } else if (!has(c->d[D_DECIDED])) {
        undecidable(v);
    } else if (c->d[D_COLLECTIVE] > c->d[D_DECIDED]) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "集体讨论日期 %s 晚于处罚决定日期 %s",
                fmt_day(c->d[D_COLLECTIVE], a), fmt_day(c->d[D_DECIDED], b));
    }
}
const RuleDef RULE_P15 = {"P15", "《中华人民共和国行政处罚法》第五十七条", SUBJ_CASE, K_PENALTY,
                          p15_collective_discussion, NULL, NULL, NULL};
