/* Deadlines of a penalty case (rules.md §1, 处罚法 60/61/64/48/67) and the late fee (处罚法 72). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/workflow/deadlines.h"
#include "domain/workflow/late_fee.h"
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

static const Deadline *find(const Deadline *list, size_t n, DeadlineKind kind)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].kind == kind) return &list[i];
    return NULL;
}

static const Deadline *deadline_of(const CaseState *cs, const char *today, DeadlineKind kind,
                                   Deadline out[WF_MAX_DEADLINES])
{
    size_t n = workflow_deadlines(cs, D(today), cal, &cfg, out, WF_MAX_DEADLINES);
    assert_true(n <= WF_MAX_DEADLINES);
    return find(out, n, kind);
}

static void test_decision_due_rolls_over_national_day_2025(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.filed_on = D("2025-07-03"); /* + 90 = 10-01, a holiday until 10-08 */
    const Deadline *d = deadline_of(&cs, "2025-09-01", DL_DECISION, out);
    assert_non_null(d);
    assert_int_equal(d->due, D("2025-10-09"));
    assert_int_equal(d->days_left, D("2025-10-09") - D("2025-09-01"));
    assert_int_equal(d->colour, DL_GREEN);
    assert_true(strstr(d->article, "第六十条") != NULL);
}

static void test_decision_due_adds_extension_and_suspension(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.filed_on = D("2026-01-05");
    cs.extension_days = 30;
    cs.suspended_days = 5;
    const Deadline *d = deadline_of(&cs, "2026-01-05", DL_DECISION, out);
    assert_int_equal(d->due, add_nd(cal, D("2026-01-05"), 125));
}

static void test_decision_colour_turns_yellow_at_10_days_and_red_after_due(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.filed_on = D("2025-07-03");
    assert_int_equal(deadline_of(&cs, "2025-09-28", DL_DECISION, out)->colour, DL_GREEN);
    assert_int_equal(deadline_of(&cs, "2025-09-29", DL_DECISION, out)->colour, DL_YELLOW);
    assert_int_equal(deadline_of(&cs, "2025-10-09", DL_DECISION, out)->colour, DL_YELLOW);
    const Deadline *d = deadline_of(&cs, "2025-10-10", DL_DECISION, out);
    assert_int_equal(d->colour, DL_RED);
    assert_int_equal(d->days_left, -1);
    assert_string_equal(deadline_colour_code(d->colour), "red");
    cs.decided_on = D("2025-10-10");
    assert_int_equal(deadline_of(&cs, "2025-12-01", DL_DECISION, out)->colour, DL_RED);
    cs.decided_on = D("2025-10-09");
    assert_int_equal(deadline_of(&cs, "2025-12-01", DL_DECISION, out)->colour, DL_GREEN);
}

static void test_service_due_7_working_days_over_national_day_2025(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.filed_on = D("2025-08-01");
    cs.decided_on = D("2025-09-26"); /* 09-28 (调休), 09-29, 09-30, 10-09, 10-10, 10-11 (调休), 10-13 */
    assert_int_equal(deadline_of(&cs, "2025-09-26", DL_SERVICE, out)->due, D("2025-10-13"));
}

static void test_simple_procedure_service_is_due_on_the_decision_day(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    lawful_case(&cs, WF_PROC_SIMPLE);
    cs.decided_on = D("2026-05-20");
    assert_int_equal(deadline_of(&cs, "2026-05-20", DL_SERVICE, out)->due, D("2026-05-20"));
    assert_null(deadline_of(&cs, "2026-05-20", DL_DECISION, out));
    assert_null(deadline_of(&cs, "2026-05-20", DL_PUBLICITY, out));
}

static void test_hearing_request_due_5_working_days_after_notice_over_may_day(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.notified_on = D("2026-04-29");
    assert_null(deadline_of(&cs, "2026-04-29", DL_HEARING_REQUEST, out));
    cs.hearing_right_notified = true;
    assert_int_equal(deadline_of(&cs, "2026-04-29", DL_HEARING_REQUEST, out)->due,
                     D("2026-05-09"));
}

/* 处罚法 64: a party who does not ask for a hearing within the 5 working days has let his right
 * lapse; the agency is not late, so the period turns grey, not red, and is no longer "next". */
static void test_hearing_request_period_lapses_grey_not_red(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.decided_on = ZF_DAY_NONE;
    cs.notified_on = D("2026-04-29");
    cs.hearing_right_notified = true;
    cs.hearing_waived = false;
    cs.hearing_requested_on = ZF_DAY_NONE;
    assert_int_equal(deadline_of(&cs, "2026-05-08", DL_HEARING_REQUEST, out)->colour, DL_YELLOW);
    const Deadline *lapsed = deadline_of(&cs, "2026-05-11", DL_HEARING_REQUEST, out);
    assert_int_equal(lapsed->colour, DL_GREY);
    assert_string_equal(deadline_colour_code(lapsed->colour), "grey");
    size_t count = workflow_deadlines(&cs, D("2026-05-11"), cal, &cfg, out, WF_MAX_DEADLINES);
    const Deadline *next = workflow_next_deadline(out, count);
    assert_true(next == NULL || next->kind != DL_HEARING_REQUEST);
    cs.hearing_requested_on = D("2026-05-12"); /* a late request: the party's, still not red */
    assert_int_equal(deadline_of(&cs, "2026-05-12", DL_HEARING_REQUEST, out)->colour, DL_GREY);
}

static void test_publicity_period_is_20_working_days_for_market_regulation(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.decided_on = D("2026-06-01");
    assert_int_equal(deadline_of(&cs, "2026-06-01", DL_PUBLICITY, out)->due,
                     add_wd(cal, D("2026-06-01"), 7));
    snprintf(cs.sector, sizeof cs.sector, "%s", "market_regulation");
    assert_int_equal(deadline_of(&cs, "2026-06-01", DL_PUBLICITY, out)->due,
                     add_wd(cal, D("2026-06-01"), 20));
}

static void test_payment_due_15_days_after_service_rolled_forward(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.decided_on = D("2025-09-12");
    cs.served_on = D("2025-09-16"); /* + 15 = 10-01 → 10-09 */
    assert_int_equal(deadline_of(&cs, "2025-09-16", DL_PAYMENT, out)->due, D("2025-10-09"));
}

static void test_next_deadline_is_the_earliest_pending(void **state)
{
    (void)state;
    CaseState cs;
    Deadline out[WF_MAX_DEADLINES];
    lawful_case(&cs, WF_PROC_ORDINARY);
    cs.filed_on = D("2026-03-03");
    cs.decided_on = D("2026-04-15");
    size_t n = workflow_deadlines(&cs, D("2026-04-16"), cal, &cfg, out, WF_MAX_DEADLINES);
    assert_int_equal(n, 3); /* decision (done), service, publicity */
    const Deadline *next = workflow_next_deadline(out, n);
    assert_int_equal(next->kind, DL_SERVICE);
    assert_int_equal(workflow_deadlines(&cs, D("2026-04-16"), cal, &cfg, out, 1), 3);
}

static void test_late_fee_is_3_percent_per_day(void **state)
{
    (void)state;
    zf_day due = D("2026-05-20");
    assert_int_equal(late_fee_fen(1000000, due, due), 0);
    assert_int_equal(late_fee_fen(1000000, due, due - 5), 0);
    assert_int_equal(late_fee_fen(1000000, due, due + 1), 30000);
    assert_int_equal(late_fee_fen(1000000, due, due + 33), 990000);
    assert_int_equal(late_fee_fen(333, due, due + 1), 9); /* 9.99 fen rounds down */
    assert_int_equal(late_fee_fen(0, due, due + 10), 0);
}

static void test_late_fee_is_capped_at_the_fine(void **state)
{
    (void)state;
    zf_day due = D("2026-05-20");
    assert_int_equal(late_fee_fen(1000000, due, due + 34), 1000000);
    assert_int_equal(late_fee_fen(1000000, due, due + 5000), 1000000);
    assert_int_equal(late_fee_fen(INT64_MAX / 2, due, due + 33), (INT64_MAX / 2 / 100) * 99 +
                                                                      (INT64_MAX / 2 % 100) * 99 /
                                                                          100);
    assert_int_equal(late_fee_fen(INT64_MAX, due, due + 100000), INT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decision_due_rolls_over_national_day_2025),
        cmocka_unit_test(test_decision_due_adds_extension_and_suspension),
        cmocka_unit_test(test_decision_colour_turns_yellow_at_10_days_and_red_after_due),
        cmocka_unit_test(test_service_due_7_working_days_over_national_day_2025),
        cmocka_unit_test(test_simple_procedure_service_is_due_on_the_decision_day),
        cmocka_unit_test(test_hearing_request_due_5_working_days_after_notice_over_may_day),
        cmocka_unit_test(test_hearing_request_period_lapses_grey_not_red),
        cmocka_unit_test(test_publicity_period_is_20_working_days_for_market_regulation),
        cmocka_unit_test(test_payment_due_15_days_after_service_rolled_forward),
        cmocka_unit_test(test_next_deadline_is_the_earliest_pending),
        cmocka_unit_test(test_late_fee_is_3_percent_per_day),
        cmocka_unit_test(test_late_fee_is_capped_at_the_fine),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
