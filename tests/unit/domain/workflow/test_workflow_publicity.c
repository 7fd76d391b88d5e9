/* 公示 and its withdrawal (行政处罚法 48): when a decision may be published, revoked and withdrawn,
 * the 3-working-day withdrawal deadline, and which parties the portal masks as persons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/workflow/deadlines.h"
#include "domain/workflow/masking.h"
#include "domain/workflow/publicity.h"
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

static const Deadline *deadline_of(const CaseState *cs, const char *today, DeadlineKind kind,
                                   Deadline out[WF_MAX_DEADLINES])
{
    size_t n = workflow_deadlines(cs, D(today), cal, &cfg, out, WF_MAX_DEADLINES);
    assert_true(n <= WF_MAX_DEADLINES);
    for (size_t i = 0; i < n; i++)
        if (out[i].kind == kind) return &out[i];
    return NULL;
}

static void decided_case(CaseState *cs)
{
    lawful_case(cs, WF_PROC_ORDINARY);
    cs->filed_on = D("2025-08-01");
    cs->notified_on = D("2025-09-01");
    cs->decided_on = D("2025-09-15");
    cs->served_on = D("2025-09-17");
}

static void test_publishing_before_the_decision_is_refused_citing_article_48(void **state)
{
    (void)state;
    CaseState cs;
    ZfError err;
    lawful_case(&cs, WF_PROC_ORDINARY);
    assert_int_equal(publicity_can_publish(&cs, D("2025-09-20"), &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "gate_not_decided");
    assert_true(message_cites(&err, "第四十八条"));
}

static void test_a_decision_is_published_once_and_not_before_its_day(void **state)
{
    (void)state;
    CaseState cs;
    ZfError err;
    decided_case(&cs);
    assert_int_equal(publicity_can_publish(&cs, D("2025-09-14"), &err), ZF_ERR);
    assert_string_equal(err.code, "invalid_date");
    assert_int_equal(publicity_can_publish(&cs, D("2025-09-15"), &err), ZF_OK);
    cs.published_on = D("2025-09-16");
    assert_int_equal(publicity_can_publish(&cs, D("2025-09-20"), &err), ZF_ERR);
    assert_int_equal(err.status, 409);
}

static void test_a_revoked_decision_is_not_published(void **state)
{
    (void)state;
    CaseState cs;
    ZfError err;
    decided_case(&cs);
    assert_int_equal(publicity_can_revoke(&cs, D("2025-09-10"), &err), ZF_ERR); /* before the decision */
    assert_int_equal(publicity_can_revoke(&cs, D("2025-09-25"), &err), ZF_OK);
    cs.revoked_on = D("2025-09-25");
    assert_int_equal(publicity_can_revoke(&cs, D("2025-09-26"), &err), ZF_ERR);
    assert_int_equal(err.status, 409);
    assert_int_equal(publicity_can_publish(&cs, D("2025-09-26"), &err), ZF_ERR);
    assert_string_equal(err.code, "gate_revoked");
    assert_true(message_cites(&err, "第四十八条第二款"));
    /* and its publicity deadline no longer applies */
    Deadline out[WF_MAX_DEADLINES];
    assert_null(deadline_of(&cs, "2025-09-26", DL_PUBLICITY, out));
    assert_null(deadline_of(&cs, "2025-09-26", DL_WITHDRAWAL, out));
}

static void test_withdrawal_needs_a_reason_and_a_publication(void **state)
{
    (void)state;
    CaseState cs;
    ZfError err;
    decided_case(&cs);
    assert_int_equal(publicity_can_withdraw(&cs, D("2025-10-09"), "复议撤销", &err), ZF_ERR);
    assert_string_equal(err.code, "not_published");
    cs.published_on = D("2025-09-18");
    assert_int_equal(publicity_can_withdraw(&cs, D("2025-10-09"), "  ", &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    assert_int_equal(publicity_can_withdraw(&cs, D("2025-10-09"), NULL, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    assert_int_equal(publicity_can_withdraw(&cs, D("2025-09-17"), "复议撤销", &err), ZF_ERR);
    assert_string_equal(err.code, "invalid_date");
    assert_int_equal(publicity_can_withdraw(&cs, D("2025-10-09"), "复议撤销", &err), ZF_OK);
    cs.withdrawn_on = D("2025-10-09");
    assert_int_equal(publicity_can_withdraw(&cs, D("2025-10-10"), "复议撤销", &err), ZF_ERR);
    assert_int_equal(err.status, 409);
}

static void test_withdrawal_due_3_working_days_after_revocation_over_national_day_2025(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    decided_case(&cs);
    cs.published_on = D("2025-09-18");
    assert_null(deadline_of(&cs, "2025-09-30", DL_WITHDRAWAL, out));
    cs.revoked_on = D("2025-09-30"); /* 10-01…10-08 off: 10-09, 10-10, 10-11 (调休 Saturday) */
    const Deadline *d = deadline_of(&cs, "2025-09-30", DL_WITHDRAWAL, out);
    assert_non_null(d);
    assert_int_equal(d->due, D("2025-10-11"));
    assert_true(strstr(d->article, "第四十八条第二款") != NULL);
    assert_int_equal(deadline_of(&cs, "2025-10-09", DL_WITHDRAWAL, out)->colour, DL_YELLOW);
    assert_int_equal(deadline_of(&cs, "2025-10-13", DL_WITHDRAWAL, out)->colour, DL_RED);
    cs.withdrawn_on = D("2025-10-10");
    assert_int_equal(deadline_of(&cs, "2025-10-13", DL_WITHDRAWAL, out)->colour, DL_GREEN);
    /* the period is rule configuration, per sector */
    assert_int_equal(rule_config_set(&cfg, RP_WITHDRAWAL_WD, "transport", NULL, 1), ZF_OK);
    assert_int_equal(deadline_of(&cs, "2025-09-30", DL_WITHDRAWAL, out)->due, D("2025-10-09"));
    cfg = rule_config_defaults();
}

static void test_revocation_codes_and_names(void **state)
{
    (void)state;
    WfRevokeKind k;
    WfRevokeBy b;
    assert_int_equal(publicity_revoke_kind_by_code("changed", &k), ZF_OK);
    assert_string_equal(publicity_revoke_kind_name(k), "变更");
    assert_int_equal(publicity_revoke_kind_by_code("cancelled", &k), ZF_ERR);
    assert_int_equal(publicity_revoke_kind_by_code(NULL, &k), ZF_ERR);
    assert_int_equal(publicity_revoke_by_by_code("review", &b), ZF_OK);
    assert_string_equal(publicity_revoke_by_name(b), "行政复议");
    assert_int_equal(publicity_revoke_by_by_code("court", &b), ZF_ERR);
}

static void test_a_resident_id_marks_the_party_as_a_person(void **state)
{
    (void)state;
    assert_true(mask_looks_like_citizen_id("370202198001011232"));
    assert_true(mask_looks_like_citizen_id("37020219800101123X"));
    assert_true(mask_looks_like_citizen_id("370202800101123"));
    assert_false(mask_looks_like_citizen_id("91370202091141705L")); /* a USCC */
    assert_false(mask_looks_like_citizen_id("3702021980010112X2"));
    assert_false(mask_looks_like_citizen_id(""));
    assert_false(mask_looks_like_citizen_id(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_publishing_before_the_decision_is_refused_citing_article_48),
        cmocka_unit_test(test_a_decision_is_published_once_and_not_before_its_day),
        cmocka_unit_test(test_a_revoked_decision_is_not_published),
        cmocka_unit_test(test_withdrawal_needs_a_reason_and_a_publication),
        cmocka_unit_test(test_withdrawal_due_3_working_days_after_revocation_over_national_day_2025),
        cmocka_unit_test(test_revocation_codes_and_names),
        cmocka_unit_test(test_a_resident_id_marks_the_party_as_a_person),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
