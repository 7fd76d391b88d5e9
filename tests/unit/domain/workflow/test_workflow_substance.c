/* The 案情 gates (docs/case-record.md "Substance"): 告知 needs 案由, 违法事实 and both bases
 * (行政处罚法 44); a decision also needs evidence (40) and, once the party has stated his case, the
 * review of it (45); an on-the-spot decision needs 案由, 违法事实 and 处罚依据 (52). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "workflow_test_util.h"

static Calendar *cal;
static RuleConfig cfg;

static int setup(void **state)
{
    (void)state;
    cal = test_calendar();
    cfg = rule_config_defaults();
    return cal ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    calendar_free(cal);
    return 0;
}

static int step(const CaseState *cs, WfAction a, WfRole r, const char *day, ZfError *err)
{
    zf_error_clear(err);
    return workflow_can_transition(cs, a, r, D(day), cal, &cfg, err);
}

static void assert_refused(const CaseState *cs, WfAction a, WfRole r, const char *day, const char *code,
                           const char *article, const char *names)
{
    ZfError err;
    assert_int_equal(step(cs, a, r, day, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, code);
    if (!message_cites(&err, article)) fail_msg("message lacks %s: %s", article, err.message);
    if (!strstr(err.message, names)) fail_msg("message lacks %s: %s", names, err.message);
}

static void assert_allowed(const CaseState *cs, WfAction a, WfRole r, const char *day)
{
    ZfError err;
    if (step(cs, a, r, day, &err) != ZF_OK) fail_msg("refused: %s", err.message);
}

#define LAW(n) "《中华人民共和国行政处罚法》" n

static void test_notice_needs_cause_facts_and_both_bases(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_CASE_REVIEW;
    cs.substance = CASE_SUB_CAUSE;
    assert_refused(&cs, WA_APPROVE_CASE_REVIEW, WR_LEGAL_REVIEWER, "2026-03-12", "gate_substance_notice",
                   LAW("第四十四条"), "违法事实、定性依据、处罚依据");
    cs.substance |= CASE_SUB_FACTS | CASE_SUB_VIOLATION_BASIS;
    assert_refused(&cs, WA_APPROVE_CASE_REVIEW, WR_LEGAL_REVIEWER, "2026-03-12", "gate_substance_notice",
                   LAW("第四十四条"), "处罚依据");
    cs.substance |= CASE_SUB_PENALTY_BASIS; /* evidence is not needed to notify */
    assert_allowed(&cs, WA_APPROVE_CASE_REVIEW, WR_LEGAL_REVIEWER, "2026-03-12");
}

static void at_decision(CaseState *cs)
{
    lawful_case(cs, WF_PROC_ORDINARY);
    cs->stage = WS_DECISION;
    cs->filed_on = D("2026-03-03");
    cs->notified_on = D("2026-04-01");
    cs->hearing_right_notified = true;
}

static void test_decision_needs_evidence(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    cs.substance &= ~(unsigned)CASE_SUB_EVIDENCE;
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_substance_evidence",
                   LAW("第四十条"), "证据目录");
    cs.substance |= CASE_SUB_EVIDENCE;
    assert_allowed(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15");
}

static void test_decision_needs_what_was_notified(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    cs.substance &= ~(unsigned)(CASE_SUB_FACTS | CASE_SUB_PENALTY_BASIS);
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_substance_decision",
                   LAW("第四十四条"), "违法事实、处罚依据");
    cs.stage = WS_NOTICE;
    cs.notified_on = D("2026-03-16");
    assert_refused(&cs, WA_SUBMIT_DECISION, WR_OFFICER, "2026-04-15", "gate_substance_decision",
                   LAW("第四十四条"), "违法事实、处罚依据");
}

static void test_decision_waits_for_the_review_of_the_party_statement(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    cs.substance |= CASE_SUB_DEFENSE_RECEIVED;
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_substance_defense",
                   LAW("第四十五条"), "陈述申辩的采纳情况");
    cs.substance |= CASE_SUB_DEFENSE_ADOPTED;
    assert_allowed(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15");
}

static void test_onspot_needs_cause_facts_and_penalty_basis_only(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_SIMPLE);
    cs.tier_count = 0;
    cs.fine_fen = 20000;
    cs.notified_on = D("2026-05-20");
    cs.substance = CASE_SUB_CAUSE;
    assert_refused(&cs, WA_DECIDE_ON_SPOT, WR_OFFICER, "2026-05-20", "gate_substance_onspot", LAW("第五十二条"),
                   "违法事实、处罚依据");
    cs.substance |= CASE_SUB_FACTS | CASE_SUB_PENALTY_BASIS;
    assert_allowed(&cs, WA_DECIDE_ON_SPOT, WR_OFFICER, "2026-05-20");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_notice_needs_cause_facts_and_both_bases),
        cmocka_unit_test(test_decision_needs_evidence),
        cmocka_unit_test(test_decision_needs_what_was_notified),
        cmocka_unit_test(test_decision_waits_for_the_review_of_the_party_statement),
        cmocka_unit_test(test_onspot_needs_cause_facts_and_penalty_basis_only),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
