/* Timeline entry names: every code a writer of the timeline uses (the step codes of the case
 * types, and those written beside them in app/ and api/) has one Chinese name; codes are unique;
 * an unknown code has none, so the console shows it as it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/workflow/timeline.h"

static void test_steps_and_entries_beside_them_are_named(void **state)
{
    (void)state;
    assert_string_equal(timeline_action_name("approve_filing"), "批准立案");
    assert_string_equal(timeline_action_name("submit_filing"), "提交立案审批");
    assert_string_equal(timeline_action_name("file"), "登记线索");
    assert_string_equal(timeline_action_name("attachment"), "上传附件");
    assert_string_equal(timeline_action_name("escalated"), "超时上报");
    assert_string_equal(timeline_action_name("withdraw_publication"), "撤回公示");
}

static void test_unknown_code_has_no_name(void **state)
{
    (void)state;
    assert_null(timeline_action_name("teleport"));
    assert_null(timeline_action_name(""));
    assert_null(timeline_action_name(NULL));
}

static void test_the_list_holds_each_code_once_with_its_lookup_name(void **state)
{
    (void)state;
    const char *code, *name, *seen[64];
    size_t n = 0;
    for (size_t i = 0; timeline_action_at(i, &code, &name); i++) {
        assert_true(n < 64);
        for (size_t j = 0; j < n; j++) assert_string_not_equal(seen[j], code);
        seen[n++] = code;
        assert_true(name && *name);
        assert_string_equal(timeline_action_name(code), name);
    }
    /* 15 steps of the two penalty procedures + 26 of issue 20 (检查 8, 强制措施 6, 强制执行 4,
     * 许可 8) + 11 entries beside them (refuse: 不同意（退回）) + 6 of 电子送达 / 纸质送达 (consent,
     * sent, opened, locked, confirmed, paper) */
    assert_int_equal(n, 15 + 8 + 6 + 4 + 8 + 11 + 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_steps_and_entries_beside_them_are_named),
        cmocka_unit_test(test_unknown_code_has_no_name),
        cmocka_unit_test(test_the_list_holds_each_code_once_with_its_lookup_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
