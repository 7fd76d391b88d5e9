/* Unit tests for domain/assessment: a plan's weights and points (the part named when they do not
 * add up), the level limit, a metric's thresholds, and competition ranking ("1224"). Expected
 * values are written out by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "domain/assessment.h"

static json_t *J(const char *text) { return json_loads(text, 0, NULL); }

static const char *PARTS = "[{\"key\":\"system\",\"name\":\"系统评测\",\"weight\":50},{\"key\":\"survey\",\"name\":\"民意调查\",\"weight\":30},"
                           "{\"key\":\"onsite\",\"name\":\"现场督察\",\"weight\":20}]";

static int check(const char *parts, const char *inds, ZfError *err)
{
    json_t *p = J(parts), *i = J(inds), *m = J("[{\"key\":\"orders_on_time\"}]");
    int rc = assess_plan_check(p, i, m, err);
    json_decref(p), json_decref(i), json_decref(m);
    return rc;
}

static void test_a_502020_plan_passes(void **state)
{
    (void)state;
    ZfError err;
    assert_int_equal(check(PARTS,
                           "[{\"code\":\"S1\",\"name\":\"a\",\"part\":\"system\",\"points\":50,\"source\":\"manual\"},"
                           "{\"code\":\"S1.1\",\"name\":\"b\",\"part\":\"system\",\"parent\":\"S1\",\"points\":20.5,\"source\":\"manual\"},"
                           "{\"code\":\"S1.2\",\"name\":\"c\",\"part\":\"system\",\"parent\":\"S1\",\"points\":29.5,\"source\":\"computed\",\"metric\":\"orders_on_time\"},"
                           "{\"code\":\"V1\",\"name\":\"d\",\"part\":\"survey\",\"points\":30,\"source\":\"manual\"},"
                           "{\"code\":\"O1\",\"name\":\"e\",\"part\":\"onsite\",\"points\":20,\"source\":\"manual\"}]",
                           &err),
                     ZF_OK);
}

static void test_weights_not_100_are_refused(void **state)
{
    (void)state;
    ZfError err;
    assert_int_equal(check("[{\"key\":\"a\",\"name\":\"甲\",\"weight\":60},{\"key\":\"b\",\"name\":\"乙\",\"weight\":30}]",
                           "[{\"code\":\"A\",\"name\":\"a\",\"part\":\"a\",\"points\":60,\"source\":\"manual\"}]", &err),
                     ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "weights_sum");
}

static void test_a_short_part_is_named(void **state)
{
    (void)state;
    ZfError err;
    assert_int_equal(check(PARTS,
                           "[{\"code\":\"S1\",\"name\":\"a\",\"part\":\"system\",\"points\":50,\"source\":\"manual\"},"
                           "{\"code\":\"V1\",\"name\":\"d\",\"part\":\"survey\",\"points\":25,\"source\":\"manual\"},"
                           "{\"code\":\"O1\",\"name\":\"e\",\"part\":\"onsite\",\"points\":20,\"source\":\"manual\"}]",
                           &err),
                     ZF_ERR);
    assert_int_equal(err.status, 422);
    assert_string_equal(err.code, "points_sum");
    assert_string_equal(err.field, "parts.survey");
    assert_non_null(strstr(err.message, "民意调查"));
}

static void test_a_fourth_level_is_refused(void **state)
{
    (void)state;
    ZfError err;
    assert_int_equal(check("[{\"key\":\"a\",\"name\":\"甲\",\"weight\":100}]",
                           "[{\"code\":\"1\",\"name\":\"a\",\"part\":\"a\",\"points\":100,\"source\":\"manual\"},"
                           "{\"code\":\"2\",\"name\":\"b\",\"part\":\"a\",\"parent\":\"1\",\"points\":100,\"source\":\"manual\"},"
                           "{\"code\":\"3\",\"name\":\"c\",\"part\":\"a\",\"parent\":\"2\",\"points\":100,\"source\":\"manual\"},"
                           "{\"code\":\"4\",\"name\":\"d\",\"part\":\"a\",\"parent\":\"3\",\"points\":100,\"source\":\"manual\"}]",
                           &err),
                     ZF_ERR);
    assert_string_equal(err.code, "too_deep");
}

static void test_thresholds_take_the_first_met(void **state)
{
    (void)state;
    json_t *hi = J("{\"better\":\"higher\",\"thresholds\":[{\"min\":95,\"share\":1},{\"min\":85,\"share\":0.8},{\"min\":0,\"share\":0}]}");
    json_t *lo = J("{\"better\":\"lower\",\"thresholds\":[{\"max\":1,\"share\":1},{\"max\":3,\"share\":0.8},{\"max\":100,\"share\":0}]}");
    assert_true(assess_metric_share(hi, 95) == 1.0);
    assert_true(assess_metric_share(hi, 94.9) == 0.8);
    assert_true(assess_metric_share(hi, 10) == 0.0);
    assert_true(assess_metric_share(lo, 1) == 1.0);
    assert_true(assess_metric_share(lo, 2.5) == 0.8);
    assert_true(assess_metric_share(lo, 50) == 0.0);
    json_decref(hi), json_decref(lo);
}

static void test_competition_ranking_skips_after_ties(void **state)
{
    (void)state;
    long long totals[] = {9500, 9500, 8000, 7000, 7000, 7000, 100};
    int ranks[7], expect[] = {1, 1, 3, 4, 4, 4, 7};
    assess_competition_ranks(totals, 7, ranks);
    for (int i = 0; i < 7; i++) assert_int_equal(ranks[i], expect[i]);
}

static void test_points_have_at_most_two_decimals(void **state)
{
    (void)state;
    long long cp;
    json_t *a = json_real(12.25), *b = json_real(1.005), *c = json_integer(-1);
    assert_true(assess_points_cp(a, &cp));
    assert_int_equal(cp, 1225);
    assert_false(assess_points_cp(b, &cp));
    assert_false(assess_points_cp(c, &cp));
    json_decref(a), json_decref(b), json_decref(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_502020_plan_passes),          cmocka_unit_test(test_weights_not_100_are_refused),
        cmocka_unit_test(test_a_short_part_is_named),         cmocka_unit_test(test_a_fourth_level_is_refused),
        cmocka_unit_test(test_thresholds_take_the_first_met), cmocka_unit_test(test_competition_ranking_skips_after_ties),
        cmocka_unit_test(test_points_have_at_most_two_decimals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
