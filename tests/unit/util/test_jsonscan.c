/* The in-place JSON scanner of the sweep's read path: values, escapes, nesting, refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/jsonscan.h"

static JsDoc doc;
static char buf[512];

static const JsTok *scan(const char *text)
{
    snprintf(buf, sizeof buf, "%s", text);
    return js_parse(&doc, buf, strlen(buf)) == 0 ? js_root(&doc) : NULL;
}

static int teardown(void **state)
{
    (void)state;
    js_free(&doc);
    return 0;
}

static void test_object_members_and_types(void **state)
{
    (void)state;
    const JsTok *r = scan(" {\"a\": 1, \"b\": 2.5, \"c\": true, \"d\": false, \"e\": null, \"f\": \"x\"} ");
    assert_non_null(r);
    assert_int_equal(r->size, 6);
    assert_true(js_get(r, "a")->integer);
    assert_false(js_get(r, "b")->integer);
    assert_true(js_num(js_get(r, "b")) == 2.5);
    assert_true(js_is(js_get(r, "c"), JS_TRUE));
    assert_true(js_is(js_get(r, "d"), JS_FALSE));
    assert_true(js_is(js_get(r, "e"), JS_NULL));
    assert_string_equal(js_str(js_get(r, "f")), "x");
    assert_null(js_get(r, "missing"));
}

static void test_escapes_are_decoded_in_place(void **state)
{
    (void)state;
    const JsTok *r = scan("{\"s\":\"a\\\"b\\\\c\\/d\\n\\u4e2d\\ud83d\\ude00\"}");
    assert_non_null(r);
    assert_string_equal(js_str(js_get(r, "s")), "a\"b\\c/d\n中\xF0\x9F\x98\x80");
}

static void test_nested_values_are_skipped_as_a_whole(void **state)
{
    (void)state;
    const JsTok *r = scan("{\"x\":{\"y\":[1,{\"z\":[]}]},\"after\":\"ok\",\"arr\":[\"p\",\"q\",\"r\"]}");
    assert_non_null(r);
    assert_string_equal(js_str(js_get(r, "after")), "ok");
    const char *want[] = {"p", "q", "r"};
    int n = 0;
    for (JS_EACH(item, js_get(r, "arr"))) assert_string_equal(js_str(item), want[n++]);
    assert_int_equal(n, 3);
    for (JS_EACH(item, js_get(r, "after"))) fail(); /* not an array: no iterations */
}

static void test_malformed_text_is_refused(void **state)
{
    (void)state;
    const char *bad[] = {"", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "\"unterminated", "{\"a\":\"\x01\"}",
                         "{\"a\":\"\\x\"}", "{\"a\":\"\\ud83d\"}", "{\"a\":1} x", "{a:1}", "[tru]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(buf, sizeof buf, "%s", bad[i]);
        assert_int_equal(js_parse(&doc, buf, strlen(buf)), -1);
    }
}

static void test_deep_nesting_is_bounded(void **state)
{
    (void)state;
    char deep[300];
    memset(deep, '[', 100);
    memset(deep + 100, ']', 100);
    deep[200] = '\0';
    assert_int_equal(js_parse(&doc, deep, 200), -1);
}

/* Text placed against an unreadable page: scanning it must read nothing past len. */
static int scan_at_page_end(const char *text)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), n = strlen(text);
    char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(map != MAP_FAILED);
    assert_int_equal(mprotect(map + page, page, PROT_NONE), 0);
    char *at = map + page - n;
    memcpy(at, text, n);
    int rc = js_parse(&doc, at, n);
    munmap(map, 2 * page);
    return rc;
}

/* Found by tests/fuzz/fuzz_jsonscan.c: a backslash as the last byte read the byte after the text. */
static void test_string_ending_in_backslash_reads_nothing_past_len(void **state)
{
    (void)state;
    assert_int_equal(scan_at_page_end("\"plad\\"), -1);
    assert_int_equal(scan_at_page_end("[\"a\\"), -1);
    assert_int_equal(scan_at_page_end("{\"k\":\"\\u00"), -1);
    assert_int_equal(scan_at_page_end("\"\\ud83d\\u"), -1);
    assert_int_equal(scan_at_page_end("\"ok\\n\""), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_object_members_and_types, teardown),
        cmocka_unit_test_teardown(test_escapes_are_decoded_in_place, teardown),
        cmocka_unit_test_teardown(test_nested_values_are_skipped_as_a_whole, teardown),
        cmocka_unit_test_teardown(test_malformed_text_is_refused, teardown),
        cmocka_unit_test_teardown(test_deep_nesting_is_bounded, teardown),
        cmocka_unit_test_teardown(test_string_ending_in_backslash_reads_nothing_past_len, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
