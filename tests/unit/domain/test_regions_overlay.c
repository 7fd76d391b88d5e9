/* Unit tests for domain/regions_overlay: the 行政区划 lines a level lays over the shipped table
 * (docs/sync.md "Code tables") — the checks, and the merged table. Pure: a small sample table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "domain/regions_overlay.h"

static const char BASE[] = "# sample\n370000\t山东省\n370200\t青岛市\n370202\t市南区\n110000\t北京市\n110101\t东城区\n";

static Regions *base_table(void)
{
    Regions *r = NULL;
    assert_int_equal(regions_parse(BASE, strlen(BASE), &r), 0);
    return r;
}

/* NULL when text passes, else the reason. */
static const char *reason(const char *text)
{
    static char why[256];
    Regions *base = base_table();
    int rc = regions_overlay_check(base, text, strlen(text), why, sizeof why);
    regions_free(base);
    return rc == 0 ? NULL : why;
}

static void test_additions_and_renames_pass(void **state)
{
    (void)state;
    assert_null(reason("370298\t青岛测试新区\n370202\t市南区（更名）\n"));
    assert_null(reason("# comment\n\n110102\t西城区\r\n"));     /* 直辖市 district: its province */
    assert_null(reason("380000\t测试省\n380100\t测试市\n380101\t测试区\n")); /* parents in the file itself */
    assert_null(reason(""));
}

static void test_bad_lines_are_named(void **state)
{
    (void)state;
    const char *why = reason("370298\t青岛测试新区\n999901\t无上级\n");
    assert_non_null(why);
    assert_non_null(strstr(why, "第 2 行"));
    assert_non_null(strstr(why, "上级区划"));
    assert_non_null(strstr(reason("390100\t无省的市\n"), "上级区划"));
    assert_non_null(strstr(reason("000100\t零\n"), "6 位数字"));
    assert_non_null(strstr(reason("37029\t短\n"), "6 位代码"));
    assert_non_null(strstr(reason("370298\t\x01\n"), "控制字符"));
    assert_non_null(strstr(reason("370298\t\xff\xfe\n"), "UTF-8"));
    char longname[128] = "370298\t";
    memset(longname + 7, 'a', 65);
    longname[72] = '\0';
    assert_non_null(strstr(reason(longname), "64 字节"));
    assert_non_null(reason("370298\tA\n370298\tB\n")); /* a code twice */
}

static void test_overlay_renames_and_adds(void **state)
{
    (void)state;
    const char over[] = "370202\t市南区（更名）\n370298\t青岛测试新区\n";
    Regions *r = NULL;
    assert_int_equal(regions_parse_with_overlay(BASE, strlen(BASE), over, strlen(over), &r), 0);
    assert_string_equal(regions_name(r, "370202"), "市南区（更名）");
    assert_string_equal(regions_name(r, "370298"), "青岛测试新区");
    assert_string_equal(regions_name(r, "370200"), "青岛市");
    char parent[7];
    assert_string_equal(regions_parent(r, "370298", parent), "370200");
    regions_free(r);
}

static void test_empty_overlay_is_the_base(void **state)
{
    (void)state;
    Regions *r = NULL;
    assert_int_equal(regions_parse_with_overlay(BASE, strlen(BASE), "", 0, &r), 0);
    assert_string_equal(regions_name(r, "370202"), "市南区");
    regions_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_additions_and_renames_pass),
        cmocka_unit_test(test_bad_lines_are_named),
        cmocka_unit_test(test_overlay_renames_and_adds),
        cmocka_unit_test(test_empty_overlay_is_the_base),
    };
    return cmocka_run_group_tests_name("regions_overlay", tests, NULL, NULL);
}
