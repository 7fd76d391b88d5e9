/* The 案情 gates (docs/case-record.md "Substance"): what the law requires a case to hold before the
 * party is notified, before a decision, and before an on-the-spot decision; each refusal names the
 * missing fields in Chinese and cites its article. Pure: reads CaseState.substance only. */
#include <stdio.h>

#include "domain/case_substance.h"
#include "domain/workflow/workflow.h"

#define LAW_40 "《中华人民共和国行政处罚法》第四十条"
#define LAW_44 "《中华人民共和国行政处罚法》第四十四条"
#define LAW_45 "《中华人民共和国行政处罚法》第四十五条"
#define LAW_52 "《中华人民共和国行政处罚法》第五十二条"

/* 行政处罚法 44: 告知拟作出的行政处罚内容及事实、理由、依据. */
static const unsigned NOTICE_NEEDS =
    CASE_SUB_CAUSE | CASE_SUB_FACTS | CASE_SUB_VIOLATION_BASIS | CASE_SUB_PENALTY_BASIS;
/* 行政处罚法 52: 当事人的违法行为，行政处罚的种类和依据. */
static const unsigned ONSPOT_NEEDS = CASE_SUB_CAUSE | CASE_SUB_FACTS | CASE_SUB_PENALTY_BASIS;

static int refuse_missing(unsigned missing, const char *code, const char *when, const char *law, ZfError *err)
{
    char names[200];
    case_substance_names(missing, names, sizeof names);
    return zf_fail(err, 422, code, case_substance_first_code(missing), "%s须先填写%s（%s）", when, names, law);
}

/* 行政处罚法 40: 违法事实不清、证据不足的，不得给予行政处罚; the notice's content first (44), then
 * the evidence, then the party's statement reviewed once received (45). */
static int decision_substance(const CaseState *cs, ZfError *err)
{
    unsigned missing = NOTICE_NEEDS & ~cs->substance;
    if (missing)
        return refuse_missing(missing, "gate_substance_decision", "作出处罚决定前，告知当事人的事实、理由、依据",
                              LAW_44, err);
    if (!(cs->substance & CASE_SUB_EVIDENCE))
        return refuse_missing(CASE_SUB_EVIDENCE, "gate_substance_evidence",
                              "违法事实不清、证据不足的，不得给予行政处罚；作出决定前", LAW_40, err);
    if ((cs->substance & CASE_SUB_DEFENSE_RECEIVED) && !(cs->substance & CASE_SUB_DEFENSE_ADOPTED))
        return refuse_missing(CASE_SUB_DEFENSE_ADOPTED, "gate_substance_defense",
                              "当事人已提出陈述、申辩，行政机关应当复核；作出决定前", LAW_45, err);
    return ZF_OK;
}

int workflow_check_substance(WfGate gate, const CaseState *cs, ZfError *err)
{
    unsigned missing;
    switch (gate) {
    case WG_SUBSTANCE_NOTICE:
        missing = NOTICE_NEEDS & ~cs->substance;
        return missing ? refuse_missing(missing, "gate_substance_notice",
                                        "告知当事人拟作出的行政处罚内容及事实、理由、依据前", LAW_44, err)
                       : ZF_OK;
    case WG_SUBSTANCE_DECISION: return decision_substance(cs, err);
    case WG_SUBSTANCE_ONSPOT:
        missing = ONSPOT_NEEDS & ~cs->substance;
        return missing ? refuse_missing(missing, "gate_substance_onspot",
                                        "当场作出行政处罚决定，决定书应当载明当事人的违法行为和处罚依据；决定前",
                                        LAW_52, err)
                       : ZF_OK;
    default: break;
    }
    return ZF_OK;
}
