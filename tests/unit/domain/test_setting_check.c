/* Unit tests for setting_check: integer bounds (both, one, none), malformed integers, the 文号
 * pattern kind, over-long values and read-only rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <string.h>

#include "domain/setting_check.h"

static const SettingSpec due_day = {"integer", true, true, 1, 28};

static int status_of(const SettingSpec *s, const char *value)
{
    ZfError err = {0};
    return setting_check(s, value, &err) == ZF_OK ? 0 : err.status;
}

static void test_integer_within_bounds_is_accepted(void **state)
{
    (void)state;
    assert_int_equal(status_of(&due_day, "1"), 0);
    assert_int_equal(status_of(&due_day, "28"), 0);
}

static void test_integer_outside_bounds_names_the_range(void **state)
{
    (void)state;
    ZfError err;
    assert_int_equal(setting_check(&due_day, "29", &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    assert_string_equal(err.field, "value");
    assert_non_null(strstr(err.message, "1 至 28"));
    assert_int_equal(status_of(&due_day, "0"), 400);
    SettingSpec at_least = {"integer", true, false, 5, 0};
    assert_int_equal(status_of(&at_least, "4"), 400);
    assert_int_equal(status_of(&at_least, "4000000"), 0);
}

static void test_malformed_integers_are_refused(void **state)
{
    (void)state;
    const char *bad[] = {"", "1O", " 5", "+5", "5 ", "0x10", "99999999999999999999999", "1.5"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) assert_int_equal(status_of(&due_day, bad[i]), 400);
}

static void test_doc_number_pattern_needs_year_and_seq(void **state)
{
    (void)state;
    SettingSpec p = {"doc_number_pattern", false, false, 0, 0};
    assert_int_equal(status_of(&p, "{abbr}处罚〔{year}〕{seq}号"), 0);
    assert_int_equal(status_of(&p, "{abbr}处罚〔{year}〕号"), 400);
    assert_int_equal(status_of(&p, "{abbr}处罚〔{year}〕{seq}{seq}号"), 400);
}

static void test_media_types_must_be_sniffable_evidence_formats(void **state)
{
    (void)state;
    SettingSpec m = {"media_types", false, false, 0, 0};
    assert_int_equal(status_of(&m, "image/jpeg image/png"), 0);
    assert_int_equal(status_of(&m, "image/jpeg text/html"), 400);
    assert_int_equal(status_of(&m, "application/zip"), 400); /* recognised only to refuse it */
    assert_int_equal(status_of(&m, "   "), 400);
}

/* Found by tests/fuzz/fuzz_media.c: a long unknown type was cut at 63 bytes inside a character,
 * and a message that is not UTF-8 cannot go out as JSON (the reply lost it). */
static void test_long_unknown_media_type_is_quoted_in_whole_characters(void **state)
{
    (void)state;
    SettingSpec m = {"media_types", false, false, 0, 0};
    char value[80];
    memset(value, 'p', 62);
    strcpy(value + 62, "中文");
    ZfError err;
    assert_int_equal(setting_check(&m, value, &err), ZF_ERR);
    assert_int_equal(err.status, 400);
    assert_non_null(strstr(err.message, "pppp”"));
    json_t *s = json_string(err.message);
    assert_non_null(s);
    json_decref(s);
}

static void test_approval_policy_is_parsed_like_the_server_reads_it(void **state)
{
    (void)state;
    SettingSpec p = {"approval_policy", false, false, 0, 0};
    assert_int_equal(status_of(&p, "{\"levels\":"), 400);
    assert_int_equal(status_of(&p, "[]"), 400);
}

static void test_unknown_kind_is_not_editable(void **state)
{
    (void)state;
    SettingSpec odd = {"colour", false, false, 0, 0};
    assert_int_equal(status_of(&odd, "red"), 422);
}

static void test_readonly_and_overlong_values(void **state)
{
    (void)state;
    SettingSpec ro = {NULL, false, false, 0, 0};
    assert_int_equal(status_of(&ro, "1"), 422);
    char long_value[SETTING_VALUE_MAX + 2];
    memset(long_value, '1', sizeof long_value - 1);
    long_value[sizeof long_value - 1] = '\0';
    assert_int_equal(status_of(&due_day, long_value), 400);
    assert_int_equal(status_of(&due_day, NULL), 400);
}

/* The default 审批意见: a short text people read — not blank, at most 100 characters. */
static void test_short_text_is_a_readable_opinion(void **state)
{
    (void)state;
    static const SettingSpec opinion = {"short_text", false, false, 0, 0};
    assert_int_equal(status_of(&opinion, "同意。"), 0);
    assert_int_equal(status_of(&opinion, "   "), 400);
    assert_int_equal(status_of(&opinion, ""), 400);
    char long_text[400] = "";
    for (int i = 0; i < 101; i++) strcat(long_text, "意");
    assert_int_equal(status_of(&opinion, long_text), 400);
    long_text[300] = '\0'; /* 100 characters */
    assert_int_equal(status_of(&opinion, long_text), 0);
    assert_int_equal(status_of(&opinion, "\xe5\x90"), 400); /* broken UTF-8 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integer_within_bounds_is_accepted),
        cmocka_unit_test(test_integer_outside_bounds_names_the_range),
        cmocka_unit_test(test_malformed_integers_are_refused),
        cmocka_unit_test(test_doc_number_pattern_needs_year_and_seq),
        cmocka_unit_test(test_media_types_must_be_sniffable_evidence_formats),
        cmocka_unit_test(test_long_unknown_media_type_is_quoted_in_whole_characters),
        cmocka_unit_test(test_approval_policy_is_parsed_like_the_server_reads_it),
        cmocka_unit_test(test_unknown_kind_is_not_editable),
        cmocka_unit_test(test_readonly_and_overlong_values),
        cmocka_unit_test(test_short_text_is_a_readable_opinion),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
