/* 案卷评查 sampling: sizes per agency, SplitMix64 against its published reference outputs, the draw
 * reproducible from the seed, a permutation without repeats, strata independent of each other. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/review_sample.h"

static void test_size_count_percent_and_minimum(void **state)
{
    (void)state;
    ReviewSampleSize n5 = {5, 0, 0}, pct = {0, 10, 1}, pct3 = {0, 10, 3};
    assert_int_equal(review_sample_size(&n5, 12), 5);
    assert_int_equal(review_sample_size(&n5, 3), 3);   /* fewer cases than N: all of them */
    assert_int_equal(review_sample_size(&n5, 0), 0);   /* none: 零案卷 */
    assert_int_equal(review_sample_size(&pct, 25), 3); /* ceil(2.5) */
    assert_int_equal(review_sample_size(&pct, 20), 2);
    assert_int_equal(review_sample_size(&pct, 4), 1);  /* ceil(0.4) = 1 */
    assert_int_equal(review_sample_size(&pct3, 4), 3); /* the minimum */
    assert_int_equal(review_sample_size(&pct3, 2), 2); /* never above the population */
}

/* Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c; the same sequence Java's
 * SplittableRandom and numpy's SeedSequence tests quote). */
static void test_splitmix64_reference_outputs(void **state)
{
    (void)state;
    uint64_t s = 0;
    assert_true(review_splitmix64(&s) == 0xE220A8397B1DCDAFULL);
    assert_true(review_splitmix64(&s) == 0x6E789E6AA1B965F4ULL);
    assert_true(review_splitmix64(&s) == 0x06C45D188009454FULL);
}

static int is_permutation_prefix(const size_t *order, size_t len, size_t n)
{
    unsigned char seen[64] = {0};
    for (size_t i = 0; i < n; i++) {
        if (order[i] >= len || seen[order[i]]) return 0;
        seen[order[i]] = 1;
    }
    return 1;
}

static void test_draw_is_reproducible_and_without_repeats(void **state)
{
    (void)state;
    size_t a[40], b[40], c[40];
    uint64_t st = review_stratum_state(20261207, "113702021588139920");
    review_draw(st, 40, 10, a);
    review_draw(st, 40, 10, b);
    assert_memory_equal(a, b, sizeof a);
    assert_true(is_permutation_prefix(a, 40, 10));
    review_draw(review_stratum_state(20261208, "113702021588139920"), 40, 10, c);
    assert_true(memcmp(a, c, 10 * sizeof *a) != 0); /* another seed, another draw */
}

static void test_strata_do_not_share_a_stream(void **state)
{
    (void)state;
    /* the same seed gives each agency its own state, so agency B's draw is the same whatever A has */
    uint64_t a = review_stratum_state(7, "A01"), b = review_stratum_state(7, "B02");
    assert_true(a != b);
    size_t x[30], y[30];
    review_draw(b, 30, 5, x);
    review_draw(review_stratum_state(7, "B02"), 30, 5, y);
    assert_memory_equal(x, y, 5 * sizeof *x);
}

static void test_draw_all_when_n_is_population(void **state)
{
    (void)state;
    size_t o[5];
    review_draw(review_stratum_state(1, "X"), 5, 9, o);
    assert_true(is_permutation_prefix(o, 5, 5));
}

/* Every index is drawn about as often: 6000 draws of 1 from 6, each within 20% of 1000. */
static void test_draw_is_uniform_enough(void **state)
{
    (void)state;
    int hits[6] = {0};
    size_t o[6];
    for (uint64_t seed = 0; seed < 6000; seed++) {
        review_draw(review_stratum_state(seed, "U"), 6, 1, o);
        hits[o[0]]++;
    }
    for (int i = 0; i < 6; i++) assert_in_range(hits[i], 800, 1200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_size_count_percent_and_minimum),
        cmocka_unit_test(test_splitmix64_reference_outputs),
        cmocka_unit_test(test_draw_is_reproducible_and_without_repeats),
        cmocka_unit_test(test_strata_do_not_share_a_stream),
        cmocka_unit_test(test_draw_all_when_n_is_population),
        cmocka_unit_test(test_draw_is_uniform_enough),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
