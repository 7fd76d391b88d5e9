/* Approval tasks: tiers by fine and measure, 会签 completion, 加签, escalation across a 调休
 * Saturday and the Spring Festival holiday, and the stored JSON form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/workflow/approval.h"
#include "workflow_test_util.h"

static Calendar *cal;
static ApprovalPolicy policy;

static int setup(void **state)
{
    (void)state;
    cal = test_calendar();
    approval_policy_defaults(&policy);
    return cal ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    calendar_free(cal);
    return 0;
}

static const Approver DEPUTY = {"deputy", WR_AGENCY_HEAD, 1};
static const Approver PRINCIPAL = {"principal", WR_AGENCY_HEAD, 2};
static const Approver LEGAL_R = {"legal", WR_LEGAL_REVIEWER, 0};
static const Approver OFFICER = {"officer", WR_OFFICER, 0};

static void decision_task(ApprovalTask *t, const CaseState *cs, zf_day on)
{
    approval_task_init(t, &policy, WA_APPROVE_DECISION, cs, on, cal);
}

static void test_default_policy_has_two_levels_and_three_working_days(void **state)
{
    (void)state;
    assert_int_equal(policy.level_count, 2);
    assert_string_equal(approval_level_name(&policy, 1), "分管负责人");
    assert_string_equal(approval_level_name(&policy, 2), "主要负责人");
    assert_int_equal(policy.escalate_after_wd, 3);
    int level = 0;
    assert_int_equal(approval_level_by_code(&policy, "principal", &level), ZF_OK);
    assert_int_equal(level, 2);
    assert_int_equal(approval_level_by_code(&policy, "chief", &level), ZF_ERR);
}

static void test_ordinary_fine_needs_a_deputy_only(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY); /* ¥5,000 */
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(t.slot_count, 1);
    assert_int_equal(t.slots[0].kind, AK_HEAD);
    assert_int_equal(t.slots[0].level, 1);
    assert_int_equal(approval_sign(&t, &policy, &DEPUTY, D("2026-03-03"), &err), ZF_OK);
    assert_true(approval_complete(&t));
}

static void test_large_fine_refuses_a_deputy_naming_the_principal(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.fine_fen = 5000000; /* exactly ¥50,000: at the threshold */
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(t.slots[0].level, 2);
    assert_int_equal(approval_sign(&t, &policy, &DEPUTY, D("2026-03-03"), &err), ZF_ERR);
    assert_int_equal(err.status, 403);
    assert_string_equal(err.code, "approval_level_too_low");
    assert_non_null(strstr(err.message, "主要负责人"));
    assert_true(message_cites(&err, "第五十七条"));
    assert_false(approval_complete(&t));
    assert_int_equal(approval_sign(&t, &policy, &PRINCIPAL, D("2026-03-03"), &err), ZF_OK);
    assert_true(approval_complete(&t));

    cs.fine_fen = 4999999; /* one fen under */
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(t.slots[0].level, 1);
}

static void test_revoking_a_licence_needs_the_principal_even_without_a_fine(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.measures = WF_M_WARNING | WF_M_REVOKE_LICENSE;
    cs.fine_fen = 0;
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(t.slots[0].level, 2);
    /* the filing approval has no tier: a deputy suffices */
    approval_task_init(&t, &policy, WA_APPROVE_FILING, &cs, D("2026-03-02"), cal);
    assert_int_equal(t.slots[0].level, 1);
}

static void test_major_decision_needs_the_principal_and_the_legal_countersign(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.major = true;
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(t.slot_count, 2);
    Approver legal = LEGAL_R;
    assert_true(approval_awaits(&t, &legal));
    assert_true(approval_awaits(&t, &PRINCIPAL));
    assert_false(approval_awaits(&t, &DEPUTY));
    assert_int_equal(approval_sign(&t, &policy, &PRINCIPAL, D("2026-03-03"), &err), ZF_OK);
    assert_false(approval_complete(&t));
    assert_false(approval_awaits(&t, &PRINCIPAL));
    assert_int_equal(approval_sign(&t, &policy, &PRINCIPAL, D("2026-03-03"), &err), ZF_ERR);
    assert_string_equal(err.code, "already_signed");
    assert_int_equal(approval_sign(&t, &policy, &legal, D("2026-03-04"), &err), ZF_OK);
    assert_true(approval_complete(&t));
    assert_int_equal(approval_signed_count(&t), 2);
}

/* The decision takes the last signature's date: none may precede the request or another one. */
static void test_a_signature_dated_before_the_request_or_another_signature_is_refused(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.major = true;
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(approval_check_date(&t, D("2026-03-01"), &err), ZF_ERR);
    assert_string_equal(err.code, "approval_date_order");
    assert_int_equal(approval_check_date(&t, D("2026-03-02"), &err), ZF_OK);
    assert_int_equal(approval_sign(&t, &policy, &PRINCIPAL, D("2026-03-05"), &err), ZF_OK);
    assert_int_equal(approval_check_date(&t, D("2026-03-04"), &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_non_null(strstr(err.message, "principal"));
    assert_int_equal(approval_check_date(&t, D("2026-03-05"), &err), ZF_OK);
}

static void test_an_officer_cannot_sign(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(approval_sign(&t, &policy, &OFFICER, D("2026-03-03"), &err), ZF_ERR);
    assert_int_equal(err.status, 403);
    assert_string_equal(err.code, "role_not_allowed");
    Approver legal = LEGAL_R; /* no legal slot on an ordinary case: not his to sign */
    assert_int_equal(approval_sign(&t, &policy, &legal, D("2026-03-03"), &err), ZF_ERR);
    assert_int_equal(err.status, 403);
    /* once the head slot is signed, a second head has nothing left to sign */
    Approver other = {"deputy2", WR_AGENCY_HEAD, 1};
    assert_int_equal(approval_add(&t, &DEPUTY, &LEGAL_R, &err), ZF_OK);
    assert_int_equal(approval_sign(&t, &policy, &DEPUTY, D("2026-03-03"), &err), ZF_OK);
    assert_int_equal(approval_sign(&t, &policy, &other, D("2026-03-03"), &err), ZF_ERR);
    assert_int_equal(err.status, 409);
    assert_string_equal(err.code, "nothing_to_sign");
}

static void test_adding_an_approver_makes_him_required(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    decision_task(&t, &cs, D("2026-03-02"));
    Approver other = {"deputy2", WR_AGENCY_HEAD, 1};
    assert_int_equal(approval_add(&t, &OFFICER, &other, &err), ZF_ERR);
    assert_int_equal(err.status, 403);
    assert_int_equal(approval_add(&t, &DEPUTY, &other, &err), ZF_OK);
    assert_int_equal(t.slot_count, 2);
    assert_string_equal(t.slots[1].added_by, "deputy");
    assert_int_equal(approval_add(&t, &DEPUTY, &other, &err), ZF_ERR);
    assert_string_equal(err.code, "already_on_task");
    Approver officer = OFFICER;
    assert_int_equal(approval_add(&t, &DEPUTY, &officer, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    /* the adder signs the head slot; the added one his own, and only then is it complete */
    assert_int_equal(approval_sign(&t, &policy, &DEPUTY, D("2026-03-03"), &err), ZF_OK);
    assert_false(approval_complete(&t));
    assert_true(approval_awaits(&t, &other));
    assert_int_equal(approval_sign(&t, &policy, &other, D("2026-03-03"), &err), ZF_OK);
    assert_true(approval_complete(&t));
    assert_string_equal(t.slots[1].signed_by, "deputy2");
    assert_int_equal(approval_add(&t, &DEPUTY, &PRINCIPAL, &err), ZF_ERR); /* complete: too late */
}

static void test_a_named_approver_signs_his_own_slot_not_the_heads(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    decision_task(&t, &cs, D("2026-03-02"));
    Approver other = {"deputy2", WR_AGENCY_HEAD, 1};
    assert_int_equal(approval_add(&t, &DEPUTY, &other, &err), ZF_OK);
    assert_int_equal(approval_sign(&t, &policy, &other, D("2026-03-03"), &err), ZF_OK);
    assert_string_equal(t.slots[1].signed_by, "deputy2");
    assert_string_equal(t.slots[0].signed_by, "");
}

static void test_raised_requirement_withdraws_a_lower_signoff(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(approval_sign(&t, &policy, &DEPUTY, D("2026-03-03"), &err), ZF_OK);
    cs.fine_fen = 8000000; /* the proposal grew after the deputy signed */
    approval_require(&t, &policy, &cs);
    assert_int_equal(t.slots[0].level, 2);
    assert_false(approval_complete(&t));
    assert_string_equal(t.slots[0].signed_by, "");
}

/* Requested Friday 2026-02-13: the 调休 Saturday 02-14 counts, 02-15…02-23 (春节) do not, so the
 * three working days end on Wednesday 02-25. */
static void test_escalation_counts_the_makeup_saturday_and_skips_the_holiday(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    lawful_case(&cs, WF_PROC_ORDINARY);
    approval_task_init(&t, &policy, WA_APPROVE_FILING, &cs, D("2026-02-13"), cal);
    assert_int_equal(t.due_on, D("2026-02-25"));
    assert_false(approval_escalate(&t, &policy, D("2026-02-24"), cal));
    assert_false(approval_escalate(&t, &policy, D("2026-02-25"), cal));
    assert_int_equal(t.slots[0].level, 1);
    assert_true(approval_escalate(&t, &policy, D("2026-02-26"), cal));
    assert_int_equal(t.slots[0].level, 2);
    assert_int_equal(t.escalations, 1);
    assert_int_equal(t.due_on, D("2026-03-02")); /* 02-27, the 调休 Saturday 02-28, 03-02 */
    assert_false(approval_awaits(&t, &DEPUTY));
    assert_true(approval_awaits(&t, &PRINCIPAL));
    /* already at the top level: nothing higher to go to */
    assert_false(approval_escalate(&t, &policy, D("2026-03-10"), cal));
    assert_int_equal(t.escalations, 1);
}

static void test_signed_or_legal_only_tasks_do_not_escalate(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.major = true;
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(approval_sign(&t, &policy, &PRINCIPAL, D("2026-03-02"), &err), ZF_OK);
    assert_false(approval_escalate(&t, &policy, D("2026-04-01"), cal)); /* only legal pending */
    lawful_case(&cs, WF_PROC_ORDINARY);
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(approval_sign(&t, &policy, &DEPUTY, D("2026-03-02"), &err), ZF_OK);
    assert_false(approval_escalate(&t, &policy, D("2026-04-01"), cal)); /* complete */
}

static void test_task_json_round_trip(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t, back;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.major = true;
    decision_task(&t, &cs, D("2026-03-02"));
    Approver other = {"deputy2", WR_AGENCY_HEAD, 1};
    assert_int_equal(approval_add(&t, &PRINCIPAL, &other, &err), ZF_OK);
    assert_int_equal(approval_sign(&t, &policy, &PRINCIPAL, D("2026-03-04"), &err), ZF_OK);
    json_t *j = approval_task_json(&t);
    assert_int_equal(approval_task_from_json(j, &back, &err), ZF_OK);
    json_decref(j);
    assert_int_equal(back.action, WA_APPROVE_DECISION);
    assert_int_equal(back.slot_count, 3);
    assert_int_equal(back.due_on, t.due_on);
    assert_int_equal(back.slots[1].kind, AK_LEGAL);
    assert_string_equal(back.slots[2].user, "deputy2");
    assert_string_equal(back.slots[0].signed_by, "principal");
    assert_int_equal(back.slots[0].signed_on, D("2026-03-04"));
    assert_int_equal(back.slots[0].signed_level, 2);
}

static void test_policy_parse_refuses_bad_data(void **state)
{
    (void)state;
    ApprovalPolicy p;
    ZfError err;
    assert_int_equal(approval_policy_parse("[]", &p, &err), ZF_ERR);
    assert_int_equal(approval_policy_parse(
                         "{\"levels\":[{\"level\":2,\"code\":\"a\",\"name\":\"甲\"},{\"level\":1,\"code\":\"b\",\"name\":\"乙\"}],"
                         "\"default_level\":1,\"unassigned_head_level\":1,\"escalate_after_workdays\":3,\"rules\":[]}",
                         &p, &err),
                     ZF_ERR); /* levels out of order */
    assert_int_equal(approval_policy_parse(
                         "{\"levels\":[{\"level\":1,\"code\":\"a\",\"name\":\"甲\"}],\"default_level\":1,"
                         "\"unassigned_head_level\":1,\"escalate_after_workdays\":3,"
                         "\"rules\":[{\"actions\":[\"fly\"],\"level\":1}]}",
                         &p, &err),
                     ZF_ERR);
    assert_int_equal(approval_policy_parse(
                         "{\"levels\":[{\"level\":1,\"code\":\"a\",\"name\":\"甲\"}],\"default_level\":1,"
                         "\"unassigned_head_level\":1,\"escalate_after_workdays\":5,"
                         "\"rules\":[{\"actions\":[\"close\"],\"measures\":[\"fine\"],\"level\":1}]}",
                         &p, &err),
                     ZF_OK);
    assert_int_equal(p.escalate_after_wd, 5);
    assert_int_equal(p.rules[0].measures, WF_M_FINE);
}

/* 不同意（退回）: only an approver the task awaits, only with an opinion; kept with the task. */
static void test_a_refusal_needs_an_awaited_approver_and_an_opinion(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.fine_fen = 6000000; /* ¥60,000: the principal's (default policy) */
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(approval_refuse(&t, &policy, &OFFICER, D("2026-03-03"), "不同意", "", &err), ZF_ERR);
    assert_int_equal(err.status, 403);
    assert_int_equal(approval_refuse(&t, &policy, &DEPUTY, D("2026-03-03"), "不同意", "", &err), ZF_ERR);
    assert_string_equal(err.code, "approval_level_too_low");
    assert_int_equal(approval_refuse(&t, &policy, &PRINCIPAL, D("2026-03-03"), "  ", "", &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "opinion_required");
    assert_int_equal(approval_refuse(&t, &policy, &PRINCIPAL, D("2026-03-01"), "不同意", "", &err), ZF_ERR);
    assert_string_equal(err.code, "approval_date_order");
    assert_string_equal(t.refused.by, "");
    assert_int_equal(approval_refuse(&t, &policy, &PRINCIPAL, D("2026-03-03"), "罚款依据不足", "2026-03-03T01:00:00Z", &err),
                     ZF_OK);
    assert_string_equal(t.refused.by, "principal");
    assert_int_equal(t.refused.level, 2);
    assert_string_equal(t.refused.opinion, "罚款依据不足");

    ApprovalTask back;
    json_t *j = approval_task_json(&t);
    assert_int_equal(approval_task_from_json(j, &back, &err), ZF_OK);
    json_decref(j);
    assert_string_equal(back.refused.by, "principal");
    assert_string_equal(back.refused.opinion, "罚款依据不足");
    assert_string_equal(back.refused.at, "2026-03-03T01:00:00Z");
    assert_int_equal(back.refused.on, D("2026-03-03"));
}

/* The opinion given with a sign-off is kept with it, through the stored form. */
static void test_a_signoff_keeps_its_opinion(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t, back;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(approval_sign(&t, &policy, &DEPUTY, D("2026-03-03"), &err), ZF_OK);
    approval_note_opinion(&t, "deputy", "同意。", "2026-03-03T02:00:00Z");
    json_t *j = approval_task_json(&t);
    assert_int_equal(approval_task_from_json(j, &back, &err), ZF_OK);
    json_decref(j);
    assert_string_equal(back.slots[0].opinion, "同意。");
    assert_string_equal(back.slots[0].signed_at, "2026-03-03T02:00:00Z");
}

/* Where a refusal sends the case: the stage kept when the approval was asked for; for a task that
 * did not keep it, the stage the ordinary procedure's step into the approval leaves (54, 57). */
static void test_a_refused_task_returns_to_where_it_was_asked(void **state)
{
    (void)state;
    CaseState cs;
    ApprovalTask t;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    approval_task_init(&t, &policy, WA_APPROVE_FILING, &cs, D("2026-03-02"), cal);
    assert_int_equal(approval_return_stage(&t, WF_PROC_ORDINARY), WS_CLUE);
    approval_task_init(&t, &policy, WA_CLOSE, &cs, D("2026-03-02"), cal);
    assert_int_equal(approval_return_stage(&t, WF_PROC_ORDINARY), WS_EXECUTION);
    decision_task(&t, &cs, D("2026-03-02"));
    assert_int_equal(approval_return_stage(&t, WF_PROC_ORDINARY), WS_NOTICE);
    t.return_to = WS_COLLECTIVE;
    assert_int_equal(approval_return_stage(&t, WF_PROC_ORDINARY), WS_COLLECTIVE);
    json_t *j = approval_task_json(&t);
    ApprovalTask back;
    assert_int_equal(approval_task_from_json(j, &back, &err), ZF_OK);
    json_decref(j);
    assert_int_equal(back.return_to, WS_COLLECTIVE);
    t.return_to = WS_SERVICE; /* never forward */
    assert_int_equal(approval_return_stage(&t, WF_PROC_ORDINARY), WS_NOTICE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_policy_has_two_levels_and_three_working_days),
        cmocka_unit_test(test_ordinary_fine_needs_a_deputy_only),
        cmocka_unit_test(test_large_fine_refuses_a_deputy_naming_the_principal),
        cmocka_unit_test(test_revoking_a_licence_needs_the_principal_even_without_a_fine),
        cmocka_unit_test(test_major_decision_needs_the_principal_and_the_legal_countersign),
        cmocka_unit_test(test_a_signature_dated_before_the_request_or_another_signature_is_refused),
        cmocka_unit_test(test_an_officer_cannot_sign),
        cmocka_unit_test(test_adding_an_approver_makes_him_required),
        cmocka_unit_test(test_a_named_approver_signs_his_own_slot_not_the_heads),
        cmocka_unit_test(test_raised_requirement_withdraws_a_lower_signoff),
        cmocka_unit_test(test_escalation_counts_the_makeup_saturday_and_skips_the_holiday),
        cmocka_unit_test(test_signed_or_legal_only_tasks_do_not_escalate),
        cmocka_unit_test(test_task_json_round_trip),
        cmocka_unit_test(test_policy_parse_refuses_bad_data),
        cmocka_unit_test(test_a_refusal_needs_an_awaited_approver_and_an_opinion),
        cmocka_unit_test(test_a_signoff_keeps_its_opinion),
        cmocka_unit_test(test_a_refused_task_returns_to_where_it_was_asked),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
