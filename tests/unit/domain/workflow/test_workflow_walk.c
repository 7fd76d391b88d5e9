/* Lawful cases walked through every stage pass every gate (property over start dates, party
 * kinds, major/complex and hearing choices); send-back, roles, required fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/workflow/approval.h"
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

/* Takes the step (it must be allowed) and moves the case to the next stage. */
static void take(CaseState *cs, WfAction a, WfRole r, zf_day today)
{
    ZfError err;
    zf_error_clear(&err);
    WfStage from = cs->stage;
    if (workflow_can_transition(cs, a, r, today, cal, &cfg, &err) != ZF_OK) {
        char d[ZF_DATE_LEN];
        date_format(today, d);
        fail_msg("%s at %s on %s refused: %s", workflow_action_code(a), workflow_stage_code(from),
                 d, err.message);
    }
    int next = workflow_next_stage(cs, a);
    assert_true(next >= 0);
    cs->stage = (WfStage)next;
}

typedef enum { H_NOT_REQUIRED, H_REQUESTED, H_WAIVED, H_LET_LAPSE } HearingChoice;

static void walk_ordinary(zf_day start, WfPartyKind kind, bool major, bool complex,
                          HearingChoice hearing)
{
    CaseState cs;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.party_kind = kind;
    cs.major = major;
    cs.complex = complex;
    if (hearing != H_NOT_REQUIRED) { /* ¥150,000 for an org / a person: hearing right */
        cs.fine_fen = 15000000;
        WfTier t = {"一般", 10000000, 20000000};
        cs.tiers[1] = t;
    }
    cs.violation_ended_on = start - 30;
    cs.discovered_on = start;
    zf_day day = start;
    take(&cs, WA_SUBMIT_FILING, WR_OFFICER, day);
    day = add_wd(cal, day, 1);
    take(&cs, WA_APPROVE_FILING, WR_AGENCY_HEAD, day);
    cs.filed_on = day;
    day = add_wd(cal, day, 10);
    take(&cs, WA_FINISH_INVESTIGATION, WR_OFFICER, day);
    day = add_wd(cal, day, 1);
    take(&cs, WA_APPROVE_CASE_REVIEW, WR_LEGAL_REVIEWER, day);
    day = add_wd(cal, day, 1);
    cs.notified_on = day;
    cs.hearing_right_notified = hearing != H_NOT_REQUIRED;
    bool heard = false;
    if (hearing == H_REQUESTED) {
        day = add_wd(cal, day, 2);
        cs.hearing_requested_on = day;
        take(&cs, WA_REQUEST_HEARING, WR_OFFICER, day);
        day = add_wd(cal, day, 1);
        cs.hearing_notice_on = day;
        day = workflow_earliest_hearing(cal, &cfg, &cs, day);
        cs.hearing_held_on = day;
        take(&cs, WA_FINISH_HEARING, WR_OFFICER, day);
        heard = true;
    } else {
        if (hearing == H_WAIVED) cs.hearing_waived = true;
        day = add_wd(cal, day, hearing == H_LET_LAPSE ? 6 : 1);
        bool review = major || complex;
        take(&cs, review ? WA_SUBMIT_LEGAL_REVIEW : WA_SUBMIT_DECISION, WR_OFFICER, day);
    }
    if (cs.stage == WS_LEGAL_REVIEW) {
        day = add_wd(cal, day, 1);
        cs.legal_review = WF_REVIEW_PASSED;
        cs.reviewed_on = day;
        if (major || complex) {
            take(&cs, WA_SUBMIT_COLLECTIVE, WR_LEGAL_REVIEWER, day);
            day = add_wd(cal, day, 1);
            cs.collective_on = day;
            take(&cs, WA_SUBMIT_DECISION, WR_AGENCY_HEAD, day);
        } else {
            take(&cs, WA_SUBMIT_DECISION, WR_LEGAL_REVIEWER, day);
        }
    }
    assert_true(heard || cs.stage == WS_DECISION);
    assert_int_equal(cs.stage, WS_DECISION);
    day = add_wd(cal, day, 1);
    take(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD, day);
    cs.decided_on = day;
    day = add_wd(cal, day, 3);
    take(&cs, WA_SERVE, WR_OFFICER, day);
    cs.served_on = day;
    day = add_wd(cal, day, 20);
    take(&cs, WA_REQUEST_CLOSE, WR_OFFICER, day);
    assert_int_equal(cs.stage, WS_CLOSING);
    day = add_wd(cal, day, 1);
    take(&cs, WA_CLOSE, WR_AGENCY_HEAD, day);
    assert_int_equal(cs.stage, WS_CLOSED);
}

static void test_lawful_ordinary_cases_pass_every_gate_through_2025_and_2026(void **state)
{
    (void)state;
    int walks = 0;
    for (zf_day start = D("2025-01-02"); start < D("2026-12-01"); start += 3) {
        if (!calendar_is_workday(cal, start)) continue;
        int variant = walks++ % 16;
        WfPartyKind kind = variant & 1 ? WF_PARTY_ORG : WF_PARTY_PERSON;
        bool major = variant & 2, complex = variant & 4;
        HearingChoice h = (HearingChoice)((variant >> 1) % 4);
        walk_ordinary(start, kind, major, complex, h);
        walk_ordinary(start, kind, !major, complex, (HearingChoice)((variant + 1) % 4));
    }
    assert_true(walks > 100);
}

static void test_lawful_simple_case_decides_serves_and_closes_on_the_spot(void **state)
{
    (void)state;
    for (zf_day day = D("2026-01-01"); day < D("2026-12-31"); day += 5) {
        CaseState cs;
        lawful_case(&cs, WF_PROC_SIMPLE);
        cs.tier_count = 0;
        cs.fine_fen = 20000;
        cs.notified_on = day;
        cs.discovered_on = day;
        take(&cs, WA_DECIDE_ON_SPOT, WR_OFFICER, day);
        cs.decided_on = day;
        take(&cs, WA_SERVE_ON_SPOT, WR_OFFICER, day);
        assert_int_equal(cs.stage, WS_CLOSED);
    }
}

static void test_approval_steps_are_refused_to_officers(void **state)
{
    (void)state;
    CaseState cs;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_FILING;
    assert_int_equal(workflow_can_transition(&cs, WA_APPROVE_FILING, WR_OFFICER, D("2026-03-03"),
                                             cal, &cfg, &err), ZF_ERR);
    assert_int_equal(err.status, 403);
    assert_string_equal(err.code, "role_not_allowed");
    assert_true(workflow_transition(workflow_case_type(WF_PROC_ORDINARY), WS_FILING,
                                    WA_APPROVE_FILING)->approval);
}

static void test_skipping_a_stage_is_an_invalid_transition(void **state)
{
    (void)state;
    CaseState cs;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_INVESTIGATION;
    assert_int_equal(workflow_can_transition(&cs, WA_APPROVE_DECISION, WR_AGENCY_HEAD,
                                             D("2026-03-03"), cal, &cfg, &err), ZF_ERR);
    assert_int_equal(err.status, 409);
    assert_string_equal(err.code, "invalid_transition");
    assert_int_equal(workflow_next_stage(&cs, WA_APPROVE_DECISION), -1);
}

static void test_leaving_a_stage_needs_its_required_fields(void **state)
{
    (void)state;
    CaseState cs;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.discovered_on = ZF_DAY_NONE;
    assert_int_equal(workflow_can_transition(&cs, WA_SUBMIT_FILING, WR_OFFICER, D("2026-03-03"),
                                             cal, &cfg, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "missing_field");
    assert_string_equal(err.field, "discovered_on");
}

static void test_send_back_to_an_earlier_stage_with_a_reason(void **state)
{
    (void)state;
    CaseState cs;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_DECISION;
    assert_int_equal(workflow_can_send_back(&cs, WS_INVESTIGATION, WR_AGENCY_HEAD, "证据不足",
                                            &err), ZF_OK);
    assert_int_equal(workflow_can_send_back(&cs, WS_CLUE, WR_LEGAL_REVIEWER, "主体认定错误",
                                            &err), ZF_OK);
    assert_int_equal(workflow_can_send_back(&cs, WS_INVESTIGATION, WR_AGENCY_HEAD, " \t", &err),
                     ZF_ERR);
    assert_string_equal(err.field, "reason");
    assert_int_equal(workflow_can_send_back(&cs, WS_INVESTIGATION, WR_OFFICER, "证据不足", &err),
                     ZF_ERR);
    assert_int_equal(err.status, 403);
}

static void test_send_back_never_goes_forward_or_leaves_the_case_type(void **state)
{
    (void)state;
    CaseState cs;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_NOTICE;
    assert_int_equal(workflow_can_send_back(&cs, WS_NOTICE, WR_AGENCY_HEAD, "x", &err), ZF_ERR);
    assert_int_equal(workflow_can_send_back(&cs, WS_DECISION, WR_AGENCY_HEAD, "x", &err), ZF_ERR);
    assert_int_equal(workflow_can_send_back(&cs, WS_ONSPOT_DECISION, WR_AGENCY_HEAD, "x", &err),
                     ZF_ERR);
    cs.stage = WS_CLOSED;
    assert_int_equal(workflow_can_send_back(&cs, WS_EXECUTION, WR_AGENCY_HEAD, "x", &err), ZF_ERR);
    lawful_case(&cs, WF_PROC_SIMPLE);
    cs.stage = WS_ONSPOT_SERVICE;
    assert_int_equal(workflow_can_send_back(&cs, WS_ONSPOT_DECISION, WR_AGENCY_HEAD, "重新决定",
                                            &err), ZF_OK);
}

static void test_closing_is_requested_by_the_officer_and_approved_by_the_head(void **state)
{
    (void)state;
    CaseState cs;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.stage = WS_EXECUTION;
    /* the head no longer signs 结案 straight from 执行: the officer asks first */
    assert_int_equal(workflow_can_transition(&cs, WA_CLOSE, WR_AGENCY_HEAD, D("2026-05-06"), cal, &cfg, &err),
                     ZF_ERR);
    assert_int_equal(err.status, 409);
    assert_int_equal(workflow_can_transition(&cs, WA_REQUEST_CLOSE, WR_AGENCY_HEAD, D("2026-05-06"), cal, &cfg,
                                             &err), ZF_ERR);
    assert_int_equal(err.status, 403);
    assert_int_equal(workflow_next_stage(&cs, WA_REQUEST_CLOSE), WS_CLOSING);
    cs.stage = WS_CLOSING;
    assert_int_equal(approval_opened_on_entering(WS_CLOSING), WA_CLOSE);
    assert_int_equal(workflow_can_transition(&cs, WA_CLOSE, WR_OFFICER, D("2026-05-07"), cal, &cfg, &err), ZF_ERR);
    assert_int_equal(err.status, 403);
    assert_int_equal(workflow_next_stage(&cs, WA_CLOSE), WS_CLOSED);
    /* the head refuses by sending it back to 执行 */
    assert_int_equal(workflow_can_send_back(&cs, WS_EXECUTION, WR_AGENCY_HEAD, "罚款尚未缴清", &err), ZF_OK);
}

static void test_stage_and_action_codes_round_trip(void **state)
{
    (void)state;
    for (int s = 0; s < WF_STAGE_COUNT; s++) {
        WfStage got;
        assert_int_equal(workflow_stage_by_code(workflow_stage_code((WfStage)s), &got), ZF_OK);
        assert_int_equal(got, s);
    }
    for (int a = 0; a < WF_ACTION_COUNT; a++) {
        WfAction got;
        assert_int_equal(workflow_action_by_code(workflow_action_code((WfAction)a), &got), ZF_OK);
        assert_int_equal(got, a);
    }
    assert_string_equal(workflow_stage_name(WS_LEGAL_REVIEW), "法制审核");
    const WfCaseType *t = workflow_case_type(WF_PROC_ORDINARY);
    for (size_t i = 0; i < t->stage_count; i++)
        assert_string_equal(t->stages[i].name, workflow_stage_name(t->stages[i].stage));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lawful_ordinary_cases_pass_every_gate_through_2025_and_2026),
        cmocka_unit_test(test_lawful_simple_case_decides_serves_and_closes_on_the_spot),
        cmocka_unit_test(test_approval_steps_are_refused_to_officers),
        cmocka_unit_test(test_skipping_a_stage_is_an_invalid_transition),
        cmocka_unit_test(test_leaving_a_stage_needs_its_required_fields),
        cmocka_unit_test(test_send_back_to_an_earlier_stage_with_a_reason),
        cmocka_unit_test(test_send_back_never_goes_forward_or_leaves_the_case_type),
        cmocka_unit_test(test_closing_is_requested_by_the_officer_and_approved_by_the_head),
        cmocka_unit_test(test_stage_and_action_codes_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
