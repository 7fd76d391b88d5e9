/* 重大行政执法决定备案: which decisions are major under the policy and by when they are filed.
 * Expected values come from the policy's text (legal-notes.md: 15 days of service; fines ≥ 10,000
 * yuan for a person, ≥ 100,000 yuan for an organisation; 责令停产停业, 吊销许可证件) and the 2026
 * holiday calendar (data/holidays/2026.json: 国庆 10-01…10-07 off, 10-10 a working Saturday). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/filing.h"
#include "test_support.h"

static Calendar *cal;

static int setup(void **state)
{
    (void)state;
    cal = test_calendar();
    return cal ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    calendar_free(cal);
    return 0;
}

static zf_day day(const char *s)
{
    zf_day d;
    assert_true(date_parse(s, &d));
    return d;
}

static void assert_day(zf_day got, const char *want)
{
    char text[ZF_DATE_LEN];
    date_format(got, text);
    assert_string_equal(text, want);
}

/* A decided penalty case: party kind, fine (yuan), measures JSON, served date (NULL = unknown). */
static json_t *decided(const char *party, double fine, const char *measures, const char *decided_on,
                       const char *served_on)
{
    json_t *rec = json_pack("{s:s, s:s, s:{s:s}, s:s, s:{s:s, s:f, s:o}}", "case_no", "测试〔2026〕1号", "kind", "penalty",
                            "party", "kind", party, "decided_on", decided_on, "decision", "outcome", "penalty", "fine",
                            fine, "measures", json_loads(measures, 0, NULL));
    if (served_on) json_object_set_new(rec, "served_on", json_string(served_on));
    return rec;
}

static bool assess(const json_t *rec, bool marks_major, FilingAssessment *a)
{
    FilingPolicy p;
    filing_policy_defaults(&p);
    return filing_assess(&p, marks_major, rec, cal, a);
}

static void test_default_policy_is_the_local_rule(void **state)
{
    (void)state;
    FilingPolicy p;
    filing_policy_defaults(&p);
    assert_int_equal(p.period_days, 15);
    assert_false(p.working_days); /* 处罚法 85 makes only 2/3/5/7-day periods working days */
    assert_int_equal(p.person_fine_min_fen, 1000000);
    assert_int_equal(p.org_fine_min_fen, 10000000);
    assert_true(p.approval_major);
}

static void test_person_fine_of_ten_thousand_is_major(void **state)
{
    (void)state;
    FilingAssessment a;
    json_t *at = decided("person", 10000, "[\"fine\"]", "2026-03-02", NULL);
    json_t *below = decided("person", 9999.99, "[\"fine\"]", "2026-03-02", NULL);
    assert_true(assess(at, true, &a));
    assert_non_null(strstr(a.reasons, "罚款 10000.00 元"));
    assert_non_null(strstr(a.reasons, "个人"));
    assert_false(assess(below, true, &a));
    json_decref(at);
    json_decref(below);
}

static void test_org_fine_threshold_is_one_hundred_thousand(void **state)
{
    (void)state;
    FilingAssessment a;
    json_t *below = decided("org", 99999, "[\"fine\"]", "2026-03-02", NULL);
    json_t *at = decided("org", 100000, "[\"fine\"]", "2026-03-02", NULL);
    assert_false(assess(below, true, &a));
    assert_true(assess(at, true, &a));
    assert_non_null(strstr(a.reasons, "单位"));
    json_decref(below);
    json_decref(at);
}

static void test_suspension_and_revocation_are_always_major(void **state)
{
    (void)state;
    FilingAssessment a;
    json_t *rec = decided("org", 5000, "[\"fine\",\"suspend_business\",\"revoke_license\"]", "2026-03-02", NULL);
    assert_true(assess(rec, true, &a));
    assert_string_equal(a.reasons, "责令停产停业；吊销许可证件");
    json_decref(rec);
    rec = decided("org", 0, "[\"warning\"]", "2026-03-02", NULL);
    assert_false(assess(rec, true, &a));
    json_decref(rec);
}

static void test_case_handled_as_major_is_filed_when_the_approval_policy_says_so(void **state)
{
    (void)state;
    FilingAssessment a;
    json_t *rec = decided("org", 2000, "[\"fine\"]", "2026-03-02", NULL);
    json_object_set_new(rec, "major", json_true());
    assert_true(assess(rec, true, &a));
    assert_non_null(strstr(a.reasons, "重大案件"));
    assert_false(assess(rec, false, &a)); /* no major tier in the approval policy */
    json_decref(rec);
}

static void test_no_decision_or_transfer_is_not_filed(void **state)
{
    (void)state;
    FilingAssessment a;
    json_t *rec = decided("org", 500000, "[\"fine\"]", "2026-03-02", NULL);
    json_object_del(rec, "decided_on");
    assert_false(assess(rec, true, &a));
    json_decref(rec);
    rec = decided("org", 500000, "[\"fine\"]", "2026-03-02", NULL);
    json_object_set_new(json_object_get(rec, "decision"), "outcome", json_string("transferred"));
    assert_false(assess(rec, true, &a));
    json_decref(rec);
}

static void test_fifteen_days_from_service_roll_over_national_day(void **state)
{
    (void)state;
    FilingAssessment a;
    /* served Sunday 2026-09-20 (a 调休 working day); +15 = 10-05, inside 国庆 → next working day 10-08 */
    json_t *rec = decided("org", 200000, "[\"fine\"]", "2026-09-18", "2026-09-20");
    assert_true(assess(rec, true, &a));
    assert_day(a.served_on, "2026-09-20");
    assert_day(a.due_on, "2026-10-08");
    json_decref(rec);
}

static void test_period_runs_from_the_decision_when_service_is_unknown(void **state)
{
    (void)state;
    FilingAssessment a;
    json_t *rec = decided("org", 200000, "[\"fine\"]", "2026-03-02", NULL);
    assert_true(assess(rec, true, &a));
    assert_int_equal(a.served_on, ZF_DAY_NONE);
    assert_day(a.due_on, "2026-03-17"); /* 03-02 + 15, a Tuesday */
    json_decref(rec);
    rec = decided("org", 200000, "[\"fine\"]", "2026-03-02", "2026-02-20"); /* served before decided: ignored */
    assert_true(assess(rec, true, &a));
    assert_day(a.due_on, "2026-03-17");
    json_decref(rec);
}

static void test_working_day_policy_skips_national_day_and_counts_the_working_saturday(void **state)
{
    (void)state;
    FilingPolicy p;
    ZfError err;
    assert_int_equal(filing_policy_parse("{\"period_days\":15,\"day_kind\":\"working\",\"basis\":\"某省规定\"}", &p, &err),
                     ZF_OK);
    /* after Mon 09-28: 09-29, 09-30, 10-08, 10-09, 10-10 (Sat, 调休), 10-12…10-16, 10-19…10-23 */
    assert_day(filing_due(&p, cal, day("2026-09-28")), "2026-10-23");
}

static void test_filed_on_the_last_day_is_on_time(void **state)
{
    (void)state;
    assert_false(filing_late(day("2026-10-08"), day("2026-10-08")));
    assert_true(filing_late(day("2026-10-08"), day("2026-10-09")));
}

static void test_policy_refuses_bad_values_in_chinese(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "{\"period_days\":0,\"day_kind\":\"calendar\",\"basis\":\"x\"}",
        "{\"period_days\":15,\"day_kind\":\"lunar\",\"basis\":\"x\"}",
        "{\"period_days\":15,\"day_kind\":\"calendar\"}",
        "{\"period_days\":15,\"day_kind\":\"calendar\",\"basis\":\"x\",\"measures\":[\"flog\"]}",
        "{\"period_days\":15,\"day_kind\":\"calendar\",\"basis\":\"x\",\"org_fine_min\":-1}",
        "{\"period_days\":15,\"day_kind\":\"calendar\",\"basis\":\"x\",\"typo\":1}",
        "[]",
    };
    FilingPolicy p;
    ZfError err;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(filing_policy_parse(bad[i], &p, &err), ZF_ERR);
        assert_int_equal(err.status, 400);
        assert_true((unsigned char)err.message[0] >= 0x80 || strstr(err.message, "period_days") ||
                    strstr(err.message, "day_kind") || strstr(err.message, "measures") ||
                    strstr(err.message, "approval_major"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_policy_is_the_local_rule),
        cmocka_unit_test(test_person_fine_of_ten_thousand_is_major),
        cmocka_unit_test(test_org_fine_threshold_is_one_hundred_thousand),
        cmocka_unit_test(test_suspension_and_revocation_are_always_major),
        cmocka_unit_test(test_case_handled_as_major_is_filed_when_the_approval_policy_says_so),
        cmocka_unit_test(test_no_decision_or_transfer_is_not_filed),
        cmocka_unit_test(test_fifteen_days_from_service_roll_over_national_day),
        cmocka_unit_test(test_period_runs_from_the_decision_when_service_is_unknown),
        cmocka_unit_test(test_working_day_policy_skips_national_day_and_counts_the_working_saturday),
        cmocka_unit_test(test_filed_on_the_last_day_is_on_time),
        cmocka_unit_test(test_policy_refuses_bad_values_in_chinese),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
