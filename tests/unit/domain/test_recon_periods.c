/* The periods of 《行政复议法》(2023) against the official calendars. Expected dates are counted by
 * hand on data/holidays (2026: 春节 02-15…02-23 off, 02-14 and 02-28 调休 Saturdays; 国庆 10-01…10-07
 * off, 09-20 and 10-10 调休), not taken from the program. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/recon_flow.h"
#include "domain/recon_periods.h"
#include "test_support.h"

static Calendar *cal;
static ReconPeriods p;

static int setup(void **state)
{
    (void)state;
    cal = test_calendar();
    recon_periods_default(&p);
    return cal ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    calendar_free(cal);
    return 0;
}

static void assert_day(zf_day got, const char *want)
{
    char text[ZF_DATE_LEN];
    if (got == ZF_DAY_NONE) fail_msg("no date, want %s", want);
    date_format(got, text);
    assert_string_equal(text, want);
}

static ReconDates none(void)
{
    return (ReconDates){false, ZF_DAY_NONE, ZF_DAY_NONE, ZF_DAY_NONE, ZF_DAY_NONE, ZF_DAY_NONE, 0, 0, false};
}

/* 第三十条: 5 working days. Thu 02-12 → Fri 13 (1), Sat 14 调休 (2), 15–23 off, Tue 24 (3), 25 (4), 26 (5). */
static void test_review_across_spring_festival_counts_the_tiaoxiu_saturday(void **state)
{
    (void)state;
    ReconDates d = none();
    ReconDeadlines dl;
    d.received_on = D("2026-02-12");
    d.reviewing = true;
    recon_deadlines(cal, &p, &d, &dl);
    assert_day(dl.review_due, "2026-02-26");
    assert_int_equal(dl.copy_due, ZF_DAY_NONE);
    assert_int_equal(dl.decision_due, ZF_DAY_NONE);
}

/* 第三十一条第三款: the review runs again from the correction's arrival. Fri 02-13 → 02-14 调休 (1), 24, 25, 26, 27. */
static void test_review_restarts_from_the_correction(void **state)
{
    (void)state;
    ReconDates d = none();
    ReconDeadlines dl;
    d.received_on = D("2026-01-05");
    d.corrected_on = D("2026-02-13");
    d.reviewing = true;
    recon_deadlines(cal, &p, &d, &dl);
    assert_day(dl.review_due, "2026-02-27");
}

/* 第四十八条: 7 working days from acceptance. Thu 09-24 → 09-25…27 off, 28 (1), 29 (2), 30 (3), 10-01…07 off,
 * 08 (4), 09 (5), Sat 10 调休 (6), Mon 12 (7). 第五十四条 simple: 3 → 09-30. */
static void test_copy_across_national_day(void **state)
{
    (void)state;
    ReconDates d = none();
    ReconDeadlines dl;
    d.accepted_on = D("2026-09-24");
    recon_deadlines(cal, &p, &d, &dl);
    assert_day(dl.copy_due, "2026-10-12");
    assert_int_equal(dl.answer_due, ZF_DAY_NONE);
    d.simple = true;
    recon_deadlines(cal, &p, &d, &dl);
    assert_day(dl.copy_due, "2026-09-30");
}

/* The answer: 10 working days from the copy (Tue 09-29 → 30 (1), 08, 09, 10, 12, 13, 14, 15, 16, 19 (10));
 * simple 5 → 30, 08, 09, 10, 12. */
static void test_answer_across_national_day(void **state)
{
    (void)state;
    ReconDates d = none();
    ReconDeadlines dl;
    d.accepted_on = D("2026-09-24");
    d.copy_sent_on = D("2026-09-29");
    recon_deadlines(cal, &p, &d, &dl);
    assert_day(dl.answer_due, "2026-10-19");
    d.simple = true;
    recon_deadlines(cal, &p, &d, &dl);
    assert_day(dl.answer_due, "2026-10-12");
}

/* 第六十二条: 60 natural days from 08-03 is 10-02, a holiday → rolled to 10-08; simple 30 → 09-02 (Wed). */
static void test_decision_rolls_forward_over_national_day(void **state)
{
    (void)state;
    ReconDates d = none();
    ReconDeadlines dl;
    d.accepted_on = D("2026-08-03");
    recon_deadlines(cal, &p, &d, &dl);
    assert_day(dl.decision_due, "2026-10-08");
    d.simple = true;
    recon_deadlines(cal, &p, &d, &dl);
    assert_day(dl.decision_due, "2026-09-02");
}

/* A 中止 of 12 days: 60 + 12 = 72 days from 08-03 = 10-14 (Wed). */
static void test_suspension_adds_its_days(void **state)
{
    (void)state;
    ReconDates d = none();
    ReconDeadlines dl;
    d.accepted_on = D("2026-08-03");
    d.suspended_days = 12;
    recon_deadlines(cal, &p, &d, &dl);
    assert_day(dl.decision_due, "2026-10-14");
}

/* An extension of 30 when the 60th day fell on a holiday: 90 days from 08-03 = 11-01 (Sunday) → 11-02,
 * counted from acceptance, not from the rolled 10-08 (which would give 11-09). */
static void test_extension_counts_from_acceptance_not_from_the_rolled_date(void **state)
{
    (void)state;
    ReconDates d = none();
    ReconDeadlines dl;
    d.accepted_on = D("2026-08-03");
    d.extension_days = 30;
    recon_deadlines(cal, &p, &d, &dl);
    assert_day(dl.decision_due, "2026-11-02");
}

/* 第二十条: 60 days from 2025-12-17 is 2026-02-15 (春节) → 02-24; received then is in time, 02-25 is late. */
static void test_application_period_rolls_over_spring_festival(void **state)
{
    (void)state;
    assert_false(recon_application_late(cal, &p, D("2025-12-17"), D("2026-02-24")));
    assert_true(recon_application_late(cal, &p, D("2025-12-17"), D("2026-02-25")));
}

/* 第六十二条: at most 30 days of extension in all. */
static void test_extension_at_most_thirty_days_in_all(void **state)
{
    (void)state;
    assert_true(recon_extension_allowed(&p, 0, 30));
    assert_false(recon_extension_allowed(&p, 0, 31));
    assert_true(recon_extension_allowed(&p, 20, 10));
    assert_false(recon_extension_allowed(&p, 20, 11));
    assert_false(recon_extension_allowed(&p, 0, 0));
}

static void test_flow_tables(void **state)
{
    (void)state;
    const ReconActionDef *resume = recon_action("resume"), *accept = recon_action("accept");
    assert_non_null(accept);
    assert_true(recon_action_allowed_from(accept, "received"));
    assert_false(recon_action_allowed_from(accept, "correcting"));
    assert_false(recon_action_allowed_from(accept, "receive"));
    assert_string_equal(recon_action_target(resume, "suspended", "answered"), "answered");
    assert_string_equal(recon_action_target(recon_action("hearing"), "answered", NULL), "answered");
    assert_null(recon_action("bogus"));
    assert_string_equal(recon_suspend_reason(3), "作为申请人的公民下落不明");
    assert_null(recon_suspend_reason(0));
    assert_null(recon_suspend_reason(11));
    assert_string_equal(recon_outcome_revocation("confirm_illegal"), "illegal");
    assert_null(recon_outcome_revocation("maintain"));
    assert_true(recon_outcome_corrects("order_perform"));
    assert_false(recon_outcome_corrects("dismiss"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_review_across_spring_festival_counts_the_tiaoxiu_saturday),
        cmocka_unit_test(test_review_restarts_from_the_correction),
        cmocka_unit_test(test_copy_across_national_day),
        cmocka_unit_test(test_answer_across_national_day),
        cmocka_unit_test(test_decision_rolls_forward_over_national_day),
        cmocka_unit_test(test_suspension_adds_its_days),
        cmocka_unit_test(test_extension_counts_from_acceptance_not_from_the_rolled_date),
        cmocka_unit_test(test_application_period_rolls_over_spring_festival),
        cmocka_unit_test(test_extension_at_most_thirty_days_in_all),
        cmocka_unit_test(test_flow_tables),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
