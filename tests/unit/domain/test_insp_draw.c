/* 双随机 draw (docs/inspections.md): the SM3 stream against values computed with another SM3
 * (Node's crypto), the draw reproducible from its seed, the ratio per 信用风险分类 stratum, 回避
 * respected, the load spread evenly, and a refusal when too few officers can go. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/insp_draw.h"
#include "util/sm3_stream.h"

/* n entities E000… with levels cycling through `levels`; m officers O0…, none avoiding anything. */
static json_t *population(size_t n, const char *levels, size_t m)
{
    json_t *ents = json_array(), *offs = json_array();
    char code[32], lv[2] = {0};
    for (size_t i = 0; i < n; i++) {
        snprintf(code, sizeof code, "E%03zu", i);
        lv[0] = levels[i % strlen(levels)];
        json_array_append_new(ents, json_pack("{s:s, s:s}", "entity", code, "level", lv));
    }
    for (size_t i = 0; i < m; i++) {
        snprintf(code, sizeof code, "O%zu", i);
        json_array_append_new(offs, json_pack("{s:s, s:[]}", "cert_no", code, "avoid"));
    }
    return json_pack("{s:o, s:o}", "entities", ents, "officers", offs);
}

static json_t *ratio(int a, int b, int c, int d) { return json_pack("{s:{s:i, s:i, s:i, s:i}}", "ratio", "A", a, "B", b, "C", c, "D", d); }

static void test_stream_matches_another_sm3(void **state)
{
    (void)state;
    Sm3Stream s;
    sm3_stream_init(&s, "abc");
    assert_true(sm3_stream_next(&s) == 0xae4ca6696ad1e768ULL); /* SM3("abc" ‖ 0⁸), first 8 bytes */
    assert_true(sm3_stream_next(&s) == 0x7340b23709dba9eaULL); /* counter 1 */
}

static void test_same_seed_same_items_other_seed_other_items(void **state)
{
    (void)state;
    json_t *pop = population(60, "ABCD", 8), *rule = json_pack("{s:i}", "count", 10), *a, *b, *c;
    ZfError err;
    assert_int_equal(insp_draw("2026", rule, 2, pop, &a, &err), ZF_OK);
    assert_int_equal(insp_draw("2026", rule, 2, pop, &b, &err), ZF_OK);
    assert_int_equal(insp_draw("2027", rule, 2, pop, &c, &err), ZF_OK);
    assert_true(json_equal(a, b));
    assert_false(json_equal(a, c));
    assert_int_equal(json_array_size(a), 10);
    json_decref(a), json_decref(b), json_decref(c), json_decref(rule), json_decref(pop);
}

static void test_ratio_per_stratum(void **state)
{
    (void)state;
    /* 10 of each level: A 3% → ceil(0.3) = 1, B 10% → 1, C 25% → ceil(2.5) = 3, D 100% → 10 */
    json_t *pop = population(40, "ABCD", 6), *rule = ratio(3, 10, 25, 100), *items, *it;
    ZfError err;
    size_t i, per[4] = {0};
    assert_int_equal(insp_draw("s", rule, 2, pop, &items, &err), ZF_OK);
    json_array_foreach(items, i, it) {
        int n = atoi(json_string_value(json_object_get(it, "entity")) + 1);
        per["ABCD"[n % 4] - 'A']++;
    }
    assert_int_equal(per[0], 1);
    assert_int_equal(per[1], 1);
    assert_int_equal(per[2], 3);
    assert_int_equal(per[3], 10);
    /* strata in order A, B, C, D: the D entities come last */
    const char *last = json_string_value(json_object_get(json_array_get(items, json_array_size(items) - 1), "entity"));
    assert_int_equal(atoi(last + 1) % 4, 3);
    assert_int_equal(insp_stratum_size(0, 50), 0);
    assert_int_equal(insp_stratum_size(7, 0), 0);
    assert_int_equal(insp_stratum_size(3, 100), 3);
    json_decref(items), json_decref(rule), json_decref(pop);
}

static void test_recusal_respected_and_load_even(void **state)
{
    (void)state;
    json_t *pop = population(30, "B", 5), *rule = json_pack("{s:i}", "count", 30), *items, *it, *c;
    json_t *o0 = json_array_get(json_object_get(pop, "officers"), 0);
    for (int i = 0; i < 30; i += 2) { /* O0 must not inspect every even entity */
        char code[16];
        snprintf(code, sizeof code, "E%03d", i);
        json_array_append_new(json_object_get(o0, "avoid"), json_string(code));
    }
    ZfError err;
    size_t i, j;
    int load[5] = {0};
    assert_int_equal(insp_draw("load", rule, 2, pop, &items, &err), ZF_OK);
    json_array_foreach(items, i, it) {
        json_t *ins = json_object_get(it, "inspectors");
        assert_int_equal(json_array_size(ins), 2);
        assert_string_not_equal(json_string_value(json_array_get(ins, 0)), json_string_value(json_array_get(ins, 1)));
        int n = atoi(json_string_value(json_object_get(it, "entity")) + 1);
        json_array_foreach(ins, j, c) {
            int o = atoi(json_string_value(c) + 1);
            load[o]++;
            if (o == 0) assert_int_equal(n % 2, 1);
        }
    }
    /* 60 assignments over 5 officers: each gets 12, give or take one */
    for (int o = 0; o < 5; o++) assert_in_range(load[o], 11, 13);
    json_decref(items), json_decref(rule), json_decref(pop);
}

static void test_too_few_inspectors_refused(void **state)
{
    (void)state;
    json_t *pop = population(5, "A", 2), *rule = json_pack("{s:i}", "count", 5), *items;
    ZfError err;
    json_array_append_new(json_object_get(json_array_get(json_object_get(pop, "officers"), 1), "avoid"), json_string("E003"));
    int rc = insp_draw("x", rule, 2, pop, &items, &err);
    assert_int_equal(rc, ZF_ERR);
    assert_int_equal(err.status, 409);
    assert_non_null(strstr(err.message, "E003"));
    json_decref(rule), json_decref(pop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stream_matches_another_sm3),
        cmocka_unit_test(test_same_seed_same_items_other_seed_other_items),
        cmocka_unit_test(test_ratio_per_stratum),
        cmocka_unit_test(test_recusal_respected_and_load_even),
        cmocka_unit_test(test_too_few_inspectors_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
