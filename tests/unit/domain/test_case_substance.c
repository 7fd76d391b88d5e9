/* 案情 validation (docs/case-record.md "Substance"): limits counted in characters, codes of
 * 行政处罚法 46 and 45, types; absent fields are fine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/case_substance.h"

static int check(const char *name, const char *json, ZfError *err)
{
    json_t *v = json_loads(json, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    assert_non_null(v);
    int rc = case_substance_check(name, v, err);
    json_decref(v);
    return rc;
}

static void refused(const char *name, const char *json, const char *field)
{
    ZfError err;
    assert_int_equal(check(name, json, &err), ZF_ERR);
    assert_string_equal(err.field, field);
}

static void accepted(const char *name, const char *json)
{
    ZfError err;
    if (check(name, json, &err) != ZF_OK) fail_msg("refused %s: %s", json, err.message);
}

/* n copies of a three-byte character, as a JSON string */
static char *chinese(size_t n)
{
    char *s = malloc(n * 3 + 3);
    s[0] = '"';
    for (size_t i = 0; i < n; i++) memcpy(s + 1 + i * 3, "案", 3);
    memcpy(s + 1 + n * 3, "\"", 2);
    return s;
}

static void test_cause_is_200_characters_at_most(void **state)
{
    (void)state;
    char *ok = chinese(200), *too_long = chinese(201);
    accepted("cause", ok);
    refused("cause", too_long, "cause");
    refused("cause", "\"  \"", "cause");
    refused("cause", "12", "cause");
    refused("cause", "\"a\\u0000b\"", "cause");
    free(ok);
    free(too_long);
}

static void test_facts_is_8000_characters_at_most(void **state)
{
    (void)state;
    char *ok = chinese(8000), *too_long = chinese(8001);
    accepted("facts", ok);
    refused("facts", too_long, "facts");
    free(ok);
    free(too_long);
}

static void test_evidence_kinds_are_those_of_article_46(void **state)
{
    (void)state;
    static const char *const kinds[] = {"documentary", "physical", "audiovisual", "electronic",
                                        "witness", "statement", "expert", "inspection_record"};
    char text[200];
    for (size_t i = 0; i < 8; i++) {
        snprintf(text, sizeof text, "[{\"name\":\"证据\",\"kind\":\"%s\"}]", kinds[i]);
        accepted("evidence", text);
    }
    refused("evidence", "[{\"name\":\"证据\",\"kind\":\"rumour\"}]", "evidence[0].kind");
    refused("evidence", "[{\"name\":\"证据\",\"kind\":\"physical\"},{\"kind\":\"physical\"}]", "evidence[1].name");
    refused("evidence", "{\"name\":\"证据\"}", "evidence");
    accepted("evidence", "[{\"name\":\"现场照片\",\"kind\":\"audiovisual\",\"attachment\":3,\"proves\":\"陈列过期食品\"}]");
    accepted("evidence", "[{\"name\":\"现场照片\",\"kind\":\"audiovisual\",\"attachment\":\"A-17\"}]");
    refused("evidence", "[{\"name\":\"现场照片\",\"kind\":\"audiovisual\",\"attachment\":0}]", "evidence[0].attachment");
    refused("evidence", "[{\"name\":\"现场照片\",\"kind\":\"audiovisual\",\"attachment\":true}]",
            "evidence[0].attachment");
}

static void test_evidence_list_holds_200_items_at_most(void **state)
{
    (void)state;
    size_t size = 64 * 202;
    char *text = malloc(size);
    size_t used = (size_t)snprintf(text, size, "[");
    for (int i = 0; i < 201; i++)
        used += (size_t)snprintf(text + used, size - used, "%s{\"name\":\"证据\",\"kind\":\"documentary\"}", i ? "," : "");
    snprintf(text + used, size - used, "]");
    refused("evidence", text, "evidence");
    free(text);
}

static void test_basis_needs_law_and_article(void **state)
{
    (void)state;
    accepted("violation_basis", "[{\"law\":\"中华人民共和国食品安全法\",\"article\":\"第三十四条\"}]");
    refused("penalty_basis", "[{\"law\":\"中华人民共和国食品安全法\"}]", "penalty_basis[0].article");
    refused("penalty_basis", "\"第一百二十四条\"", "penalty_basis");
}

static void test_defense_outcome_is_one_of_three(void **state)
{
    (void)state;
    accepted("defense", "{\"waived\":true}");
    accepted("defense", "{\"received_on\":\"2026-03-18\",\"waived\":false,\"summary\":\"初次违法\","
                        "\"adopted\":\"partly\",\"reason\":\"主动整改\"}");
    refused("defense", "{\"waived\":false,\"adopted\":\"maybe\"}", "defense.adopted");
    refused("defense", "{\"received_on\":\"2026-02-30\",\"waived\":false}", "defense.received_on");
    refused("defense", "{\"received_on\":\"2026-03-18\"}", "defense.waived");
}

static void test_present_bits_ignore_blank_and_empty(void **state)
{
    (void)state;
    json_t *rec = json_loads("{\"cause\":\"销售过期食品\",\"facts\":\" \",\"evidence\":[],"
                             "\"penalty_basis\":[{\"law\":\"中华人民共和国食品安全法\",\"article\":\"第一百二十四条\"}],"
                             "\"defense\":{\"received_on\":\"2026-03-18\",\"waived\":false}}",
                             0, NULL);
    assert_int_equal(case_substance_present(rec),
                     CASE_SUB_CAUSE | CASE_SUB_PENALTY_BASIS | CASE_SUB_DEFENSE_RECEIVED);
    char names[200];
    case_substance_names(CASE_SUB_FACTS | CASE_SUB_VIOLATION_BASIS, names, sizeof names);
    assert_string_equal(names, "违法事实、定性依据");
    json_decref(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cause_is_200_characters_at_most),
        cmocka_unit_test(test_facts_is_8000_characters_at_most),
        cmocka_unit_test(test_evidence_kinds_are_those_of_article_46),
        cmocka_unit_test(test_evidence_list_holds_200_items_at_most),
        cmocka_unit_test(test_basis_needs_law_and_article),
        cmocka_unit_test(test_defense_outcome_is_one_of_three),
        cmocka_unit_test(test_present_bits_ignore_blank_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
