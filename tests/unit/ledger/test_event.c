/* Unit tests for ledger/event: the canonical event bytes are exactly jansson's sorted compact
 * encoding (the definition in docs/ledger.md), for awkward keys and strings too. Pure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ledger/event.h"

static void assert_same_as_jansson(const char *json)
{
    json_error_t e;
    json_t *v = json_loads(json, JSON_DECODE_ANY, &e);
    assert_non_null(v);
    size_t len;
    char *ours = ledger_canonical(v, &len);
    char *theirs = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
    assert_non_null(ours);
    assert_string_equal(ours, theirs);
    assert_int_equal(len, strlen(theirs));
    free(ours);
    free(theirs);
    json_decref(v);
}

static void test_canonical_matches_jansson_sorted_compact(void **state)
{
    (void)state;
    assert_same_as_jansson("{\"b\":1,\"a\":{\"z\":[1,2,{\"y\":null,\"x\":true}],\"ab\":\"\",\"a\":false}}");
    assert_same_as_jansson("{\"case_no\":\"南市监处罚〔2026〕1号\",\"party\":{\"name\":\"青岛某某食品有限公司\"}}");
    assert_same_as_jansson("{\"s\":\"quote\\\" backslash\\\\ slash/ tab\\t nl\\n cr\\r bs\\b ff\\f ctl\\u0001\\u001f del\\u007f\"}");
    assert_same_as_jansson("{\"\\u00e9\":1,\"e\":2,\"E\":3,\"ab\":4,\"a\":5,\"中\":6,\"😀\":7}");
    assert_same_as_jansson("[-9223372036854775808,9223372036854775807,0,-1]");
    assert_same_as_jansson("{\"real\":0.1,\"big\":1e300,\"neg\":-2.5}");
    assert_same_as_jansson("\"just a string\"");
}

static void test_event_bytes_have_sorted_top_level_keys(void **state)
{
    (void)state;
    json_t *data = json_pack("{s:s, s:i}", "case_no", "X", "fine", 20000);
    size_t len;
    char *b = ledger_event_bytes(42, "2026-05-20T08:00:00Z", "case.import", "南市监处罚〔2026〕1号", data, &len);
    assert_string_equal(b, "{\"data\":{\"case_no\":\"X\",\"fine\":20000},\"seq\":42,\"subject\":\"南市监处罚〔2026〕1号\","
                           "\"time\":\"2026-05-20T08:00:00Z\",\"type\":\"case.import\"}");
    assert_int_equal(ledger_event_seq(b, len), 42);
    /* the event bytes are the canonical form of themselves */
    json_t *back = json_loadb(b, len, 0, NULL);
    size_t len2;
    char *again = ledger_canonical(back, &len2);
    assert_string_equal(again, b);
    free(again);
    json_decref(back);
    free(b);
    json_decref(data);
}

static void test_event_seq_ignores_nested_seq_keys(void **state)
{
    (void)state;
    json_t *data = json_pack("{s:i, s:{s:i}, s:s}", "seq", 7, "inner", "seq", 8, "note", ",\"seq\":9,");
    size_t len;
    char *b = ledger_event_bytes(3, "2026-05-20T08:00:00Z", "t", "s", data, &len);
    assert_int_equal(ledger_event_seq(b, len), 3);
    assert_int_equal(ledger_event_seq("{}", 2), -1);
    assert_int_equal(ledger_event_seq("{\"data\":1,\"seq\":x,", 18), -1);
    free(b);
    json_decref(data);
}

static void test_data_equality_compares_canonical_forms(void **state)
{
    (void)state;
    json_t *data = json_pack("{s:s, s:i}", "b", "2", "a", 1);
    size_t len;
    char *b = ledger_event_bytes(0, "2026-05-20T08:00:00Z", "case.import", "s", data, &len);
    const char *same = "{ \"a\": 1, \"b\": \"2\" }", *other = "{\"a\":1,\"b\":\"3\"}";
    assert_true(ledger_event_data_is(b, len, same, strlen(same)));
    assert_false(ledger_event_data_is(b, len, other, strlen(other)));
    assert_false(ledger_event_data_is(b, len, "not json", 8));
    free(b);
    json_decref(data);
}

static void test_time_text_is_utc_iso(void **state)
{
    (void)state;
    char t[21];
    ledger_time_text(0, t);
    assert_string_equal(t, "1970-01-01T00:00:00Z");
    ledger_time_text(1779264000, t);
    assert_string_equal(t, "2026-05-20T08:00:00Z");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_matches_jansson_sorted_compact),
        cmocka_unit_test(test_event_bytes_have_sorted_top_level_keys),
        cmocka_unit_test(test_event_seq_ignores_nested_seq_keys),
        cmocka_unit_test(test_data_equality_compares_canonical_forms),
        cmocka_unit_test(test_time_text_is_utc_iso),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
