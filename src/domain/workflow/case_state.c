/* Initialisation and derived facts of a CaseState. Pure. */
#include "domain/workflow/case_state.h"

#include "domain/exchange.h"

#include <string.h>

void case_state_init(CaseState *cs, WfProcedure procedure)
{
    memset(cs, 0, sizeof *cs);
    cs->procedure = procedure;
    cs->stage = procedure == WF_PROC_SIMPLE ? WS_ONSPOT_DECISION : WS_CLUE;
    cs->violation_ended_on = cs->discovered_on = cs->filed_on = ZF_DAY_NONE;
    cs->notified_on = ZF_DAY_NONE;
    cs->hearing_requested_on = cs->hearing_notice_on = cs->hearing_held_on = ZF_DAY_NONE;
    cs->reviewed_on = cs->collective_on = ZF_DAY_NONE;
    cs->decided_on = cs->served_on = cs->published_on = cs->paid_on = ZF_DAY_NONE;
    cs->revoked_on = cs->withdrawn_on = ZF_DAY_NONE;
    kind_state_init(&cs->k);
    if (procedure >= WF_PROC_INSPECTION) cs->stage = workflow_kind_first_stage(procedure);
}

enum {
    HEARING_MEASURES = WF_M_SUSPEND_BUSINESS | WF_M_SUSPEND_LICENSE | WF_M_REVOKE_LICENSE |
                       WF_M_LOWER_QUALIFICATION | WF_M_CLOSE | WF_M_RESTRICT_PRACTICE
};

bool case_hearing_required(const CaseState *cs, const RuleConfig *cfg)
{
    if (cs->measures & HEARING_MEASURES) return true;
    RuleParam p = cs->party_kind == WF_PARTY_PERSON ? RP_HEARING_PERSON_FEN : RP_HEARING_ORG_FEN;
    long long threshold = rule_config_get(cfg, p, cs->sector, cs->region);
    return cs->fine_fen + cs->confiscated_fen >= threshold;
}

/* The online workflow's measures: exchange-v1's without 行政拘留 (public security only,
 * 行政处罚法 第十八条), with 其他 (第九条(六): other penalties laws and regulations provide). */
static const char *const MEASURE_CODES[] = {"warning", "fine", "confiscate", "suspend_business",
                                             "suspend_license", "revoke_license", "lower_qualification",
                                             "close", "restrict_practice", "other"};

const char *case_measure_code(size_t i)
{
    return i < sizeof MEASURE_CODES / sizeof *MEASURE_CODES ? MEASURE_CODES[i] : NULL;
}

const char *case_measure_name(const char *code)
{
    if (code && strcmp(code, "other") == 0) return "其他";
    return exchange_dict_name("measures", code);
}

unsigned case_measure_bit(const char *code)
{
    for (size_t i = 0; code && i < sizeof MEASURE_CODES / sizeof *MEASURE_CODES; i++)
        if (strcmp(code, MEASURE_CODES[i]) == 0) return 1u << i;
    return 0;
}
