/* Strict date parsing and day-number arithmetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "util/date.h"

static void test_parse_accepts_leap_day(void **state)
{
    (void)state;
    zf_day d;
    assert_true(date_parse("2024-02-29", &d));
    assert_true(date_parse("2000-02-29", &d));
}

static void test_parse_rejects_impossible_dates(void **state)
{
    (void)state;
    zf_day d;
    const char *bad[] = {"2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10",
                         "2026-04-31", "2026-2-01",  "2026-02-01x", "", "20260201", "2026/02/01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) assert_false(date_parse(bad[i], &d));
    assert_false(date_parse(NULL, &d));
}

static void test_format_round_trips(void **state)
{
    (void)state;
    const char *days[] = {"1970-01-01", "1999-12-31", "2024-02-29", "2026-11-23", "2100-03-01"};
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        zf_day d;
        char out[ZF_DATE_LEN];
        assert_true(date_parse(days[i], &d));
        date_format(d, out);
        assert_string_equal(out, days[i]);
    }
}

static void test_weekday_monday_is_zero(void **state)
{
    (void)state;
    zf_day d;
    assert_true(date_parse("2026-11-23", &d)); /* Monday */
    assert_int_equal(date_weekday(d), 0);
    assert_true(date_parse("1970-01-01", &d)); /* Thursday */
    assert_int_equal(date_weekday(d), 3);
    assert_true(date_parse("1969-12-28", &d)); /* Sunday, negative day number */
    assert_int_equal(date_weekday(d), 6);
}

static void test_datetime_parse_minutes(void **state)
{
    (void)state;
    zf_day d;
    int minute;
    assert_true(datetime_parse("2026-05-20T22:00", &d, &minute));
    assert_int_equal(minute, 22 * 60);
    assert_false(datetime_parse("2026-05-20T24:00", &d, &minute));
    assert_false(datetime_parse("2026-05-20 22:00", &d, &minute));
    assert_false(datetime_parse("2026-05-20T22:60", &d, &minute));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_accepts_leap_day),
        cmocka_unit_test(test_parse_rejects_impossible_dates),
        cmocka_unit_test(test_format_round_trips),
        cmocka_unit_test(test_weekday_monday_is_zero),
        cmocka_unit_test(test_datetime_parse_minutes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
