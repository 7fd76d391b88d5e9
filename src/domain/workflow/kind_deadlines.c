/* Deadlines of inspection, coercion, enforcement and licence cases, computed with the period
 * arithmetic of spec/rules.md §1 exactly as rules C01, C02, L01–L03 do; the lengths are the
 * case's WfKindLimits (settings with their basis). Pure: today is passed in. */
#include "domain/workflow/deadlines.h"

/* A period that is the party's (改正, 履行): past it nothing is the agency's delay — grey. */
static void party_period(Deadline out[], size_t n, size_t count)
{
    if (count <= n && count > 0 && out[count - 1].colour == DL_RED && !case_has(out[count - 1].done_on))
        out[count - 1].colour = DL_GREY;
}

static size_t inspection(const CaseState *cs, zf_day today, const Calendar *cal, long long warn, Deadline out[],
                         size_t n)
{
    const WfKindState *k = &cs->k;
    size_t count = 0;
    if (case_has(k->correction_due_on)) {
        deadline_put(out, n, &count, DL_CORRECTION, "当事人改正违法行为", "《中华人民共和国行政处罚法》第二十八条第一款",
                     k->correction_due_on, k->corrected_on, today, warn);
        party_period(out, n, count);
    }
    if (case_has(k->result_on))
        deadline_put(out, n, &count, DL_RESULT_PUBLICITY, "公示检查结果", "《企业信息公示暂行条例》第六条、第七条",
                     add_wd(cal, k->result_on, k->lim.inspection_publicity_wd), k->result_published_on, today, warn);
    return count;
}

static size_t coercion(const CaseState *cs, zf_day today, const Calendar *cal, long long warn, Deadline out[],
                       size_t n)
{
    const WfKindState *k = &cs->k;
    size_t count = 0;
    if (k->urgent && case_has(k->started_on))
        deadline_put(out, n, &count, DL_URGENT_APPROVAL, "紧急实施后补办批准", "《中华人民共和国行政强制法》第十九条",
                     k->started_on + k->lim.urgent_report_days, k->approved_on, today, warn);
    if (case_has(k->started_on))
        deadline_put(out, n, &count, DL_SEAL_LIMIT, "查封、扣押期限届满（解除或者依法处理）",
                     "《中华人民共和国行政强制法》第二十五条",
                     add_nd(cal, k->started_on, k->lim.seal_days + cs->extension_days), k->released_on, today, warn);
    return count;
}

static size_t enforcement(const CaseState *cs, zf_day today, long long warn, Deadline out[], size_t n)
{
    const WfKindState *k = &cs->k;
    size_t count = 0;
    if (case_has(k->demand_due_on) && !case_has(k->enforce_decided_on)) {
        deadline_put(out, n, &count, DL_DEMAND_DUE, "催告书载明的履行期限",
                     "《中华人民共和国行政强制法》第三十五条、第三十七条", k->demand_due_on, ZF_DAY_NONE, today, warn);
        party_period(out, n, count);
    }
    return count;
}

static size_t licence(const CaseState *cs, zf_day today, const Calendar *cal, long long warn, Deadline out[],
                      size_t n)
{
    const WfKindState *k = &cs->k;
    size_t count = 0;
    if (case_has(k->received_on))
        deadline_put(out, n, &count, DL_LI_CORRECTION, "一次告知补正或者受理",
                     "《中华人民共和国行政许可法》第三十二条、第八十二条",
                     add_wd(cal, k->received_on, k->lim.license_correction_wd),
                     case_has(k->correction_notice_on) ? k->correction_notice_on : k->accepted_on, today, warn);
    if (case_has(k->accepted_on))
        deadline_put(out, n, &count, DL_LI_DECISION, "作出行政许可决定",
                     "《中华人民共和国行政许可法》第四十二条、第八十二条",
                     add_wd(cal, k->accepted_on, k->lim.license_decision_wd + cs->extension_days), cs->decided_on,
                     today, warn);
    if (case_has(cs->decided_on) && k->granted) {
        deadline_put(out, n, &count, DL_LI_SERVICE, "颁发、送达行政许可证件",
                     "《中华人民共和国行政许可法》第四十四条、第八十二条",
                     add_wd(cal, cs->decided_on, k->lim.license_service_wd), cs->served_on, today, warn);
        deadline_put(out, n, &count, DL_LI_PUBLICITY, "公示行政许可决定", "《中华人民共和国行政许可法》第四十条；双公示",
                     add_wd(cal, cs->decided_on, k->lim.license_publicity_wd), cs->published_on, today, warn);
    }
    return count;
}

size_t workflow_kind_deadlines(const CaseState *cs, zf_day today, const Calendar *cal, long long warn,
                               Deadline out[], size_t n)
{
    switch (cs->procedure) {
    case WF_PROC_INSPECTION: return inspection(cs, today, cal, warn, out, n);
    case WF_PROC_COERCION: return coercion(cs, today, cal, warn, out, n);
    case WF_PROC_ENFORCE: return enforcement(cs, today, warn, out, n);
    case WF_PROC_LICENSE: return licence(cs, today, cal, warn, out, n);
    default: return 0;
    }
}
