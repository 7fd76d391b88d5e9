/* Unit tests for domain/text_mask: personal data inside free text masked for publication the way the
 * portal's 公示 masks a party (张** and 3702**********1234, domain/workflow/masking.h), mobile numbers
 * as 139****5678, known addresses as ***. Expectations written by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "domain/text_mask.h"

static void expect(const char *text, const char *const *names, size_t nn, const char *const *secrets, size_t ns,
                   const char *want)
{
    char *got = mask_text(text, names, nn, secrets, ns);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void test_names_everywhere(void **state)
{
    (void)state;
    const char *names[] = {"张三丰", "李四"};
    expect("申请人张三丰称，张三丰与李四无关。", names, 2, NULL, 0, "申请人张**称，张**与李**无关。");
}

static void test_one_character_names_are_not_searched(void **state)
{
    (void)state;
    const char *names[] = {"王"};
    expect("王某称", names, 1, NULL, 0, "王某称");
}

static void test_id_numbers_and_phones(void **state)
{
    (void)state;
    expect("身份证号码370211198503010019，电话13912345678。", NULL, 0, NULL, 0,
           "身份证号码3702**********0019，电话139****5678。");
    expect("旧证370211850301001，末位X的37021119850301001X", NULL, 0, NULL, 0,
           "旧证3702*******1001，末位X的3702**********001X");
}

static void test_other_numbers_stay(void **state)
{
    (void)state;
    /* an amount, a date, a 12-digit number and a landline are not what the rules mask */
    expect("罚款20000元，2026年4月20日，编号123456789012，0532-12345678", NULL, 0, NULL, 0,
           "罚款20000元，2026年4月20日，编号123456789012，0532-12345678");
    /* eleven digits not starting with 1 are not a mobile number */
    expect("23912345678", NULL, 0, NULL, 0, "23912345678");
}

static void test_addresses(void **state)
{
    (void)state;
    const char *secrets[] = {"青岛市黄岛区长江中路88号"};
    expect("住青岛市黄岛区长江中路88号。", NULL, 0, secrets, 1, "住***。");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_everywhere), cmocka_unit_test(test_one_character_names_are_not_searched),
        cmocka_unit_test(test_id_numbers_and_phones), cmocka_unit_test(test_other_numbers_stay),
        cmocka_unit_test(test_addresses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
