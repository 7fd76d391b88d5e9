/* Every gate of the penalty workflow, allowed and refused, at its boundary (行政处罚法 34–64). */
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

static void assert_refused(const CaseState *cs, WfAction a, WfRole r, const char *day,
                           const char *code, const char *article)
{
    ZfError err;
    assert_int_equal(step(cs, a, r, day, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, code);
    if (!message_cites(&err, article)) fail_msg("message lacks %s: %s", article, err.message);
}

static void assert_allowed(const CaseState *cs, WfAction a, WfRole r, const char *day)
{
    ZfError err;
    if (step(cs, a, r, day, &err) != ZF_OK) fail_msg("refused: %s", err.message);
}

#define LAW(n) "《中华人民共和国行政处罚法》" n

/* A simple-procedure case ready to be decided on the spot on 2026-05-20. */
static void onspot(CaseState *cs, WfPartyKind kind, int64_t fine)
{
    lawful_case(cs, WF_PROC_SIMPLE);
    cs->tier_count = 0;
    cs->party_kind = kind;
    cs->fine_fen = fine;
    cs->notified_on = D("2026-05-20");
}

static void test_simple_procedure_allows_200_yuan_for_a_person(void **state)
{
    (void)state;
    CaseState cs;
    onspot(&cs, WF_PARTY_PERSON, 20000);
    assert_allowed(&cs, WA_DECIDE_ON_SPOT, WR_OFFICER, "2026-05-20");
}

static void test_simple_procedure_refuses_200_01_yuan_for_a_person(void **state)
{
    (void)state;
    CaseState cs;
    onspot(&cs, WF_PARTY_PERSON, 20001);
    assert_refused(&cs, WA_DECIDE_ON_SPOT, WR_OFFICER, "2026-05-20", "gate_simple_procedure",
                   LAW("第五十一条"));
}

static void test_simple_procedure_allows_3000_and_refuses_3000_01_for_an_org(void **state)
{
    (void)state;
    CaseState cs;
    onspot(&cs, WF_PARTY_ORG, 300000);
    assert_allowed(&cs, WA_DECIDE_ON_SPOT, WR_OFFICER, "2026-05-20");
    cs.fine_fen = 300001;
    assert_refused(&cs, WA_DECIDE_ON_SPOT, WR_OFFICER, "2026-05-20", "gate_simple_procedure",
                   LAW("第五十一条"));
}

static void test_simple_procedure_refuses_measures_beyond_warning_and_fine(void **state)
{
    (void)state;
    CaseState cs;
    onspot(&cs, WF_PARTY_PERSON, 10000);
    cs.measures = WF_M_WARNING;
    assert_allowed(&cs, WA_DECIDE_ON_SPOT, WR_OFFICER, "2026-05-20");
    cs.measures = WF_M_FINE | WF_M_CONFISCATE;
    assert_refused(&cs, WA_DECIDE_ON_SPOT, WR_OFFICER, "2026-05-20", "gate_simple_procedure",
                   LAW("第五十一条"));
}

static void test_simple_procedure_needs_notice_before_deciding(void **state)
{
    (void)state;
    CaseState cs;
    onspot(&cs, WF_PARTY_PERSON, 10000);
    cs.notified_on = D("2026-05-21");
    assert_refused(&cs, WA_DECIDE_ON_SPOT, WR_OFFICER, "2026-05-20",
                   "gate_notice_before_decision", LAW("第四十四条"));
}

static void test_onspot_service_must_be_the_decision_day(void **state)
{
    (void)state;
    CaseState cs;
    onspot(&cs, WF_PARTY_PERSON, 10000);
    cs.stage = WS_ONSPOT_SERVICE;
    cs.decided_on = D("2026-05-20");
    assert_allowed(&cs, WA_SERVE_ON_SPOT, WR_OFFICER, "2026-05-20");
    assert_refused(&cs, WA_SERVE_ON_SPOT, WR_OFFICER, "2026-05-21", "gate_onspot_service",
                   LAW("第五十二条"));
}

static void test_filing_refuses_a_single_officer(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_FILING;
    assert_allowed(&cs, WA_APPROVE_FILING, WR_AGENCY_HEAD, "2026-03-03");
    cs.officer_count = 1;
    assert_refused(&cs, WA_APPROVE_FILING, WR_AGENCY_HEAD, "2026-03-03", "gate_two_officers",
                   LAW("第四十二条"));
}

static void test_filing_counts_the_same_certificate_once(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_FILING;
    cs.officers[1] = cs.officers[0];
    assert_refused(&cs, WA_APPROVE_FILING, WR_AGENCY_HEAD, "2026-03-03", "gate_two_officers",
                   LAW("第四十二条"));
}

static void test_officer_certificate_valid_through_its_last_day(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_FILING;
    cs.officers[1].cert_valid_to = D("2026-03-03");
    assert_allowed(&cs, WA_APPROVE_FILING, WR_AGENCY_HEAD, "2026-03-03");
    assert_refused(&cs, WA_APPROVE_FILING, WR_AGENCY_HEAD, "2026-03-04", "gate_officer_expired",
                   LAW("第四十二条"));
    cs.officers[1].cert_valid_from = D("2026-03-05");
    cs.officers[1].cert_valid_to = D("2030-01-01");
    assert_refused(&cs, WA_APPROVE_FILING, WR_AGENCY_HEAD, "2026-03-04", "gate_officer_expired",
                   LAW("第四十二条"));
}

static void test_inactive_or_uncertified_officer_is_refused(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_INVESTIGATION;
    cs.officers[0].active = false;
    assert_refused(&cs, WA_FINISH_INVESTIGATION, WR_OFFICER, "2026-03-20",
                   "gate_officer_inactive", LAW("第四十二条"));
    cs.officers[0].active = true;
    cs.officers[0].cert_no[0] = '\0';
    assert_refused(&cs, WA_FINISH_INVESTIGATION, WR_OFFICER, "2026-03-20",
                   "gate_officer_uncertified", LAW("第四十二条"));
}

static void test_filing_refuses_after_the_two_year_limitation(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_FILING;
    cs.violation_ended_on = D("2024-03-02");
    cs.discovered_on = D("2026-03-02");
    assert_allowed(&cs, WA_APPROVE_FILING, WR_AGENCY_HEAD, "2026-03-03");
    cs.discovered_on = D("2026-03-03");
    assert_refused(&cs, WA_APPROVE_FILING, WR_AGENCY_HEAD, "2026-03-04", "gate_limitation",
                   LAW("第三十六条"));
    cs.health_or_finance = true;
    assert_allowed(&cs, WA_APPROVE_FILING, WR_AGENCY_HEAD, "2026-03-04");
}

/* A case at the decision stage, everything lawful, to be approved on 2026-04-15. */
static void at_decision(CaseState *cs)
{
    lawful_case(cs, WF_PROC_ORDINARY);
    cs->stage = WS_DECISION;
    cs->filed_on = D("2026-03-03");
    cs->notified_on = D("2026-04-01");
    cs->hearing_right_notified = true;
}

static void test_decision_refused_without_notice(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    assert_allowed(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15");
    cs.notified_on = ZF_DAY_NONE;
    cs.stage = WS_DECISION;
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15",
                   "gate_notice_before_decision", LAW("第四十四条、第六十二条"));
}

static void test_decision_refused_before_the_notice_date(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    cs.notified_on = D("2026-04-15");
    cs.hearing_right_notified = false;
    assert_allowed(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15");
    cs.notified_on = D("2026-04-16");
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15",
                   "gate_notice_before_decision", LAW("第四十四条、第六十二条"));
}

static void test_hearing_right_required_from_10000_yuan_for_a_person(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_NOTICE;
    cs.notified_on = D("2026-04-01");
    cs.tier_count = 0;
    cs.fine_fen = 999999;
    assert_allowed(&cs, WA_SUBMIT_DECISION, WR_OFFICER, "2026-04-02");
    cs.fine_fen = 1000000;
    assert_refused(&cs, WA_SUBMIT_DECISION, WR_OFFICER, "2026-04-02", "gate_hearing_right",
                   LAW("第六十三条"));
    cs.fine_fen = 1000;
    cs.measures = WF_M_FINE | WF_M_REVOKE_LICENSE;
    assert_refused(&cs, WA_SUBMIT_LEGAL_REVIEW, WR_OFFICER, "2026-04-02", "gate_hearing_right",
                   LAW("第六十三条"));
}

static void test_hearing_request_within_5_working_days_across_may_day_2026(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_NOTICE;
    cs.notified_on = D("2026-04-29");
    cs.hearing_right_notified = true;
    /* 04-30, 05-06, 05-07, 05-08, 05-09 (调休 Saturday) */
    assert_allowed(&cs, WA_REQUEST_HEARING, WR_OFFICER, "2026-05-09");
    assert_refused(&cs, WA_REQUEST_HEARING, WR_OFFICER, "2026-05-11", "gate_hearing_request",
                   LAW("第六十四条"));
}

static void test_notice_stage_waits_for_the_hearing_request_period(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_NOTICE;
    cs.notified_on = D("2026-04-29");
    cs.hearing_right_notified = true;
    assert_refused(&cs, WA_SUBMIT_DECISION, WR_OFFICER, "2026-05-09", "gate_hearing_window",
                   LAW("第六十四条"));
    assert_allowed(&cs, WA_SUBMIT_DECISION, WR_OFFICER, "2026-05-11");
    cs.hearing_waived = true;
    assert_allowed(&cs, WA_SUBMIT_DECISION, WR_OFFICER, "2026-04-30");
}

static void test_requested_hearing_must_be_held_before_deciding(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    cs.hearing_requested_on = D("2026-04-02");
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_hearing_pending",
                   LAW("第六十四条、第六十五条"));
}

static void hearing_case(CaseState *cs, const char *notice, const char *held)
{
    lawful_case(cs, WF_PROC_ORDINARY);
    cs->stage = WS_HEARING;
    cs->hearing_notice_on = D(notice);
    cs->hearing_held_on = D(held);
}

static void test_hearing_notice_6_vs_7_working_days_across_may_day_2026(void **state)
{
    (void)state;
    CaseState cs;
    hearing_case(&cs, "2026-04-29", "2026-05-11");
    assert_refused(&cs, WA_FINISH_HEARING, WR_OFFICER, "2026-05-12", "gate_hearing_notice",
                   LAW("第六十四条、第八十五条"));
    hearing_case(&cs, "2026-04-29", "2026-05-12");
    assert_allowed(&cs, WA_FINISH_HEARING, WR_OFFICER, "2026-05-12");
    assert_int_equal(workflow_earliest_hearing(cal, &cfg, &cs, D("2026-04-29")),
                     D("2026-05-12"));
}

static void test_hearing_notice_6_vs_7_working_days_across_spring_festival_2026(void **state)
{
    (void)state;
    CaseState cs;
    /* 02-13, 02-14 (调休), [02-15..02-23 off], 02-24, 02-25, 02-26, 02-27, 02-28 (调休) */
    hearing_case(&cs, "2026-02-12", "2026-02-27");
    assert_refused(&cs, WA_FINISH_HEARING, WR_OFFICER, "2026-03-02", "gate_hearing_notice",
                   LAW("第六十四条"));
    hearing_case(&cs, "2026-02-12", "2026-02-28");
    assert_allowed(&cs, WA_FINISH_HEARING, WR_OFFICER, "2026-03-02");
}

static void test_hearing_cannot_be_finished_before_it_is_held(void **state)
{
    (void)state;
    CaseState cs;
    hearing_case(&cs, "2026-02-12", "2026-03-05");
    assert_refused(&cs, WA_FINISH_HEARING, WR_OFFICER, "2026-03-04", "gate_hearing_notice",
                   LAW("第六十四条"));
}

static void test_major_case_needs_a_passed_legal_review(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    cs.major = true;
    cs.collective_on = D("2026-04-14");
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_legal_review",
                   LAW("第五十八条"));
    cs.legal_review = WF_REVIEW_FAILED;
    cs.reviewed_on = D("2026-04-10");
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_legal_review",
                   LAW("第五十八条"));
    cs.legal_review = WF_REVIEW_PASSED;
    assert_allowed(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15");
    cs.reviewed_on = D("2026-04-16");
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_legal_review",
                   LAW("第五十八条"));
}

static void test_heard_case_needs_legal_review_even_when_not_major(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    cs.hearing_requested_on = D("2026-04-02");
    cs.hearing_notice_on = D("2026-04-02"); /* 7 working days over Qingming: 04-14 */
    cs.hearing_held_on = D("2026-04-14");
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_legal_review",
                   LAW("第五十八条"));
    cs.legal_review = WF_REVIEW_PASSED;
    cs.reviewed_on = D("2026-04-14");
    assert_allowed(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15");
}

static void test_failed_legal_review_cannot_go_forward(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_LEGAL_REVIEW;
    cs.legal_review = WF_REVIEW_FAILED;
    cs.reviewed_on = D("2026-04-10");
    assert_refused(&cs, WA_SUBMIT_DECISION, WR_LEGAL_REVIEWER, "2026-04-10", "gate_legal_review",
                   LAW("第五十八条"));
}

static void test_complex_case_needs_collective_discussion(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    cs.complex = true;
    cs.legal_review = WF_REVIEW_PASSED;
    cs.reviewed_on = D("2026-04-10");
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15",
                   "gate_collective_discussion", LAW("第五十七条"));
    cs.collective_on = D("2026-04-15");
    assert_allowed(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15");
    /* and it cannot skip the discussion stage from legal review */
    cs.stage = WS_LEGAL_REVIEW;
    cs.collective_on = ZF_DAY_NONE;
    assert_refused(&cs, WA_SUBMIT_DECISION, WR_LEGAL_REVIEWER, "2026-04-11",
                   "gate_collective_discussion", LAW("第五十七条"));
}

static void test_fine_above_the_chosen_tier_is_refused(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    cs.fine_fen = 700000;
    assert_allowed(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15");
    cs.fine_fen = 700001;
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_discretion",
                   LAW("第三十四条"));
    cs.reduced = true;
    snprintf(cs.reduced_reason, sizeof cs.reduced_reason, "%s", "主动消除危害后果");
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_discretion",
                   LAW("第三十四条"));
}

static void test_fine_below_the_tier_needs_reduction_with_a_reason(void **state)
{
    (void)state;
    CaseState cs;
    at_decision(&cs);
    cs.fine_fen = 300000;
    assert_allowed(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15");
    cs.fine_fen = 299999;
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_discretion",
                   LAW("第三十四条"));
    cs.reduced = true;
    snprintf(cs.reduced_reason, sizeof cs.reduced_reason, "%s", "  ");
    assert_refused(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15", "gate_discretion",
                   LAW("第三十二条"));
    snprintf(cs.reduced_reason, sizeof cs.reduced_reason, "%s", "主动消除危害后果");
    assert_allowed(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, "2026-04-15");
}

static void test_tier_must_be_chosen_from_the_benchmark(void **state)
{
    (void)state;
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_CASE_REVIEW;
    snprintf(cs.tier, sizeof cs.tier, "%s", "特别从重");
    assert_refused(&cs, WA_APPROVE_CASE_REVIEW, WR_LEGAL_REVIEWER, "2026-03-23",
                   "gate_discretion", LAW("第三十四条"));
    cs.tier[0] = '\0';
    assert_refused(&cs, WA_APPROVE_CASE_REVIEW, WR_LEGAL_REVIEWER, "2026-03-23",
                   "gate_discretion", LAW("第三十四条"));
    cs.tier_count = 0;
    assert_allowed(&cs, WA_APPROVE_CASE_REVIEW, WR_LEGAL_REVIEWER, "2026-03-23");
}

static void test_hearing_threshold_follows_the_sector_configuration(void **state)
{
    (void)state;
    CaseState cs;
    RuleConfig local = rule_config_defaults();
    assert_int_equal(rule_config_set(&local, RP_HEARING_PERSON_FEN, "transport", NULL, 500000),
                     ZF_OK);
    lawful_case(&cs, WF_PROC_ORDINARY);
    assert_false(case_hearing_required(&cs, &cfg));
    assert_true(case_hearing_required(&cs, &local));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_procedure_allows_200_yuan_for_a_person),
        cmocka_unit_test(test_simple_procedure_refuses_200_01_yuan_for_a_person),
        cmocka_unit_test(test_simple_procedure_allows_3000_and_refuses_3000_01_for_an_org),
        cmocka_unit_test(test_simple_procedure_refuses_measures_beyond_warning_and_fine),
        cmocka_unit_test(test_simple_procedure_needs_notice_before_deciding),
        cmocka_unit_test(test_onspot_service_must_be_the_decision_day),
        cmocka_unit_test(test_filing_refuses_a_single_officer),
        cmocka_unit_test(test_filing_counts_the_same_certificate_once),
        cmocka_unit_test(test_officer_certificate_valid_through_its_last_day),
        cmocka_unit_test(test_inactive_or_uncertified_officer_is_refused),
        cmocka_unit_test(test_filing_refuses_after_the_two_year_limitation),
        cmocka_unit_test(test_decision_refused_without_notice),
        cmocka_unit_test(test_decision_refused_before_the_notice_date),
        cmocka_unit_test(test_hearing_right_required_from_10000_yuan_for_a_person),
        cmocka_unit_test(test_hearing_request_within_5_working_days_across_may_day_2026),
        cmocka_unit_test(test_notice_stage_waits_for_the_hearing_request_period),
        cmocka_unit_test(test_requested_hearing_must_be_held_before_deciding),
        cmocka_unit_test(test_hearing_notice_6_vs_7_working_days_across_may_day_2026),
        cmocka_unit_test(test_hearing_notice_6_vs_7_working_days_across_spring_festival_2026),
        cmocka_unit_test(test_hearing_cannot_be_finished_before_it_is_held),
        cmocka_unit_test(test_major_case_needs_a_passed_legal_review),
        cmocka_unit_test(test_heard_case_needs_legal_review_even_when_not_major),
        cmocka_unit_test(test_failed_legal_review_cannot_go_forward),
        cmocka_unit_test(test_complex_case_needs_collective_discussion),
        cmocka_unit_test(test_fine_above_the_chosen_tier_is_refused),
        cmocka_unit_test(test_fine_below_the_tier_needs_reduction_with_a_reason),
        cmocka_unit_test(test_tier_must_be_chosen_from_the_benchmark),
        cmocka_unit_test(test_hearing_threshold_follows_the_sector_configuration),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
