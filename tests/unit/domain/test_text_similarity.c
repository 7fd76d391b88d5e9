/* Unit tests for domain/text_similarity: character-bigram Jaccard. Every expectation is counted by
 * hand in the comment beside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/text_similarity.h"

#include <math.h>

/* cmocka's assert_float_equal narrows to float; scores are doubles */
#define assert_score(got, want) assert_true(fabs((got) - (want)) < 1e-9)

static void test_jaccard_same_text_is_one(void **state)
{
    (void)state;
    assert_score(text_bigram_jaccard("超市销售过期食品", "超市销售过期食品"), 1.0);
}

static void test_jaccard_counts_chinese_bigrams(void **state)
{
    (void)state;
    /* 超市卖过期食品: 超市 市卖 卖过 过期 期食 食品 (6)
     * 超市销售过期食品: 超市 市销 销售 售过 过期 期食 食品 (7)
     * shared: 超市 过期 期食 食品 (4); union 6 + 7 − 4 = 9 */
    assert_score(text_bigram_jaccard("超市卖过期食品", "超市销售过期食品"), 4.0 / 9.0);
}

static void test_jaccard_counts_ascii_bigrams(void **state)
{
    (void)state;
    /* abcd: ab bc cd; abce: ab bc ce; shared 2, union 4 */
    assert_score(text_bigram_jaccard("abcd", "abce"), 0.5);
}

static void test_jaccard_ignores_punctuation_and_spaces(void **state)
{
    (void)state;
    /* 过期，食品 and 过期 食品 both come to 过期食品: 过期 期食 食品 */
    assert_score(text_bigram_jaccard("过期，食品", "过期 食品"), 1.0);
    assert_score(text_bigram_jaccard("“过期食品！”", "过期食品"), 1.0);
}

static void test_jaccard_counts_a_repeated_bigram_once(void **state)
{
    (void)state;
    /* 哈哈哈: {哈哈}; 哈哈: {哈哈} */
    assert_score(text_bigram_jaccard("哈哈哈", "哈哈"), 1.0);
    /* 哈哈哈哈食: {哈哈, 哈食}; 哈食: {哈食}: 1 of 2 */
    assert_score(text_bigram_jaccard("哈哈哈哈食", "哈食"), 0.5);
}

static void test_jaccard_of_short_or_disjoint_texts_is_zero(void **state)
{
    (void)state;
    assert_score(text_bigram_jaccard("", ""), 0.0);
    assert_score(text_bigram_jaccard("食", "食"), 0.0);
    assert_score(text_bigram_jaccard(NULL, "食品"), 0.0);
    assert_score(text_bigram_jaccard("执法人员", "过期食品"), 0.0);
}

static void test_jaccard_is_symmetric(void **state)
{
    (void)state;
    const char *a = "市南区某农贸市场摊位被查扣电子秤", *b = "反映市南区农贸市场电子秤被查扣";
    assert_score(text_bigram_jaccard(a, b), text_bigram_jaccard(b, a));
}

static void test_jaccard_skips_invalid_utf8(void **state)
{
    (void)state;
    /* the stray byte is dropped: ab\xffcd reads as abcd */
    assert_score(text_bigram_jaccard("ab\xff" "cd", "abcd"), 1.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jaccard_same_text_is_one),
        cmocka_unit_test(test_jaccard_counts_chinese_bigrams),
        cmocka_unit_test(test_jaccard_counts_ascii_bigrams),
        cmocka_unit_test(test_jaccard_ignores_punctuation_and_spaces),
        cmocka_unit_test(test_jaccard_counts_a_repeated_bigram_once),
        cmocka_unit_test(test_jaccard_of_short_or_disjoint_texts_is_zero),
        cmocka_unit_test(test_jaccard_is_symmetric),
        cmocka_unit_test(test_jaccard_skips_invalid_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
