/* Unit tests for domain/leads: the step table's link_case rows (关联案件). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/leads.h"

static void test_link_case_keeps_every_open_status(void **state)
{
    (void)state;
    const LeadStatus open[] = {LEAD_RECEIVED, LEAD_TRIAGED, LEAD_DISPATCHED, LEAD_ANSWERED, LEAD_VERIFIED};
    for (size_t i = 0; i < sizeof open / sizeof *open; i++) {
        ZfError err;
        assert_int_equal(lead_next_status(open[i], LEAD_LINK_CASE), (int)open[i]);
        assert_int_equal(lead_check_action(open[i], LEAD_LINK_CASE, LEAD_SIDE_SUPERVISOR, 100, 90, 100, &err), ZF_OK);
    }
}

static void test_link_case_refused_once_closed_or_converted(void **state)
{
    (void)state;
    ZfError err;
    assert_int_equal(lead_next_status(LEAD_CLOSED, LEAD_LINK_CASE), -1);
    assert_int_equal(lead_next_status(LEAD_CONVERTED, LEAD_LINK_CASE), -1);
    assert_int_equal(lead_check_action(LEAD_CLOSED, LEAD_LINK_CASE, LEAD_SIDE_SUPERVISOR, 100, 90, 100, &err), ZF_ERR);
    assert_int_equal(err.status, 409);
}

static void test_link_case_is_the_supervisors(void **state)
{
    (void)state;
    ZfError err;
    assert_int_equal(lead_check_action(LEAD_DISPATCHED, LEAD_LINK_CASE, LEAD_SIDE_AGENCY, 100, 90, 100, &err), ZF_ERR);
    assert_int_equal(err.status, 403);
}

static void test_link_case_has_a_code_and_a_name(void **state)
{
    (void)state;
    LeadAction a;
    assert_int_equal(lead_action_by_code("link_case", &a), ZF_OK);
    assert_int_equal(a, LEAD_LINK_CASE);
    assert_string_equal(lead_action_name(LEAD_LINK_CASE), "关联案件");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_link_case_keeps_every_open_status),
        cmocka_unit_test(test_link_case_refused_once_closed_or_converted),
        cmocka_unit_test(test_link_case_is_the_supervisors),
        cmocka_unit_test(test_link_case_has_a_code_and_a_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
