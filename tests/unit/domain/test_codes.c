/* Unit tests for domain/codes: USCC, citizen ID and region-code format rules.
 * Must never depend on files, clock or locale; every fixture is inline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/codes.h"

/* Copies first17 and appends the computed check char, so a fixture fails on one rule only. */
static void with_cnid_check(const char *first17, char out[19])
{
    memcpy(out, first17, 17);
    out[17] = cnid_check_char(first17);
    out[18] = '\0';
}

static void test_uscc_accepts_published_examples(void **state)
{
    (void)state;
    assert_true(uscc_valid("91350100M000100Y43"));
    assert_true(uscc_valid("113702021588139920"));
    assert_true(uscc_valid("11370203869879736T"));
    assert_true(uscc_valid("91370202091141705L"));
}

static void test_uscc_check_char_matches_examples(void **state)
{
    (void)state;
    assert_int_equal(uscc_check_char("91350100M000100Y4"), '3');
    assert_int_equal(uscc_check_char("11370203869879736"), 'T');
    assert_int_equal(uscc_check_char("11370202158813992"), '0');
}

static void test_uscc_check_char_rejects_forbidden_letter(void **state)
{
    (void)state;
    assert_int_equal(uscc_check_char("91350100I000100Y4"), 0);
    assert_int_equal(uscc_check_char("9135010\0M000100Y4"), 0);
}

static void test_uscc_rejects_changed_check_char(void **state)
{
    (void)state;
    assert_false(uscc_valid("91350100M000100Y44"));
    assert_false(uscc_valid("91370202091141705K"));
}

static void test_uscc_rejects_changed_body_char(void **state)
{
    (void)state;
    assert_false(uscc_valid("91350100M000200Y43"));
    assert_false(uscc_valid("92350100M000100Y43"));
}

static void test_uscc_rejects_wrong_length(void **state)
{
    (void)state;
    assert_false(uscc_valid(""));
    assert_false(uscc_valid("91350100M000100Y4"));
    assert_false(uscc_valid("91350100M000100Y430"));
    assert_false(uscc_valid(NULL));
}

static void test_uscc_rejects_forbidden_letters(void **state)
{
    (void)state;
    /* I O Z S V are excluded from the charset, even with an otherwise plausible layout. */
    const char *forbidden = "IOZSV";
    for (size_t i = 0; i < strlen(forbidden); i++) {
        char s[19] = "91350100M000100Y43";
        s[8] = forbidden[i];
        assert_false(uscc_valid(s));
    }
}

static void test_uscc_rejects_lowercase(void **state)
{
    (void)state;
    assert_false(uscc_valid("91350100m000100Y43"));
    assert_false(uscc_valid("91370202091141705l"));
}

static void test_uscc_rejects_letter_in_region_digits(void **state)
{
    (void)state;
    /* Body letter at position 4 with a recomputed check char: only the region rule can fail. */
    char s[19] = "913A0100M000100Y4";
    s[17] = uscc_check_char(s);
    assert_int_not_equal(s[17], 0);
    assert_false(uscc_valid(s));
}

static void test_cnid_accepts_check_digit_x(void **state)
{
    (void)state;
    assert_true(cnid_valid("11010519491231002X"));
    assert_int_equal(cnid_check_char("11010519491231002"), 'X');
}

static void test_cnid_accepts_valid_digit_check(void **state)
{
    (void)state;
    assert_true(cnid_valid("440524198001010013"));
    assert_true(cnid_valid("110105199003071239"));
}

static void test_cnid_rejects_lowercase_x(void **state)
{
    (void)state;
    assert_false(cnid_valid("11010519491231002x"));
}

static void test_cnid_rejects_changed_check_digit(void **state)
{
    (void)state;
    assert_false(cnid_valid("110105194912310021"));
    assert_false(cnid_valid("440524198001010012"));
}

static void test_cnid_rejects_changed_body_digit(void **state)
{
    (void)state;
    assert_false(cnid_valid("440524198001010023"));
}

static void test_cnid_rejects_wrong_length_and_letters(void **state)
{
    (void)state;
    assert_false(cnid_valid("44052419800101001"));
    assert_false(cnid_valid("4405241980010100133"));
    assert_false(cnid_valid("44052419800101A013"));
    assert_false(cnid_valid(NULL));
    assert_int_equal(cnid_check_char("4405241980010100A"), 0);
}

static void test_cnid_accepts_feb_29_in_leap_years(void **state)
{
    (void)state;
    char id[19];
    with_cnid_check("11010120000229001", id); /* 2000: divisible by 400 */
    assert_true(cnid_valid(id));
    with_cnid_check("11010119960229001", id);
    assert_true(cnid_valid(id));
}

static void test_cnid_rejects_feb_29_in_non_leap_years(void **state)
{
    (void)state;
    char id[19];
    with_cnid_check("11010119000229001", id); /* 1900: century not divisible by 400 */
    assert_false(cnid_valid(id));
    with_cnid_check("11010120230229001", id);
    assert_false(cnid_valid(id));
}

static void test_cnid_rejects_impossible_month_and_day(void **state)
{
    (void)state;
    char id[19];
    with_cnid_check("11010119801301001", id);
    assert_false(cnid_valid(id));
    with_cnid_check("11010119800001001", id);
    assert_false(cnid_valid(id));
    with_cnid_check("11010119800431001", id);
    assert_false(cnid_valid(id));
    with_cnid_check("11010119800100001", id);
    assert_false(cnid_valid(id));
}

static void test_cnid_rejects_birth_year_before_1900(void **state)
{
    (void)state;
    char id[19];
    with_cnid_check("11010118991231001", id);
    assert_false(cnid_valid(id));
}

static void test_region_code_format_requires_six_digits(void **state)
{
    (void)state;
    assert_true(region_code_format_valid("370202"));
    assert_false(region_code_format_valid("37020"));
    assert_false(region_code_format_valid("3702021"));
    assert_false(region_code_format_valid("37020A"));
    assert_false(region_code_format_valid(""));
    assert_false(region_code_format_valid(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uscc_accepts_published_examples),
        cmocka_unit_test(test_uscc_check_char_matches_examples),
        cmocka_unit_test(test_uscc_check_char_rejects_forbidden_letter),
        cmocka_unit_test(test_uscc_rejects_changed_check_char),
        cmocka_unit_test(test_uscc_rejects_changed_body_char),
        cmocka_unit_test(test_uscc_rejects_wrong_length),
        cmocka_unit_test(test_uscc_rejects_forbidden_letters),
        cmocka_unit_test(test_uscc_rejects_lowercase),
        cmocka_unit_test(test_uscc_rejects_letter_in_region_digits),
        cmocka_unit_test(test_cnid_accepts_check_digit_x),
        cmocka_unit_test(test_cnid_accepts_valid_digit_check),
        cmocka_unit_test(test_cnid_rejects_lowercase_x),
        cmocka_unit_test(test_cnid_rejects_changed_check_digit),
        cmocka_unit_test(test_cnid_rejects_changed_body_digit),
        cmocka_unit_test(test_cnid_rejects_wrong_length_and_letters),
        cmocka_unit_test(test_cnid_accepts_feb_29_in_leap_years),
        cmocka_unit_test(test_cnid_rejects_feb_29_in_non_leap_years),
        cmocka_unit_test(test_cnid_rejects_impossible_month_and_day),
        cmocka_unit_test(test_cnid_rejects_birth_year_before_1900),
        cmocka_unit_test(test_region_code_format_requires_six_digits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
