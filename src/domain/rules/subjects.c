/* Who may act (rules.md §3: P16, P17), for every case kind: the case's power must be in the
 * 权责清单 and held by the case's agency, and the agency must be a qualified 执法主体.
 * Pure. A reference that resolves to nothing is itself the finding. */
#include "domain/rules/rules_internal.h"

/* P16 — the power exists and lists the agency (行政处罚法 4, 17). A case without a power
 * reference cannot be shown to rest on a listed power: reported as unknown. */
static void p16_power_held(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    const RuleData *d = ctx->data;
    if (c->power == REF_NONE) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "案件未载明执法事项（权责清单事项）");
        return;
    }
    const PowerRec *p = &d->power[c->power];
    const char *code = d->powers.strs[c->power];
    if (!p->known) {
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "执法事项 %s 不在权责清单中", code);
        return;
    }
    for (uint32_t i = 0; i < p->agencies_n; i++)
        if (d->refs[p->agencies_off + i] == c->agency) return;
    verdict(v, V_VIOLATION, ZF_DAY_NONE, "执法机关 %s 不具有执法事项 %s 的职权",
            agency_code(d, c->agency), code);
}
const RuleDef RULE_P16 = {"P16", "《中华人民共和国行政处罚法》第四条、第十七条", SUBJ_CASE, K_ANY,
                          p16_power_held, NULL, NULL, NULL};

/* P17 — the agency is known and its 主体资格 confirmed (行政处罚法 17–20). */
static void p17_agency_qualified(const RuleCtx *ctx, const CaseRec *c, Verdict *v)
{
    const RuleData *d = ctx->data;
    const AgencyRec *a = &d->agency[c->agency];
    if (!a->known)
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "执法机关 %s 不在执法主体名录中",
                agency_code(d, c->agency));
    else if (!a->qualified)
        verdict(v, V_VIOLATION, ZF_DAY_NONE, "执法机关 %s 的执法主体资格未经确认",
                agency_code(d, c->agency));
}
const RuleDef RULE_P17 = {"P17", "《中华人民共和国行政处罚法》第十七条至第二十条", SUBJ_CASE, K_ANY,
                          p17_agency_qualified, NULL, NULL, NULL};
