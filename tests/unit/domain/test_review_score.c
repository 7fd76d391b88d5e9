/* 案卷评查 scoring against the shipped data/review_standards/penalty_v1.json: totals from
 * deductions, the cap per sub-item, 一票否决, grade band boundaries (exact, no rounding up), the
 * mean of two reviewers and the arbitration gap. Expected numbers are counted by hand from the
 * standard's points (subject.1 4 points 一票否决, procedure.5 4 points, evidence.1 7 points). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "domain/review_score.h"
#include "test_support.h"

static json_t *standard;
static ReviewBands bands;

static const char *BANDS = "[{\"grade\":\"excellent\",\"name\":\"优秀\",\"min\":90},{\"grade\":\"good\",\"name\":\"良好\",\"min\":80},"
                           "{\"grade\":\"pass\",\"name\":\"合格\",\"min\":60},{\"grade\":\"fail\",\"name\":\"不合格\",\"min\":0}]";

static int setup(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/review_standards/penalty_v1.json", test_data_dir());
    standard = json_load_file(path, 0, NULL);
    ZfError err;
    return standard && review_bands_parse(BANDS, &bands, &err) == ZF_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    json_decref(standard);
    return 0;
}

static int score(const char *deductions, ReviewScore *s, ZfError *err)
{
    json_t *d = json_loads(deductions, 0, NULL);
    assert_non_null(d);
    int rc = review_score_sheet(standard, d, s, err);
    json_decref(d);
    return rc;
}

static void test_total_from_deductions(void **state)
{
    (void)state;
    ReviewScore s;
    ZfError err;
    /* procedure.5.b 2 + procedure.5.c 1 + evidence.1 4.5 = 7.5 → 92.5 */
    assert_int_equal(score("[{\"item\":\"procedure.5.b\",\"points\":2,\"reason\":\"送达晚于七日\"},"
                           "{\"item\":\"procedure.5.c\",\"points\":1,\"reason\":\"未公示\"},"
                           "{\"item\":\"evidence.1\",\"points\":4.5,\"reason\":\"缺少现场照片\"}]", &s, &err), ZF_OK);
    assert_int_equal(s.total_cp, 9250);
    assert_false(s.veto);
    assert_string_equal(review_grade(&bands, s.total_cp, s.veto)->grade, "excellent");
    assert_int_equal(score("[]", &s, &err), ZF_OK);
    assert_int_equal(s.total_cp, 10000);
}

static void test_veto_fails_whatever_the_total(void **state)
{
    (void)state;
    ReviewScore s;
    ZfError err;
    assert_int_equal(score("[{\"item\":\"subject.1.b\",\"points\":1,\"reason\":\"超越管辖范围\"}]", &s, &err), ZF_OK);
    assert_int_equal(s.total_cp, 9900);
    assert_true(s.veto);
    assert_string_equal(s.veto_item, "subject.1");
    assert_string_equal(review_grade(&bands, s.total_cp, s.veto)->name, "不合格");
}

static void test_over_the_sub_items_points_is_refused(void **state)
{
    (void)state;
    ReviewScore s;
    ZfError err;
    /* procedure.5 is worth 4: 3 + 2 is too much */
    assert_int_equal(score("[{\"item\":\"procedure.5.a\",\"points\":3,\"reason\":\"超期\"},"
                           "{\"item\":\"procedure.5.b\",\"points\":2,\"reason\":\"送达晚\"}]", &s, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_non_null(strstr(err.message, "在法定期限内决定、送达和公示"));
    assert_int_equal(score("[{\"item\":\"procedure.5\",\"points\":4,\"reason\":\"全部超期\"}]", &s, &err), ZF_OK);
    assert_int_equal(s.total_cp, 9600);
}

static void test_points_reason_and_item_are_checked(void **state)
{
    (void)state;
    ReviewScore s;
    ZfError err;
    assert_int_equal(score("[{\"item\":\"nope.1\",\"points\":1,\"reason\":\"x\"}]", &s, &err), ZF_ERR);
    assert_int_equal(score("[{\"item\":\"facts.1\",\"points\":0.3,\"reason\":\"x\"}]", &s, &err), ZF_ERR);
    assert_int_equal(score("[{\"item\":\"facts.1\",\"points\":-1,\"reason\":\"x\"}]", &s, &err), ZF_ERR);
    assert_int_equal(score("[{\"item\":\"facts.1\",\"points\":1,\"reason\":\"\"}]", &s, &err), ZF_ERR);
    assert_string_equal(err.code, "reason_required");
}

static void test_band_boundaries_are_exact(void **state)
{
    (void)state;
    assert_string_equal(review_grade(&bands, 9000, false)->grade, "excellent");
    assert_string_equal(review_grade(&bands, 8975, false)->grade, "good"); /* 89.75 is not 90 */
    assert_string_equal(review_grade(&bands, 8950, false)->grade, "good");
    assert_string_equal(review_grade(&bands, 8000, false)->grade, "good");
    assert_string_equal(review_grade(&bands, 7999, false)->grade, "pass");
    assert_string_equal(review_grade(&bands, 6000, false)->grade, "pass");
    assert_string_equal(review_grade(&bands, 5950, false)->grade, "fail");
    assert_string_equal(review_grade(&bands, 10000, true)->grade, "fail");
}

static void test_bands_setting_is_checked(void **state)
{
    (void)state;
    ReviewBands b;
    ZfError err;
    assert_int_equal(review_bands_parse("[{\"grade\":\"pass\",\"name\":\"合格\",\"min\":60}]", &b, &err), ZF_ERR);
    assert_int_equal(review_bands_parse("[{\"grade\":\"a\",\"name\":\"甲\",\"min\":60},{\"grade\":\"b\",\"name\":\"乙\",\"min\":70},"
                                        "{\"grade\":\"c\",\"name\":\"丙\",\"min\":0}]", &b, &err), ZF_ERR);
    assert_int_equal(review_bands_parse("[{\"grade\":\"ok\",\"name\":\"达标\",\"min\":59.5},{\"grade\":\"no\",\"name\":\"不达标\",\"min\":0}]",
                                        &b, &err), ZF_OK);
    assert_int_equal(b.band[0].min_cp, 5950);
}

static void test_final_mean_gap_and_veto(void **state)
{
    (void)state;
    ReviewFinal f;
    int t1[] = {8750, 9000};
    bool v0[] = {false, false}, v1[] = {false, true};
    review_final(t1, v0, 2, 10, &f);
    assert_int_equal(f.final_cp, 8875); /* 88.75 */
    assert_int_equal(f.gap_cp, 250);
    assert_false(f.needs_arbitration);
    int t2[] = {8000, 9000};
    review_final(t2, v0, 2, 10, &f);
    assert_false(f.needs_arbitration); /* 10 is not more than 10 */
    int t3[] = {7950, 9000};
    review_final(t3, v1, 2, 10, &f);
    assert_true(f.needs_arbitration);
    assert_true(f.veto);
    int t4[] = {9000, 9000, 8950};
    review_final(t4, (bool[]){false, false, false}, 3, 10, &f);
    assert_int_equal(f.final_cp, 8983); /* 89.8333… half up to the hundredth */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_total_from_deductions),
        cmocka_unit_test(test_veto_fails_whatever_the_total),
        cmocka_unit_test(test_over_the_sub_items_points_is_refused),
        cmocka_unit_test(test_points_reason_and_item_are_checked),
        cmocka_unit_test(test_band_boundaries_are_exact),
        cmocka_unit_test(test_bands_setting_is_checked),
        cmocka_unit_test(test_final_mean_gap_and_veto),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
