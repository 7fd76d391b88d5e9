/* Unit tests for domain/authz: the login lockout schedule (README: five failures lock a name for
 * 30 s, doubling, at most an hour) and the 三员分立 duty-class rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/authz.h"

static const LoginPolicy readme = {5, 30, 3600};

static void test_no_lock_before_the_fifth_failure(void **state)
{
    (void)state;
    for (int f = 0; f < 5; f++) assert_int_equal(login_lock_seconds(&readme, f), 0);
}

static void test_lock_doubles_with_each_further_failure(void **state)
{
    (void)state;
    assert_int_equal(login_lock_seconds(&readme, 5), 30);
    assert_int_equal(login_lock_seconds(&readme, 6), 60);
    assert_int_equal(login_lock_seconds(&readme, 7), 120);
    assert_int_equal(login_lock_seconds(&readme, 11), 1920);
}

static void test_lock_stops_at_the_ceiling_without_overflow(void **state)
{
    (void)state;
    assert_int_equal(login_lock_seconds(&readme, 12), 3600);
    assert_int_equal(login_lock_seconds(&readme, 1000000), 3600);
    LoginPolicy odd = {1, 7, 10};
    assert_int_equal(login_lock_seconds(&odd, 1), 7);
    assert_int_equal(login_lock_seconds(&odd, 2), 10);
}

static void test_a_class_holds_what_it_owns(void **state)
{
    (void)state;
    assert_true(authz_duty_may_hold("business", "business", NULL));
    assert_true(authz_duty_may_hold("sysadmin", "sysadmin", NULL));
    assert_true(authz_duty_may_hold("auditor", "auditor", NULL));
}

static void test_no_class_holds_what_another_owns(void **state)
{
    (void)state;
    assert_false(authz_duty_may_hold("business", "sysadmin", NULL)); /* an officer with settings.write */
    assert_false(authz_duty_may_hold("secadmin", "auditor", NULL));
    assert_false(authz_duty_may_hold("sysadmin", "secadmin", NULL));
    assert_false(authz_duty_may_hold("auditor", "business", NULL));
}

static void test_a_share_admits_only_the_classes_it_names(void **state)
{
    (void)state;
    const char *const to_sysadmin[] = {"sysadmin", NULL};
    assert_true(authz_duty_may_hold("sysadmin", "business", to_sysadmin));
    assert_false(authz_duty_may_hold("auditor", "business", to_sysadmin));
    assert_false(authz_duty_may_hold("secadmin", "business", to_sysadmin));
}

static void test_unknown_classes_hold_nothing(void **state)
{
    (void)state;
    const char *const to_king[] = {"king", NULL};
    assert_false(authz_duty_may_hold("king", "king", NULL));
    assert_false(authz_duty_may_hold("king", "business", to_king));
    assert_false(authz_duty_may_hold(NULL, "business", NULL));
    assert_string_equal(duty_label("secadmin"), "安全保密管理员");
    assert_string_equal(duty_label("king"), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_lock_before_the_fifth_failure),
        cmocka_unit_test(test_lock_doubles_with_each_further_failure),
        cmocka_unit_test(test_lock_stops_at_the_ceiling_without_overflow),
        cmocka_unit_test(test_a_class_holds_what_it_owns),
        cmocka_unit_test(test_no_class_holds_what_another_owns),
        cmocka_unit_test(test_a_share_admits_only_the_classes_it_names),
        cmocka_unit_test(test_unknown_classes_hold_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
