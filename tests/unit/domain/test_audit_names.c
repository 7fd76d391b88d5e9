/* Unit tests for domain/audit_names: named actions, method-and-path records matched by pattern,
 * the fallback by resource, and what has no name. The expected words are the API's own route
 * purposes (README, src/api/routes.c), written out here, not read from the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/audit_names.h"

static const char *name_of(const char *action, const char *target)
{
    static char buf[64];
    return audit_record_name(action, target, buf, sizeof buf);
}

static void test_named_actions_keep_their_name(void **state)
{
    (void)state;
    assert_string_equal(name_of("login", "officer"), "登录");
    assert_string_equal(name_of("workflow_action", "南市监处罚〔2026〕1号"), "办理案件");
    assert_string_equal(name_of("read_personal", "x"), "查看个人信息");
}

static void test_requests_are_named_by_method_and_path(void **state)
{
    (void)state;
    assert_string_equal(name_of("POST", "/api/v1/users"), "新建用户");
    assert_string_equal(name_of("PUT", "/api/v1/users/12"), "修改用户");
    assert_string_equal(name_of("POST", "/api/v1/users/12/reset-password"), "重置用户密码");
    assert_string_equal(name_of("POST", "/api/v1/workflow/cases/%E7%BA%BF/actions"), "办理案件");
    /* the method is part of the request: POST to one user is not 新建用户 (it falls back) */
    assert_string_equal(name_of("POST", "/api/v1/users/12"), "提交用户");
    /* a pattern's {} is one segment: a deeper path is not 审查重大决定备案 */
    assert_string_equal(name_of("POST", "/api/v1/filings/3/review/x"), "提交重大决定备案");
}

static void test_unlisted_requests_fall_back_to_their_resource(void **state)
{
    (void)state;
    assert_string_equal(name_of("GET", "/api/v1/agencies"), "查看执法主体");
    assert_string_equal(name_of("GET", "/api/v1/cases/x/timeline"), "查看案件");
    assert_string_equal(name_of("GET", "/api/v1/nothing-here"), "");
    assert_string_equal(name_of("PATCH", "/api/v1/users"), "");
    assert_string_equal(name_of("no_such_action", NULL), "");
}

static void test_fields_and_denials_have_names(void **state)
{
    (void)state;
    const char *code, *name;
    bool found = false;
    for (size_t i = 0; audit_field_at(i, &code, &name); i++)
        if (strcmp(code, "party.id_no") == 0) found = strcmp(name, "当事人证件号码") == 0;
    assert_true(found);
    found = false;
    for (size_t i = 0; audit_denial_at(i, &code, &name); i++)
        if (strcmp(code, "forbidden") == 0) found = strcmp(name, "无权限") == 0;
    assert_true(found);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_named_actions_keep_their_name),
        cmocka_unit_test(test_requests_are_named_by_method_and_path),
        cmocka_unit_test(test_unlisted_requests_fall_back_to_their_resource),
        cmocka_unit_test(test_fields_and_denials_have_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
