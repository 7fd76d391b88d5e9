/* Unit tests for the jansson arena: values parsed inside it are ordinary jansson values, their
 * release is harmless, memory is reused after a reset, a value bigger than a block works, and
 * values made outside the arena still go through malloc/free while it is installed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_arena.h"

static json_t *parse_in_arena(const char *text)
{
    json_arena_enter();
    json_t *v = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
    json_arena_leave();
    return v;
}

static void test_values_parsed_in_the_arena_behave_normally(void **state)
{
    (void)state;
    json_t *v = parse_in_arena("{\"name\":\"青岛市市场监督管理局\",\"n\":[1,2,3]}");
    assert_non_null(v);
    assert_string_equal(json_string_value(json_object_get(v, "name")), "青岛市市场监督管理局");
    assert_int_equal(json_array_size(json_object_get(v, "n")), 3);
    json_object_set_new(v, "added", json_string("outside")); /* mixes a malloc'd value in */
    json_decref(v);
    json_arena_reset();
}

static void test_reset_reuses_the_same_memory(void **state)
{
    (void)state;
    json_t *a = parse_in_arena("{\"k\":\"v\"}");
    const void *first = a;
    json_decref(a);
    json_arena_reset();
    json_t *b = parse_in_arena("{\"k\":\"v\"}");
    assert_ptr_equal(b, first);
    json_decref(b);
    json_arena_reset();
}

static void test_a_value_larger_than_a_block(void **state)
{
    (void)state;
    size_t n = 3u << 20;
    char *text = malloc(n + 5);
    memcpy(text, "[\"", 2);
    memset(text + 2, 'x', n);
    memcpy(text + 2 + n, "\"]", 3);
    json_t *v = parse_in_arena(text);
    assert_non_null(v);
    assert_int_equal(json_string_length(json_array_get(v, 0)), n);
    json_decref(v);
    json_arena_reset();
    free(text);
}

static void test_outside_the_arena_values_are_malloced(void **state)
{
    (void)state;
    json_t *v = json_pack("{s:s}", "k", "v"); /* not entered: must survive a reset */
    json_arena_reset();
    assert_string_equal(json_string_value(json_object_get(v, "k")), "v");
    json_decref(v);
}

int main(void)
{
    json_arena_install();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values_parsed_in_the_arena_behave_normally),
        cmocka_unit_test(test_reset_reuses_the_same_memory),
        cmocka_unit_test(test_a_value_larger_than_a_block),
        cmocka_unit_test(test_outside_the_arena_values_are_malloced),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    json_arena_release();
    return rc;
}
