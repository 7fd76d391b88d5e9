/* Unit tests for domain/normative.c: the review chain read from its setting (the migration's value,
 * malformed ones refused), who may act at a step, the 登记编号 from its pattern, the deadline's colour. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/normative.h"

/* The value migration 071 ships. */
static const char SHIPPED[] =
    "[{\"step\":\"initial\",\"name\":\"承办人初审\",\"roles\":[\"norm_clerk\"]},"
    "{\"step\":\"second\",\"name\":\"处长复审\",\"roles\":[\"norm_chief\"]},"
    "{\"step\":\"recheck\",\"name\":\"分管副主任复核\",\"roles\":[\"norm_deputy\"]},"
    "{\"step\":\"final\",\"name\":\"主任终审\",\"roles\":[\"norm_director\"]}]";

static void test_the_shipped_chain_is_the_four_steps_in_order(void **state)
{
    (void)state;
    NormChain c, d;
    ZfError err;
    assert_int_equal(norm_chain_parse(SHIPPED, &c, &err), ZF_OK);
    assert_int_equal(c.n, 4);
    assert_string_equal(c.steps[0].name, "承办人初审");
    assert_string_equal(c.steps[3].name, "主任终审");
    assert_int_equal(norm_chain_index(&c, "recheck"), 2);
    assert_int_equal(norm_chain_index(&c, "nope"), -1);
    assert_true(norm_step_allows(&c.steps[1], "norm_chief"));
    assert_false(norm_step_allows(&c.steps[1], "norm_clerk"));
    norm_chain_defaults(&d);
    assert_memory_equal(&c, &d, sizeof c);
}

static void test_malformed_chains_are_refused(void **state)
{
    (void)state;
    NormChain c;
    ZfError err;
    const char *bad[] = {"", "[]", "{}", "[{\"step\":\"a\",\"name\":\"甲\",\"roles\":[]}]",
                         "[{\"step\":\"a\",\"name\":\"甲\",\"roles\":[\"x\"]},{\"step\":\"a\",\"name\":\"乙\",\"roles\":[\"y\"]}]",
                         "[{\"name\":\"甲\",\"roles\":[\"x\"]}]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(norm_chain_parse(bad[i], &c, &err), ZF_ERR);
        assert_int_equal(err.status, 400);
    }
}

static void test_registration_number_follows_the_pattern(void **state)
{
    (void)state;
    char out[64];
    ZfError err;
    assert_int_equal(norm_reg_no_format("{region_short}规备〔{year}〕{seq}号", "青", 2026, 12, out, sizeof out, &err), ZF_OK);
    assert_string_equal(out, "青规备〔2026〕12号");
    assert_int_equal(norm_reg_no_format("规备{seq}", "青", 2026, 1, out, sizeof out, &err), ZF_ERR); /* no {year} */
    assert_int_equal(norm_reg_no_format("{region_short}规备〔{year}〕{seq}号", "青", 2026, 1, out, 8, &err), ZF_ERR);
}

static void test_deadline_colour(void **state)
{
    (void)state;
    assert_string_equal(norm_due_colour(100, 120, 10), "green");
    assert_string_equal(norm_due_colour(110, 120, 10), "yellow");
    assert_string_equal(norm_due_colour(120, 120, 10), "yellow");
    assert_string_equal(norm_due_colour(121, 120, 10), "red");
}

static void test_names_for_every_code(void **state)
{
    (void)state;
    assert_string_equal(norm_outcome_name("amend"), "建议修改");
    assert_string_equal(norm_outcome_name("correct"), "纠正");
    assert_string_equal(norm_validity_name("repealed"), "已废止");
    assert_string_equal(norm_cleanup_answer_name("void"), "宣布失效");
    assert_null(norm_outcome_name("x"));
    assert_null(norm_status_name(NULL));
}

/* Quarters by the calendar: Q1 Jan–Mar, Q2 Apr–Jun, Q3 Jul–Sep, Q4 Oct–Dec. */
static void test_quarters(void **state)
{
    (void)state;
    zf_day first, last;
    char q[8];
    assert_int_equal(norm_quarter_parse("2026Q3", &first, &last), 0);
    assert_int_equal(first, date_from_ymd(2026, 7, 1));
    assert_int_equal(last, date_from_ymd(2026, 9, 30));
    assert_int_equal(norm_quarter_parse("2024Q1", &first, &last), 0);
    assert_int_equal(last, date_from_ymd(2024, 3, 31));
    assert_int_equal(norm_quarter_parse("2026Q5", &first, &last), -1);
    assert_int_equal(norm_quarter_parse("2026-3", &first, &last), -1);
    assert_int_equal(norm_quarter_parse(NULL, &first, &last), -1);
    norm_quarter_of(date_from_ymd(2026, 10, 1), 0, q);
    assert_string_equal(q, "2026Q4");
    norm_quarter_of(date_from_ymd(2026, 1, 15), 1, q); /* the quarter before crosses the year */
    assert_string_equal(q, "2025Q4");
    assert_int_equal(norm_month_of_quarter(date_from_ymd(2026, 1, 31)), 1);
    assert_int_equal(norm_month_of_quarter(date_from_ymd(2026, 8, 1)), 2);
    assert_int_equal(norm_month_of_quarter(date_from_ymd(2026, 12, 31)), 3);
}

static void test_decline_checklist_has_its_basis(void **state)
{
    (void)state;
    const NormDeclineItem *d;
    size_t n = 0;
    for (; (d = norm_decline_item_at(n)); n++) {
        assert_non_null(d->basis);
        assert_true(strlen(d->basis) > 0);
        assert_ptr_equal(norm_decline_item(d->code), d);
    }
    assert_true(n >= 7);
    assert_string_equal(norm_decline_item("meeting_minutes")->name, "会议纪要");
    assert_null(norm_decline_item("x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_shipped_chain_is_the_four_steps_in_order),
        cmocka_unit_test(test_malformed_chains_are_refused),
        cmocka_unit_test(test_registration_number_follows_the_pattern),
        cmocka_unit_test(test_deadline_colour),
        cmocka_unit_test(test_names_for_every_code),
        cmocka_unit_test(test_quarters),
        cmocka_unit_test(test_decline_checklist_has_its_basis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
