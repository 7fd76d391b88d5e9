/* Discretion recommendation, 文号 patterns and masking of published decisions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/workflow/discretion.h"
#include "domain/workflow/doc_number.h"
#include "domain/workflow/masking.h"

static const WfTier TIERS[] = {{"从轻", 100000, 300000}, {"一般", 300000, 700000},
                               {"从重", 700000, 1000000}};

static void test_mitigating_facts_recommend_the_lightest_tier(void **state)
{
    (void)state;
    DiscretionFacts f = {.first_offence = true, .harm = HARM_MINOR, .cooperated = true,
                         .rectified = true};
    DiscretionAdvice a;
    ZfError err;
    assert_int_equal(discretion_recommend(TIERS, 3, &f, &a, &err), ZF_OK);
    assert_int_equal(a.score, -4);
    assert_string_equal(a.tier->name, "从轻");
    assert_int_equal(a.tier->min_fen, 100000);
    assert_true(strstr(a.reasons, "初次违法") != NULL);
}

static void test_ordinary_facts_recommend_the_middle_tier(void **state)
{
    (void)state;
    DiscretionFacts f = {.harm = HARM_GENERAL, .cooperated = true};
    DiscretionAdvice a;
    assert_int_equal(discretion_recommend(TIERS, 3, &f, &a, NULL), ZF_OK);
    assert_int_equal(a.tier_index, 1);
    assert_string_equal(a.tier->name, "一般");
}

static void test_aggravating_facts_recommend_the_heaviest_tier(void **state)
{
    (void)state;
    DiscretionFacts f = {.harm = HARM_SERIOUS, .repeat_offence = true};
    DiscretionAdvice a;
    assert_int_equal(discretion_recommend(TIERS, 3, &f, &a, NULL), ZF_OK);
    assert_string_equal(a.tier->name, "从重");
    assert_int_equal(discretion_recommend(TIERS, 1, &f, &a, NULL), ZF_OK);
    assert_int_equal(a.tier_index, 0);
}

static void test_recommendation_lists_each_factor_with_its_weight(void **state)
{
    (void)state;
    DiscretionFacts f = {.first_offence = true, .harm = HARM_SERIOUS, .obstructed = true};
    DiscretionAdvice a;
    assert_int_equal(discretion_recommend(TIERS, 3, &f, &a, NULL), ZF_OK);
    assert_int_equal(a.applied_count, 3);
    assert_string_equal(a.applied[0].label, "初次违法");
    assert_int_equal(a.applied[0].weight, -1);
    assert_string_equal(a.applied[1].label, "危害后果严重");
    assert_int_equal(a.applied[1].weight, 2);
    assert_string_equal(a.applied[2].label, "阻碍执法");
    assert_int_equal(a.score, 2);
    assert_string_equal(a.tier->name, "从重");
    assert_string_equal(a.reasons, "初次违法（-1）；危害后果严重（+2）；阻碍执法（+1）");
}

static void test_every_aggravating_fact_clamps_to_the_heaviest_tier(void **state)
{
    (void)state;
    DiscretionFacts all_bad = {.harm = HARM_SERIOUS, .repeat_offence = true, .obstructed = true};
    DiscretionFacts all_good = {.first_offence = true, .harm = HARM_MINOR, .cooperated = true, .rectified = true};
    DiscretionAdvice a;
    assert_int_equal(discretion_recommend(TIERS, 3, &all_bad, &a, NULL), ZF_OK);
    assert_int_equal(a.score, 5);
    assert_int_equal(a.tier_index, 2);
    assert_int_equal(discretion_recommend(TIERS, 2, &all_good, &a, NULL), ZF_OK);
    assert_int_equal(a.tier_index, 0);
}

static void test_harm_codes_round_trip(void **state)
{
    (void)state;
    HarmLevel h;
    assert_int_equal(discretion_harm_by_code("serious", &h), ZF_OK);
    assert_int_equal(h, HARM_SERIOUS);
    assert_string_equal(discretion_harm_code(HARM_MINOR), "minor");
    assert_int_equal(discretion_harm_by_code("grave", &h), ZF_ERR);
    assert_int_equal(discretion_harm_by_code(NULL, &h), ZF_ERR);
}

static void test_recommendation_needs_a_benchmark(void **state)
{
    (void)state;
    DiscretionFacts f = {0};
    DiscretionAdvice a;
    ZfError err;
    assert_int_equal(discretion_recommend(TIERS, 0, &f, &a, &err), ZF_ERR);
    assert_int_equal(err.status, 422);
}

static void test_doc_number_formats_agency_year_and_sequence(void **state)
{
    (void)state;
    char out[128];
    ZfError err;
    assert_int_equal(doc_number_format("{abbr}处罚〔{year}〕{seq}号", "青市监", 2026, 12, out,
                                       sizeof out, &err), ZF_OK);
    assert_string_equal(out, "青市监处罚〔2026〕12号");
    assert_int_equal(doc_number_format("济交罚字〔{year}〕第{seq}号", NULL, 2025, 7, out,
                                       sizeof out, &err), ZF_OK);
    assert_string_equal(out, "济交罚字〔2025〕第7号");
}

static void test_doc_number_pattern_needs_one_year_and_one_sequence(void **state)
{
    (void)state;
    ZfError err;
    assert_int_equal(doc_number_pattern_check("{abbr}处罚〔{year}〕号", &err), ZF_ERR);
    assert_string_equal(err.field, "pattern");
    assert_int_equal(doc_number_pattern_check("{abbr}〔{year}〕{seq}-{seq}号", &err), ZF_ERR);
    assert_int_equal(doc_number_pattern_check("{abbr}处罚{seq}号", &err), ZF_ERR);
    assert_int_equal(doc_number_pattern_check("{org}〔{year}〕{seq}号", &err), ZF_ERR);
    assert_int_equal(doc_number_pattern_check("〔{year}〕{seq}号}", &err), ZF_ERR);
    assert_int_equal(doc_number_pattern_check("", &err), ZF_ERR);
    assert_int_equal(doc_number_pattern_check("〔{year}〕{seq}号", &err), ZF_OK);
}

static void test_doc_number_refuses_bad_values_and_small_buffers(void **state)
{
    (void)state;
    char out[16];
    ZfError err;
    const char *p = "{abbr}处罚〔{year}〕{seq}号";
    assert_int_equal(doc_number_format(p, "青市监", 2026, 0, out, sizeof out, &err), ZF_ERR);
    assert_int_equal(doc_number_format(p, "", 2026, 1, out, sizeof out, &err), ZF_ERR);
    assert_int_equal(doc_number_format(p, "青市监", 26, 1, out, sizeof out, &err), ZF_ERR);
    assert_int_equal(doc_number_format(p, "青市监", 2026, 1, out, sizeof out, &err), ZF_ERR);
    assert_string_equal(err.code, "doc_number_too_long");
}

static void test_person_name_keeps_the_first_character(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(mask_person_name("张三丰", out, sizeof out), ZF_OK);
    assert_string_equal(out, "张**");
    assert_int_equal(mask_person_name("欧阳娜娜", out, sizeof out), ZF_OK);
    assert_string_equal(out, "欧**");
    assert_int_equal(mask_person_name("𠮷野家", out, sizeof out), ZF_OK); /* 4-byte character */
    assert_string_equal(out, "𠮷**");
    assert_int_equal(mask_person_name("Li Lei", out, sizeof out), ZF_OK);
    assert_string_equal(out, "L**");
    assert_int_equal(mask_person_name("张", out, sizeof out), ZF_OK);
    assert_string_equal(out, "张**");
}

static void test_invalid_utf8_or_small_buffer_is_refused(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(mask_person_name("\xE5\xBC", out, sizeof out), ZF_ERR);
    assert_int_equal(mask_person_name("\xFF张", out, sizeof out), ZF_ERR);
    assert_int_equal(mask_person_name("张三", out, 5), ZF_ERR);
    assert_int_equal(mask_person_name("张三", out, 6), ZF_OK);
}

static void test_citizen_id_keeps_first_and_last_four(void **state)
{
    (void)state;
    char out[32];
    assert_int_equal(mask_citizen_id("370102199001011234", out, sizeof out), ZF_OK);
    assert_string_equal(out, "3701**********1234");
    assert_int_equal(mask_citizen_id("37010219900101X", out, sizeof out), ZF_OK);
    assert_string_equal(out, "3701*******101X");
    assert_int_equal(mask_citizen_id("12345678", out, sizeof out), ZF_OK);
    assert_string_equal(out, "********");
}

static void test_organisation_name_and_uscc_are_kept(void **state)
{
    (void)state;
    char out[128];
    assert_int_equal(mask_party_id(WF_PARTY_ORG, "91370200MA3C5XYZ1K", out, sizeof out), ZF_OK);
    assert_string_equal(out, "91370200MA3C5XYZ1K");
    assert_int_equal(mask_party_name(WF_PARTY_ORG, "青岛某某餐饮有限公司", out, sizeof out),
                     ZF_OK);
    assert_string_equal(out, "青岛某某餐饮有限公司");
    assert_int_equal(mask_party_name(WF_PARTY_PERSON, "李四", out, sizeof out), ZF_OK);
    assert_string_equal(out, "李**");
    assert_int_equal(mask_party_id(WF_PARTY_PERSON, "370102199001011234", out, sizeof out),
                     ZF_OK);
    assert_string_equal(out, "3701**********1234");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mitigating_facts_recommend_the_lightest_tier),
        cmocka_unit_test(test_ordinary_facts_recommend_the_middle_tier),
        cmocka_unit_test(test_aggravating_facts_recommend_the_heaviest_tier),
        cmocka_unit_test(test_recommendation_lists_each_factor_with_its_weight),
        cmocka_unit_test(test_every_aggravating_fact_clamps_to_the_heaviest_tier),
        cmocka_unit_test(test_harm_codes_round_trip),
        cmocka_unit_test(test_recommendation_needs_a_benchmark),
        cmocka_unit_test(test_doc_number_formats_agency_year_and_sequence),
        cmocka_unit_test(test_doc_number_pattern_needs_one_year_and_one_sequence),
        cmocka_unit_test(test_doc_number_refuses_bad_values_and_small_buffers),
        cmocka_unit_test(test_person_name_keeps_the_first_character),
        cmocka_unit_test(test_invalid_utf8_or_small_buffer_is_refused),
        cmocka_unit_test(test_citizen_id_keeps_first_and_last_four),
        cmocka_unit_test(test_organisation_name_and_uscc_are_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
