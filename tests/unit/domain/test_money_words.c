/* Unit tests for domain/money_words: amounts in figures and in capitals (大写). Every expectation
 * is written by hand from 中国人民银行《正确填写票据和结算凭证的基本规定》 (its own examples are
 * marked), not taken from the function. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/money_words.h"

static void expect_capitals(long long fen, const char *want)
{
    char got[200];
    assert_int_equal(money_capitals(fen, got, sizeof got), 0);
    assert_string_equal(got, want);
}

static void test_whole_yuan_end_with_zheng(void **state)
{
    (void)state;
    expect_capitals(500000, "伍仟元整");
    expect_capitals(3000, "叁拾元整");
    expect_capitals(20000000, "贰拾万元整");
    expect_capitals(10000000000LL, "壹亿元整");
}

static void test_yi_shi_is_never_shortened(void **state)
{
    (void)state;
    expect_capitals(1000, "壹拾元整");
    expect_capitals(1500, "壹拾伍元整");
    expect_capitals(150000000, "壹佰伍拾万元整");
}

static void test_jiao_and_fen(void **state)
{
    (void)state;
    expect_capitals(1234560, "壹万贰仟叁佰肆拾伍元陆角整");
    expect_capitals(50, "伍角整");
    expect_capitals(5, "伍分");
    expect_capitals(56, "伍角陆分");
    expect_capitals(0, "零元整");
}

static void test_one_ling_for_a_run_of_zeros(void **state)
{
    (void)state;
    expect_capitals(100400, "壹仟零肆元整");
    expect_capitals(101000, "壹仟零壹拾元整");
    expect_capitals(10070000, "壹拾万零柒佰元整");
    expect_capitals(10001000000LL, "壹亿零壹万元整");
    expect_capitals(10000000100LL, "壹亿零壹元整");
    expect_capitals(1000100, "壹万零壹元整");
}

static void test_examples_of_the_rules(void **state)
{
    (void)state;
    expect_capitals(168032, "壹仟陆佰捌拾元零叁角贰分"); /* ￥1,680.32 */
    expect_capitals(32504, "叁佰贰拾伍元零肆分");       /* ￥325.04 */
    expect_capitals(10700053, "壹拾万柒仟元零伍角叁分"); /* ￥107,000.53 */
}

static void test_negative_and_short_buffer_fail(void **state)
{
    (void)state;
    char small[8];
    assert_int_equal(money_capitals(-1, small, sizeof small), -1);
    assert_int_equal(money_capitals(1234560, small, sizeof small), -1);
}

static void test_figures(void **state)
{
    (void)state;
    char got[48];
    assert_int_equal(money_figures(1234560, got, sizeof got), 0);
    assert_string_equal(got, "12,345.60");
    assert_int_equal(money_figures(5, got, sizeof got), 0);
    assert_string_equal(got, "0.05");
    assert_int_equal(money_figures(100000000, got, sizeof got), 0);
    assert_string_equal(got, "1,000,000.00");
    assert_int_equal(money_figures(99900, got, sizeof got), 0);
    assert_string_equal(got, "999.00");
    assert_int_equal(money_fen_of_yuan(12345.6), 1234560);
    assert_int_equal(money_fen_of_yuan(0.29), 29);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_yuan_end_with_zheng), cmocka_unit_test(test_yi_shi_is_never_shortened),
        cmocka_unit_test(test_jiao_and_fen),              cmocka_unit_test(test_one_ling_for_a_run_of_zeros),
        cmocka_unit_test(test_examples_of_the_rules),     cmocka_unit_test(test_negative_and_short_buffer_fail),
        cmocka_unit_test(test_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
