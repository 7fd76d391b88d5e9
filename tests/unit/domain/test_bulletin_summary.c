/* Unit tests for domain/bulletin_summary: the 通报's opening paragraph and its comparisons. The
 * percentages are worked by hand here ((now − before) / before, to one decimal, half up). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/bulletin_summary.h"

static void expect_change(long long now, long long before, const char *want)
{
    char got[64];
    bulletin_change("同比", now, before, got, sizeof got);
    assert_string_equal(got, want);
}

static void test_changes_are_worded_with_one_decimal(void **state)
{
    (void)state;
    expect_change(9, 8, "同比增长 12.5%");  /* 1/8 = 12.5% */
    expect_change(2, 3, "同比下降 33.3%");  /* 1/3 = 33.33…% */
    expect_change(1, 3, "同比下降 66.7%");  /* 2/3 = 66.66…% rounds up */
    expect_change(30, 10, "同比增长 200.0%");
    expect_change(7, 7, "同比持平");
    expect_change(5, 0, ""); /* no base: no percentage */
}

static void test_yuan_are_grouped_by_thousands(void **state)
{
    (void)state;
    char got[48];
    bulletin_yuan(0, got, sizeof got), assert_string_equal(got, "0.00");
    bulletin_yuan(600000, got, sizeof got), assert_string_equal(got, "6,000.00");
    bulletin_yuan(123456789, got, sizeof got), assert_string_equal(got, "1,234,567.89");
    bulletin_yuan(5, got, sizeof got), assert_string_equal(got, "0.05");
}

static void test_the_paragraph_names_every_figure(void **state)
{
    (void)state;
    BulletinFigures f = {2026, 5, "青岛市", {12, 10, 1234500}, {10, 9, 0}, {0, 0, 0}, 7, 3, 2, 1};
    char got[1024];
    bulletin_summary(&f, got, sizeof got);
    assert_string_equal(got, "2026年5月，青岛市共立案行政执法案件 12 件（上年同期无立案），环比增长 20.0%（上月 10 件）；"
                             "作出处理决定 10 件，罚款 12,345.00 元。截至通报时，未消除预警 10 条，其中红色预警 7 条、"
                             "黄色预警 3 条；本月下发督办问诊文书 2 件，逾期未整改 1 件。");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changes_are_worded_with_one_decimal),
        cmocka_unit_test(test_yuan_are_grouped_by_thousands),
        cmocka_unit_test(test_the_paragraph_names_every_figure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
