/* Shared by the workflow tests: a lawful penalty case to start from and a step helper. */
#ifndef ZF_WORKFLOW_TEST_UTIL_H
#define ZF_WORKFLOW_TEST_UTIL_H

#include <stdio.h>
#include <string.h>

#include "domain/case_substance.h"
#include "domain/workflow/workflow.h"
#include "test_support.h"

/* Ordinary case against a person, two officers certified 2020–2030, fine ¥5,000 in the
 * middle tier "一般" of a three-tier benchmark, its 案由, facts, evidence and both bases written
 * (no statement from the party); nothing done yet. */
static inline void lawful_case(CaseState *cs, WfProcedure proc)
{
    case_state_init(cs, proc);
    cs->party_kind = WF_PARTY_PERSON;
    snprintf(cs->party_name, sizeof cs->party_name, "%s", "张三丰");
    snprintf(cs->sector, sizeof cs->sector, "%s", "transport");
    snprintf(cs->region, sizeof cs->region, "%s", "370200");
    const char *certs[] = {"37020001", "37020002"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(cs->officers[i].cert_no, sizeof cs->officers[i].cert_no, "%s", certs[i]);
        cs->officers[i].active = true;
        cs->officers[i].cert_valid_from = D("2020-01-01");
        cs->officers[i].cert_valid_to = D("2030-12-31");
    }
    cs->officer_count = 2;
    const WfTier tiers[] = {{"从轻", 100000, 300000}, {"一般", 300000, 700000},
                            {"从重", 700000, 1000000}};
    memcpy(cs->tiers, tiers, sizeof tiers);
    cs->tier_count = 3;
    snprintf(cs->tier, sizeof cs->tier, "%s", "一般");
    cs->measures = WF_M_FINE;
    cs->fine_fen = 500000;
    cs->violation_ended_on = D("2026-02-20");
    cs->discovered_on = D("2026-03-02");
    cs->substance = CASE_SUB_CAUSE | CASE_SUB_FACTS | CASE_SUB_EVIDENCE | CASE_SUB_VIOLATION_BASIS |
                    CASE_SUB_PENALTY_BASIS;
}

static inline bool message_cites(const ZfError *err, const char *article)
{
    return strstr(err->message, article) != NULL;
}

#endif
