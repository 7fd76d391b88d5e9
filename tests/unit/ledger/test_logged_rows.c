/* Unit tests for ledger/logged_rows: the (key, seq) index zhifa verify holds stored rows to — a
 * put's row finds its latest event, an add's every event stays (a deleted row shows as unmatched),
 * id and text keys. Pure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ledger/logged_rows.h"
#include "util/error.h"

static void test_put_rows_find_their_latest_event(void **state)
{
    (void)state;
    LoggedRows s = {.latest_only = 1};
    /* events arrive in seq order, keys interleaved */
    assert_int_equal(logged_rows_add_id(&s, 7, 10), ZF_OK);
    assert_int_equal(logged_rows_add_id(&s, 2, 11), ZF_OK);
    assert_int_equal(logged_rows_add_id(&s, 7, 12), ZF_OK);
    assert_int_equal(logged_rows_add_id(&s, 7, 15), ZF_OK);
    assert_int_equal(logged_rows_add_id(&s, 2, 13), ZF_OK);
    logged_rows_seal(&s);
    assert_int_equal(s.n, 2);
    assert_int_equal(logged_rows_find_id(&s, 7)->seq, 15);
    assert_int_equal(logged_rows_find_id(&s, 2)->seq, 13);
    assert_null(logged_rows_find_id(&s, 3));
    logged_rows_free(&s);
}

static void test_add_rows_keep_every_event(void **state)
{
    (void)state;
    LoggedRows s = {0};
    for (long long id = 100; id > 0; id--) assert_int_equal(logged_rows_add_id(&s, id, (uint64_t)(200 - id)), ZF_OK);
    logged_rows_seal(&s);
    assert_int_equal(s.n, 100);
    LoggedRow *r = logged_rows_find_id(&s, 42);
    assert_non_null(r);
    assert_int_equal(r->seq, 158);
    r->matched = 1;
    size_t unmatched = 0;
    for (size_t i = 0; i < s.n; i++) unmatched += !s.rows[i].matched;
    assert_int_equal(unmatched, 99);
    logged_rows_free(&s);
    assert_int_equal(s.n, 0);
}

static void test_text_keys_compare_by_bytes(void **state)
{
    (void)state;
    LoggedRows s = {.latest_only = 1};
    assert_int_equal(logged_rows_add_text(&s, "南市监处罚〔2026〕10号", 1), ZF_OK);
    assert_int_equal(logged_rows_add_text(&s, "南市监处罚〔2026〕2号", 2), ZF_OK);
    assert_int_equal(logged_rows_add_text(&s, "南市监处罚〔2026〕10号", 3), ZF_OK);
    logged_rows_seal(&s);
    assert_int_equal(s.n, 2);
    assert_int_equal(logged_rows_find_text(&s, "南市监处罚〔2026〕10号")->seq, 3);
    assert_int_equal(logged_rows_find_text(&s, "南市监处罚〔2026〕2号")->seq, 2);
    assert_null(logged_rows_find_text(&s, "南市监处罚〔2026〕1号"));
    assert_null(logged_rows_find_text(&s, NULL));
    logged_rows_free(&s);
}

static void test_empty_set_finds_nothing(void **state)
{
    (void)state;
    LoggedRows s = {.latest_only = 1};
    logged_rows_seal(&s);
    assert_null(logged_rows_find_id(&s, 1));
    assert_null(logged_rows_find_text(&s, "x"));
    logged_rows_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_rows_find_their_latest_event),
        cmocka_unit_test(test_add_rows_keep_every_event),
        cmocka_unit_test(test_text_keys_compare_by_bytes),
        cmocka_unit_test(test_empty_set_finds_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
