/* 电子送达's pure part (domain/delivery.h): the 确认书's address, the code's form and digest
 * material, the expiry (hours added by hand across a month's and a year's end), what a link
 * may do at a time, and the lockout after the fifth wrong code (the brief's number, the
 * setting delivery_code_attempts' default). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/delivery.h"

static void test_address_needs_a_phone_or_an_email(void **state)
{
    (void)state;
    ZfError err;
    assert_int_equal(delivery_address_check(NULL, NULL, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    assert_non_null(strstr(err.message, "第六十一条"));
    assert_int_equal(delivery_address_check("", "", &err), ZF_ERR);
    assert_int_equal(delivery_address_check("13812345678", NULL, &err), ZF_OK);
    assert_int_equal(delivery_address_check("0532-88888888", NULL, &err), ZF_OK);
    assert_int_equal(delivery_address_check(NULL, "wang@example.cn", &err), ZF_OK);
    assert_int_equal(delivery_address_check("12812345678", NULL, &err), ZF_ERR);
    assert_string_equal(err.field, "phone");
    assert_int_equal(delivery_address_check(NULL, "wang@", &err), ZF_ERR);
    assert_string_equal(err.field, "email");
    assert_int_equal(delivery_address_check(NULL, "wa ng@example.cn", &err), ZF_ERR);
    assert_int_equal(delivery_address_check(NULL, "a@b@example.cn", &err), ZF_ERR);
}

static void test_the_code_is_six_digits_from_forty_bits(void **state)
{
    (void)state;
    char code[7];
    /* 0xffffffffff = 1099511627775; mod 1000000 = 627775 */
    delivery_code_from_hex("ffffffffff", code);
    assert_string_equal(code, "627775");
    /* 0x00000f4241 = 1000001 → 000001: leading zeros kept */
    delivery_code_from_hex("00000f4241", code);
    assert_string_equal(code, "000001");
    assert_true(delivery_code_well_formed("000001"));
    assert_false(delivery_code_well_formed("00001"));
    assert_false(delivery_code_well_formed("0000011"));
    assert_false(delivery_code_well_formed("12a456"));
    assert_false(delivery_code_well_formed(NULL));
    char m1[128], m2[128];
    delivery_code_material("aa", "123456", m1, sizeof m1);
    delivery_code_material("bb", "123456", m2, sizeof m2);
    assert_string_not_equal(m1, m2); /* the same code under another link hashes apart */
}

static void test_expiry_adds_the_hours(void **state)
{
    (void)state;
    char out[DELIVERY_TIME_LEN];
    assert_true(delivery_expiry("2026-12-07T10:45:00Z", 168, out));
    assert_string_equal(out, "2026-12-14T10:45:00Z");
    assert_true(delivery_expiry("2026-12-28T23:30:00Z", 72, out));
    assert_string_equal(out, "2026-12-31T23:30:00Z");
    assert_true(delivery_expiry("2026-12-31T23:30:00Z", 1, out));
    assert_string_equal(out, "2027-01-01T00:30:00Z");
    assert_true(delivery_expiry("2028-02-28T12:00:00Z", 24, out)); /* 2028 is a leap year */
    assert_string_equal(out, "2028-02-29T12:00:00Z");
    assert_false(delivery_expiry("2026-12-07 10:45:00", 1, out));
    assert_false(delivery_expiry("2026-12-07T10:45:00Z", 0, out));
}

static void test_what_a_link_may_do(void **state)
{
    (void)state;
    const char *exp = "2026-12-14T10:45:00Z";
    assert_int_equal(delivery_use("sent", exp, "2026-12-14T10:44:59Z"), DV_OK);
    assert_int_equal(delivery_use("opened", exp, "2026-12-08T00:00:00Z"), DV_OK);
    assert_int_equal(delivery_use("sent", exp, "2026-12-14T10:45:00Z"), DV_EXPIRED); /* at the second: gone */
    assert_int_equal(delivery_use("opened", exp, "2027-01-01T00:00:00Z"), DV_EXPIRED);
    assert_int_equal(delivery_use("locked", exp, "2026-12-08T00:00:00Z"), DV_LOCKED);
    assert_int_equal(delivery_use("confirmed", exp, "2027-01-01T00:00:00Z"), DV_CONFIRMED);
}

static void test_the_fifth_wrong_code_locks(void **state)
{
    (void)state;
    int attempts = 0;
    for (int i = 1; i <= 4; i++) {
        assert_false(delivery_wrong_code(&attempts, 5));
        assert_int_equal(attempts, i);
    }
    assert_true(delivery_wrong_code(&attempts, 5));
    assert_int_equal(attempts, 5);
}

static void test_times_read_in_beijing_time(void **state)
{
    (void)state;
    char out[DELIVERY_CHINA_LEN];
    delivery_time_china("2026-12-07T11:06:08Z", out);
    assert_string_equal(out, "2026-12-07 19:06");
    delivery_time_china("2026-12-31T16:30:00Z", out); /* past midnight in Beijing: the next year */
    assert_string_equal(out, "2027-01-01 00:30");
    delivery_time_china("not a time", out);
    assert_string_equal(out, "not a time");
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(delivery_kind_name("decision"), "行政处罚决定书");
    assert_null(delivery_kind_name("closing"));
    assert_non_null(delivery_status_name("confirmed"));
    assert_null(delivery_status_name("bogus"));
    assert_true(delivery_kind_serves_decision("decision"));
    assert_false(delivery_kind_serves_decision("notice"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_address_needs_a_phone_or_an_email),
        cmocka_unit_test(test_the_code_is_six_digits_from_forty_bits),
        cmocka_unit_test(test_expiry_adds_the_hours),
        cmocka_unit_test(test_what_a_link_may_do),
        cmocka_unit_test(test_the_fifth_wrong_code_locks),
        cmocka_unit_test(test_times_read_in_beijing_time),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
