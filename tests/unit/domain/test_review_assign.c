/* 交叉评查: no reviewer scores a file of his own agency or, at county level, of his own county;
 * impossible plans are refused by the file's name, never assigned in violation; the result is the
 * same every time and the load is even. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/review_assign.h"

static const ReviewFile FILES[] = {
    {"A-1", "A", "甲局", "370202"}, {"A-2", "A", "甲局", "370202"}, {"B-1", "B", "乙局", "370203"},
    {"C-1", "C", "丙局", "370211"},
};

static void assert_valid(const ReviewFile *f, size_t nf, const ReviewReviewer *r, size_t *picks, int k)
{
    for (size_t i = 0; i < nf; i++)
        for (int a = 0; a < k; a++) {
            assert_true(review_may_score(&r[picks[i * (size_t)k + (size_t)a]], &f[i]));
            for (int b = 0; b < a; b++) assert_true(picks[i * (size_t)k + (size_t)a] != picks[i * (size_t)k + (size_t)b]);
        }
}

static void test_county_codes(void **state)
{
    (void)state;
    assert_true(review_region_is_county("370202"));
    assert_false(review_region_is_county("370200"));
    assert_false(review_region_is_county("370000"));
    assert_false(review_region_is_county(NULL));
}

/* One reviewer per agency: each file goes to the two reviewers of the other agencies. */
static void test_one_reviewer_per_agency(void **state)
{
    (void)state;
    ReviewReviewer r[] = {{"ra", "", "A", "370202"}, {"rb", "", "B", "370203"}, {"rc", "", "C", "370211"}};
    size_t picks[8];
    ZfError err;
    assert_int_equal(review_assign(FILES, 4, r, 3, 2, picks, &err), ZF_OK);
    assert_valid(FILES, 4, r, picks, 2);
    /* A-1 can only go to rb and rc */
    assert_true((picks[0] == 1 && picks[1] == 2) || (picks[0] == 2 && picks[1] == 1));
    size_t again[8];
    assert_int_equal(review_assign(FILES, 4, r, 3, 2, again, &err), ZF_OK);
    assert_memory_equal(picks, again, sizeof picks);
}

/* More agencies than reviewers: two reviewers of A and B cannot both score a file of A. */
static void test_more_agencies_than_reviewers_is_refused(void **state)
{
    (void)state;
    ReviewReviewer r[] = {{"ra", "", "A", "370202"}, {"rb", "", "B", "370203"}};
    size_t picks[8];
    ZfError err;
    assert_int_equal(review_assign(FILES, 4, r, 2, 2, picks, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "cross_review_impossible");
    assert_non_null(strstr(err.message, "A-1"));
    assert_non_null(strstr(err.message, "甲局"));
}

/* A county reviewer without an agency (a 司法所 expert) may not score a file of his county. */
static void test_county_reviewer_not_in_his_county(void **state)
{
    (void)state;
    ReviewReviewer r[] = {{"x", "", "", "370202"}, {"y", "", "", "370200"}, {"z", "", "D", "370285"}};
    size_t picks[8];
    ZfError err;
    assert_int_equal(review_assign(FILES, 4, r, 3, 2, picks, &err), ZF_OK);
    assert_valid(FILES, 4, r, picks, 2);
    assert_true(picks[0] != 0 && picks[1] != 0 && picks[2] != 0 && picks[3] != 0);
    /* a city-level reviewer (370200) is not a county: he may score files of any county */
    ReviewReviewer only_county[] = {{"x", "", "", "370202"}, {"w", "", "", "370202"}};
    assert_int_equal(review_assign(FILES, 1, only_county, 2, 2, picks, &err), ZF_ERR);
    assert_non_null(strstr(err.message, "同一县（区）"));
}

/* Even load: 4 files × 2 among 4 free reviewers → 2 each. */
static void test_load_is_even(void **state)
{
    (void)state;
    ReviewReviewer r[] = {{"p", "", "", ""}, {"q", "", "", ""}, {"s", "", "", ""}, {"t", "", "", ""}};
    size_t picks[8], load[4] = {0};
    ZfError err;
    assert_int_equal(review_assign(FILES, 4, r, 4, 2, picks, &err), ZF_OK);
    for (int i = 0; i < 8; i++) load[picks[i]]++;
    for (int i = 0; i < 4; i++) assert_int_equal(load[i], 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_county_codes),
        cmocka_unit_test(test_one_reviewer_per_agency),
        cmocka_unit_test(test_more_agencies_than_reviewers_is_refused),
        cmocka_unit_test(test_county_reviewer_not_in_his_county),
        cmocka_unit_test(test_load_is_even),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
