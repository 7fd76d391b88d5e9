/* The engine around the rules: finding format and order, rule selection, undecidable counts,
 * record replacement, configuration lookup, money in fen. */
#include "rules_test_util.h"

static void test_json_line_matches_spec_sample(void **state)
{
    (void)state;
    Finding f = {.rule = "P08", .severity = "violation", .subject_type = "case",
                 .subject = "鲁青市监处〔2026〕12号", .agency = "11370200MB1234567X",
                 .law = "《中华人民共和国行政处罚法》第六十条", .due_on = day_of("2026-04-13"),
                 .message = "立案后九十日内未作出处罚决定（已超期 18 日）"};
    char *line;
    assert_int_equal(finding_to_json_line(&f, &line), ZF_OK);
    assert_string_equal(line,
                        "{\"rule\":\"P08\",\"severity\":\"violation\",\"subject_type\":\"case\","
                        "\"subject\":\"鲁青市监处〔2026〕12号\",\"agency\":\"11370200MB1234567X\","
                        "\"law\":\"《中华人民共和国行政处罚法》第六十条\",\"due_on\":\"2026-04-13\","
                        "\"message\":\"立案后九十日内未作出处罚决定（已超期 18 日）\"}");
    free(line);
}

static void test_json_line_omits_due_on_when_none(void **state)
{
    (void)state;
    Finding f = {.rule = "E03", .severity = "violation", .subject_type = "power", .subject = "X",
                 .agency = "", .law = "L", .due_on = ZF_DAY_NONE, .message = "m"};
    char *line;
    assert_int_equal(finding_to_json_line(&f, &line), ZF_OK);
    assert_string_equal(line, "{\"rule\":\"E03\",\"severity\":\"violation\",\"subject_type\":\"power\","
                              "\"subject\":\"X\",\"agency\":\"\",\"law\":\"L\",\"message\":\"m\"}");
    free(line);
}

static void test_json_line_escapes_quotes_and_control_characters(void **state)
{
    (void)state;
    Finding f = {.rule = "P16", .severity = "violation", .subject_type = "case",
                 .subject = "案\"1\\2\n3\x01", .agency = "A", .law = "L", .due_on = ZF_DAY_NONE,
                 .message = "执法事项\t“X”"};
    char *line;
    assert_int_equal(finding_to_json_line(&f, &line), ZF_OK);
    json_t *back = json_loads(line, 0, NULL);
    assert_non_null(back);
    assert_string_equal(json_string_value(json_object_get(back, "subject")), f.subject);
    assert_string_equal(json_string_value(json_object_get(back, "message")), f.message);
    char *again = json_dumps(back, JSON_COMPACT | JSON_PRESERVE_ORDER);
    assert_string_equal(again, line); /* byte-identical to jansson's own compact output */
    free(again);
    json_decref(back);
    free(line);
}

/* Runs everything over BASE_RECORDS + extra and returns the list (data kept alive in *out). */
static void run_all(const char *const *extra, const char *only, const char *as_of, RuleData **out,
                    FindingList *list, UndecidableCounts *und)
{
    RuleData *data = rule_data_new();
    for (size_t i = 0; BASE_RECORDS[i]; i++) add_json(data, BASE_RECORDS[i]);
    for (size_t i = 0; extra && extra[i]; i++) add_json(data, extra[i]);
    assert_int_equal(rule_data_finish(data), ZF_OK);
    RuleConfig cfg = rule_config_defaults();
    finding_list_init(list);
    assert_int_equal(rules_check(data, g_cal, &cfg, day_of(as_of), only, list, und), ZF_OK);
    *out = data;
}

static void test_findings_sorted_by_type_subject_rule(void **state)
{
    (void)state;
    char *b = case_json("B-2", ORDINARY_OK, "{\"officers\":[],\"notified_on\":null}");
    char *a = case_json("A-1", ORDINARY_OK, "{\"power\":\"NO\"}");
    const char *extra[] = {b, a,
                           "{\"type\":\"officer\",\"cert_no\":\"0001\",\"name\":\"x\",\"agency\":\"" AG_MARKET "\","
                           "\"cert_valid_from\":\"2020-01-01\",\"cert_valid_to\":\"2026-05-25\",\"status\":\"active\"}",
                           NULL};
    RuleData *data;
    FindingList list;
    UndecidableCounts und;
    run_all(extra, NULL, "2026-05-20", &data, &list, &und);
    const char *want[][3] = {{"agency", AG_TRANSPORT, "E02"}, {"case", "A-1", "P16"},
                             {"case", "B-2", "P01"},          {"case", "B-2", "P04"},
                             {"officer", "0001", "E01"}};
    assert_int_equal(list.count, 5);
    for (size_t i = 0; i < list.count; i++) {
        assert_string_equal(list.items[i].subject_type, want[i][0]);
        assert_string_equal(list.items[i].subject, want[i][1]);
        assert_string_equal(list.items[i].rule, want[i][2]);
    }
    assert_string_equal(list.items[2].agency, AG_MARKET);
    assert_int_equal(list.items[2].config_version, 1);
    assert_string_equal(list.items[4].agency, AG_MARKET);
    finding_list_free(&list);
    rule_data_free(data);
    free(a);
    free(b);
}

static void test_only_rules_limits_the_catalogue(void **state)
{
    (void)state;
    char *c = case_json("T-1", ORDINARY_OK, "{\"officers\":[],\"notified_on\":null}");
    const char *extra[] = {c, NULL};
    RuleData *data;
    FindingList list;
    run_all(extra, "P04, E02", "2026-05-20", &data, &list, NULL);
    assert_int_equal(list.count, 2); /* E02 for the transport agency, P04 for T-1 */
    assert_string_equal(list.items[0].rule, "E02");
    assert_string_equal(list.items[1].rule, "P04");
    finding_list_free(&list);
    rule_data_free(data);
    free(c);
}

static void test_unknown_rule_id_is_refused(void **state)
{
    (void)state;
    ZfError err;
    assert_int_equal(rules_validate_selection("P01,P99", &err), ZF_ERR);
    assert_string_equal(err.code, "unknown_rule");
    assert_int_equal(rules_validate_selection("P01,C03,I02", &err), ZF_OK);
    RuleData *data = rule_data_new();
    assert_int_equal(rule_data_finish(data), ZF_OK);
    RuleConfig cfg = rule_config_defaults();
    FindingList list;
    finding_list_init(&list);
    assert_int_equal(rules_check(data, g_cal, &cfg, day_of("2026-05-20"), "X01", &list, NULL), ZF_ERR);
    rule_data_free(data);
}

static void test_undecidable_cases_are_counted_not_reported(void **state)
{
    (void)state;
    char *a = case_json("U-1", ORDINARY_OK, "{\"filed_on\":null,\"decided_on\":null,\"decision\":null}");
    char *b = case_json("U-2", ORDINARY_OK, "{\"filed_on\":null,\"decided_on\":null,\"decision\":null}");
    char *c = case_json("U-3", SEAL_OK, "{\"started_on\":null}");
    const char *extra[] = {a, b, c, NULL};
    RuleData *data;
    FindingList list;
    UndecidableCounts und;
    run_all(extra, "P08,C01,P02", "2026-05-20", &data, &list, &und);
    assert_int_equal(list.count, 0);
    assert_int_equal(und.count[rules_index("P08")], 2);
    assert_int_equal(und.count[rules_index("P02")], 2);
    assert_int_equal(und.count[rules_index("C01")], 1);
    assert_int_equal(und.count[rules_index("P01")], 0);
    finding_list_free(&list);
    rule_data_free(data);
    free(a);
    free(b);
    free(c);
}

static void test_reimported_case_replaces_the_earlier_one(void **state)
{
    (void)state;
    char *late = case_json("T-1", ORDINARY_OK, "{\"notified_on\":\"2026-03-01\"}");
    char *fixed = case_json("T-1", ORDINARY_OK, NULL);
    const char *extra[] = {late, fixed, NULL};
    RuleData *data;
    FindingList list;
    run_all(extra, "P04", "2026-05-20", &data, &list, NULL);
    assert_int_equal(rule_data_case_count(data), 1);
    assert_int_equal(list.count, 0);
    finding_list_free(&list);
    rule_data_free(data);
    free(late);
    free(fixed);
}

static void test_record_types(void **state)
{
    (void)state;
    RuleData *data = rule_data_new();
    json_t *r = json_loads("{\"type\":\"monthly_report\",\"agency\":\"x\",\"month\":\"2026-01\",\"counts\":{}}", 0, NULL);
    assert_int_equal(rule_data_add(data, r), ZF_OK);
    json_decref(r);
    r = json_loads("{\"type\":\"spaceship\"}", 0, NULL);
    assert_int_equal(rule_data_add(data, r), ZF_ERR);
    json_decref(r);
    r = json_loads("{\"type\":\"case\",\"agency\":\"x\"}", 0, NULL); /* no case_no */
    assert_int_equal(rule_data_add(data, r), ZF_ERR);
    json_decref(r);
    r = json_loads("[1]", 0, NULL);
    assert_int_equal(rule_data_add(data, r), ZF_ERR);
    json_decref(r);
    /* Not finished: refused. */
    RuleConfig cfg = rule_config_defaults();
    FindingList list;
    finding_list_init(&list);
    assert_int_equal(rules_check(data, g_cal, &cfg, day_of("2026-05-20"), NULL, &list, NULL), ZF_ERR);
    rule_data_free(data);
}

static void test_money_is_compared_in_fen(void **state)
{
    (void)state; /* 1.1 * 100 = 110.00000000000001 in binary floating point */
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"late_fee\":1.1,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":1.1}}", "P13", "2026-05-20"));
    ASSERT_CLEAN(run_case(SIMPLE_OK, "{\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":200.0}}", "P03", "2026-05-20"));
}

static void test_config_defaults_and_overrides(void **state)
{
    (void)state;
    RuleConfig cfg = rule_config_defaults();
    assert_int_equal(cfg.version, 1);
    assert_int_equal(rule_config_get(&cfg, RP_PUBLICITY_WD, "market_regulation", "370202"), 20);
    assert_int_equal(rule_config_get(&cfg, RP_PUBLICITY_WD, "transport", "370202"), 7);
    assert_int_equal(rule_config_get(&cfg, RP_FILING_LIMIT_WD, "market_regulation", NULL), 15);
    assert_int_equal(rule_config_get(&cfg, RP_FILING_LIMIT_WD, NULL, NULL), 0);
    assert_int_equal(rule_config_get(&cfg, RP_HEARING_PERSON_FEN, NULL, NULL), 1000000);
    assert_int_equal(rule_config_get(&cfg, RP_HEARING_ORG_FEN, NULL, NULL), 10000000);
    assert_int_equal(rule_config_get(&cfg, RP_DECISION_WARNING_DAYS, NULL, NULL), 10);
    assert_int_equal(rule_config_get(&cfg, RP_JOINT_WINDOW_DAYS, NULL, NULL), 30);
    assert_int_equal(rule_config_get(&cfg, RP_JOINT_MIN_AGENCIES, NULL, NULL), 3);
    /* Region overrides: the longer prefix wins; a sector match outranks any region. */
    assert_int_equal(rule_config_set(&cfg, RP_HEARING_PERSON_FEN, NULL, "370000", 500000), ZF_OK);
    assert_int_equal(rule_config_set(&cfg, RP_HEARING_PERSON_FEN, NULL, "370200", 300000), ZF_OK);
    assert_int_equal(rule_config_set(&cfg, RP_HEARING_PERSON_FEN, "ecology", NULL, 200000), ZF_OK);
    assert_int_equal(rule_config_get(&cfg, RP_HEARING_PERSON_FEN, "transport", "370202"), 300000);
    assert_int_equal(rule_config_get(&cfg, RP_HEARING_PERSON_FEN, "transport", "371000"), 500000);
    assert_int_equal(rule_config_get(&cfg, RP_HEARING_PERSON_FEN, "transport", "110000"), 1000000);
    assert_int_equal(rule_config_get(&cfg, RP_HEARING_PERSON_FEN, "ecology", "370202"), 200000);
    RuleParam p;
    assert_int_equal(rule_param_by_name("publicity_wd", &p), ZF_OK);
    assert_int_equal(p, RP_PUBLICITY_WD);
    for (int k = 0; k < RULE_PARAM_COUNT; k++) {
        assert_non_null(rule_param_name((RuleParam)k));
        assert_true(strlen(rule_param_article((RuleParam)k)) > 0);
    }
}

static void test_catalogue_has_every_rule_once_with_its_law(void **state)
{
    (void)state;
    static const char *const ids[] = {"P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09",
                                      "P10", "P11", "P12", "P13", "P14", "P15", "P16", "P17", "P18",
                                      "P19", "P20", "P21", "P22", "P23", "C01", "C02", "C03", "C04",
                                      "L01", "L02", "L03", "I02", "E01", "E02", "E03", "A01", "A02"};
    assert_int_equal(rules_count(), sizeof ids / sizeof *ids);
    for (size_t i = 0; i < rules_count(); i++) {
        assert_string_equal(rules_id(i), ids[i]);
        assert_int_equal(rules_index(ids[i]), (int)i);
        assert_true(strlen(rules_law(i)) > 0);
    }
}

static void test_table_format_lists_every_finding(void **state)
{
    (void)state;
    Finding items[2] = {
        {.rule = "P08", .severity = "warning", .subject_type = "case", .subject = "南市监处罚〔2026〕4号",
         .agency = AG_MARKET, .law = "《中华人民共和国行政处罚法》第六十条", .due_on = day_of("2026-05-25"),
         .message = "距处罚决定期限 2026-05-25 还有 5 日"},
        {.rule = "E03", .severity = "violation", .subject_type = "power", .subject = "X", .agency = "",
         .law = "L", .due_on = ZF_DAY_NONE, .message = "m"},
    };
    FindingList list = {items, 2, 2};
    char *t = findings_format_table(&list);
    assert_non_null(t);
    assert_non_null(strstr(t, "规则"));
    assert_non_null(strstr(t, "南市监处罚〔2026〕4号"));
    assert_non_null(strstr(t, "2026-05-25"));
    assert_non_null(strstr(t, "预警"));
    assert_non_null(strstr(t, "共 2 条"));
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_line_matches_spec_sample),
        cmocka_unit_test(test_json_line_omits_due_on_when_none),
        cmocka_unit_test(test_json_line_escapes_quotes_and_control_characters),
        cmocka_unit_test(test_findings_sorted_by_type_subject_rule),
        cmocka_unit_test(test_only_rules_limits_the_catalogue),
        cmocka_unit_test(test_unknown_rule_id_is_refused),
        cmocka_unit_test(test_undecidable_cases_are_counted_not_reported),
        cmocka_unit_test(test_reimported_case_replaces_the_earlier_one),
        cmocka_unit_test(test_record_types),
        cmocka_unit_test(test_money_is_compared_in_fen),
        cmocka_unit_test(test_config_defaults_and_overrides),
        cmocka_unit_test(test_catalogue_has_every_rule_once_with_its_law),
        cmocka_unit_test(test_table_format_lists_every_finding),
    };
    return cmocka_run_group_tests(tests, load_calendar, free_calendar);
}
