/* Unit tests for domain/authz: the login lockout schedule (README: five failures lock a name for
 * 30 s, doubling, at most an hour). */
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_lock_before_the_fifth_failure),
        cmocka_unit_test(test_lock_doubles_with_each_further_failure),
        cmocka_unit_test(test_lock_stops_at_the_ceiling_without_overflow),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
