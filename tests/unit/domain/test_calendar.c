/* Working days and periods of spec/rules.md §1 against the official 2024–2026 calendars. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/calendar.h"
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

static void assert_day(zf_day got, const char *want)
{
    char text[ZF_DATE_LEN];
    date_format(got, text);
    assert_string_equal(text, want);
}

static void test_all_shipped_years_are_loaded(void **state)
{
    (void)state;
    assert_true(calendar_entry_count(cal) > 13 * 20);
}

static void test_tiaoxiu_saturday_is_a_working_day(void **state)
{
    (void)state;
    assert_true(calendar_is_workday(cal, D("2026-02-14")));  /* 春节调休 Saturday */
    assert_true(calendar_is_workday(cal, D("2026-02-28")));
    assert_true(calendar_is_workday(cal, D("2024-02-04")));  /* Sunday */
    assert_true(calendar_is_workday(cal, D("2025-09-28")));
}

static void test_holiday_weekday_is_off(void **state)
{
    (void)state;
    assert_false(calendar_is_workday(cal, D("2026-02-16")));
    assert_false(calendar_is_workday(cal, D("2025-10-08")));
    assert_false(calendar_is_workday(cal, D("2024-10-07")));
    assert_false(calendar_is_workday(cal, D("2026-01-02")));
}

static void test_unlisted_days_follow_the_week(void **state)
{
    (void)state;
    assert_true(calendar_is_workday(cal, D("2026-02-24")));
    assert_false(calendar_is_workday(cal, D("2026-03-01"))); /* Sunday */
    assert_true(calendar_is_workday(cal, D("2026-11-23")));
}

static void test_year_without_calendar_uses_weekends_only(void **state)
{
    (void)state;
    assert_true(calendar_is_workday(cal, D("2030-01-01")));  /* would be 元旦, but no file */
    assert_false(calendar_is_workday(cal, D("2030-01-05"))); /* Saturday */
}

static void test_add_wd_counts_from_the_next_day(void **state)
{
    (void)state;
    assert_day(add_wd(cal, D("2026-11-23"), 1), "2026-11-24");
    assert_day(add_wd(cal, D("2026-11-20"), 1), "2026-11-23"); /* Friday → Monday */
    assert_day(add_wd(cal, D("2026-11-23"), 0), "2026-11-23");
}

static void test_add_wd_uses_tiaoxiu_saturday(void **state)
{
    (void)state;
    assert_day(add_wd(cal, D("2026-02-13"), 1), "2026-02-14");
    assert_day(add_wd(cal, D("2026-02-13"), 2), "2026-02-24");
}

static void test_add_wd_skips_spring_festival(void **state)
{
    (void)state;
    /* 2026-02-10 Tue: 11,12,13,14(调休) = 4; then 24,25,26 → 7th working day is 02-26 */
    assert_day(add_wd(cal, D("2026-02-10"), 7), "2026-02-26");
    assert_day(add_wd(cal, D("2024-02-08"), 2), "2024-02-18"); /* Sunday 调休 */
}

static void test_add_wd_skips_national_day(void **state)
{
    (void)state;
    assert_day(add_wd(cal, D("2025-09-30"), 1), "2025-10-09");
    assert_day(add_wd(cal, D("2025-09-26"), 1), "2025-09-28");
    assert_day(add_wd(cal, D("2025-09-30"), 3), "2025-10-11"); /* 9, 10, 11(调休 Saturday) */
}

static void test_add_nd_rolls_forward_over_holiday(void **state)
{
    (void)state;
    assert_day(add_nd(cal, D("2025-09-23"), 8), "2025-10-09");
    assert_day(add_nd(cal, D("2024-02-05"), 5), "2024-02-18");
}

static void test_add_nd_keeps_working_day(void **state)
{
    (void)state;
    assert_day(add_nd(cal, D("2026-02-06"), 8), "2026-02-14"); /* lands on 调休 Saturday */
    assert_day(add_nd(cal, D("2026-01-12"), 90), "2026-04-13"); /* Monday */
}

static void test_add_nd_rolls_over_weekend(void **state)
{
    (void)state;
    assert_day(add_nd(cal, D("2026-11-18"), 3), "2026-11-23"); /* Saturday → Monday */
}

static void test_add_months_clamps_to_month_end(void **state)
{
    (void)state;
    assert_day(add_months(D("2024-01-31"), 1), "2024-02-29");
    assert_day(add_months(D("2023-01-31"), 1), "2023-02-28");
    assert_day(add_months(D("2024-08-31"), 1), "2024-09-30");
    assert_day(add_months(D("2024-03-31"), -1), "2024-02-29");
    assert_day(add_months(D("2023-12-15"), 2), "2024-02-15");
    assert_day(add_years(D("2024-02-29"), 1), "2025-02-28");
    assert_day(add_years(D("2024-02-29"), 4), "2028-02-29");
}

static void test_add_months_does_not_roll_but_deadline_does(void **state)
{
    (void)state;
    assert_day(add_months(D("2025-07-01"), 3), "2025-10-01");
    assert_day(add_months_deadline(cal, D("2025-07-01"), 3), "2025-10-09");
    assert_day(add_months_deadline(cal, D("2025-08-06"), 9), "2026-05-06");
}

static void test_roll_forward_stays_on_working_day(void **state)
{
    (void)state;
    assert_day(roll_forward(cal, D("2026-02-14")), "2026-02-14");
    assert_day(roll_forward(cal, D("2026-02-15")), "2026-02-24");
}

static void test_load_rejects_bad_calendar_json(void **state)
{
    (void)state;
    Calendar *c = calendar_new();
    const char *bad = "{\"days\":[{\"date\":\"2026-02-30\",\"isOffDay\":true}]}";
    const char *not_array = "{\"days\":{}}";
    assert_int_equal(calendar_load_json(c, bad, strlen(bad)), -1);
    assert_int_equal(calendar_load_json(c, not_array, strlen(not_array)), -1);
    assert_int_equal(calendar_load_json(c, "garbage", 7), -1);
    calendar_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_shipped_years_are_loaded),
        cmocka_unit_test(test_tiaoxiu_saturday_is_a_working_day),
        cmocka_unit_test(test_holiday_weekday_is_off),
        cmocka_unit_test(test_unlisted_days_follow_the_week),
        cmocka_unit_test(test_year_without_calendar_uses_weekends_only),
        cmocka_unit_test(test_add_wd_counts_from_the_next_day),
        cmocka_unit_test(test_add_wd_uses_tiaoxiu_saturday),
        cmocka_unit_test(test_add_wd_skips_spring_festival),
        cmocka_unit_test(test_add_wd_skips_national_day),
        cmocka_unit_test(test_add_nd_rolls_forward_over_holiday),
        cmocka_unit_test(test_add_nd_keeps_working_day),
        cmocka_unit_test(test_add_nd_rolls_over_weekend),
        cmocka_unit_test(test_add_months_clamps_to_month_end),
        cmocka_unit_test(test_add_months_does_not_roll_but_deadline_does),
        cmocka_unit_test(test_roll_forward_stays_on_working_day),
        cmocka_unit_test(test_load_rejects_bad_calendar_json),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
