/* The worked examples of spec/examples/ (copied into tests/data/): the engine at as-of
 * 2026-05-20 must report exactly the expected findings, compared on rule, severity,
 * subject_type, subject and due_on, and nothing for any other case. */
#include "rules_test_util.h"

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) fail_msg("cannot open %s", path);
    char *buf = malloc(1 << 20);
    assert_non_null(buf);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Calls fn on every non-empty line of a JSON Lines file. */
static void each_line(const char *path, void (*fn)(json_t *, void *), void *ctx)
{
    char *text = read_text(path);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        json_error_t err;
        json_t *r = json_loads(line, 0, &err);
        if (!r) fail_msg("%s: %s", path, err.text);
        fn(r, ctx);
        json_decref(r);
    }
    free(text);
}

static void add_record(json_t *r, void *data) { assert_int_equal(rule_data_add(data, r), ZF_OK); }

/* "rule|severity|subject_type|subject|due_on" keys, one per finding. */
typedef struct {
    char items[64][256];
    size_t n;
} KeySet;

static void expected_key(json_t *r, void *ctx)
{
    KeySet *set = ctx;
    const char *due = json_string_value(json_object_get(r, "due_on"));
    assert_true(set->n < 64);
    snprintf(set->items[set->n++], 256, "%s|%s|%s|%s|%s",
             json_string_value(json_object_get(r, "rule")),
             json_string_value(json_object_get(r, "severity")),
             json_string_value(json_object_get(r, "subject_type")),
             json_string_value(json_object_get(r, "subject")), due ? due : "");
}

static int cmp_str(const void *a, const void *b) { return strcmp(a, b); }

static void run_examples(FindingList *list, UndecidableCounts *und)
{
    RuleData *data = rule_data_new();
    each_line("tests/data/rules-examples.jsonl", add_record, data);
    assert_int_equal(rule_data_finish(data), ZF_OK);
    RuleConfig cfg = rule_config_defaults();
    finding_list_init(list);
    /* rules-examples.expected.jsonl is the v1 catalogue's answer (rules.md §7) */
    assert_int_equal(rules_check(data, g_cal, &cfg, day_of("2026-05-20"), RULES_V1_LIST, list, und), ZF_OK);
    /* Findings borrow subject strings from data: compare before freeing it. */
    KeySet want = {0}, got = {0};
    each_line("tests/data/rules-examples.expected.jsonl", expected_key, &want);
    for (size_t i = 0; i < list->count; i++) {
        const Finding *f = &list->items[i];
        char due[ZF_DATE_LEN] = "";
        if (f->due_on != ZF_DAY_NONE) date_format(f->due_on, due);
        assert_true(got.n < 64);
        snprintf(got.items[got.n++], 256, "%s|%s|%s|%s|%s", f->rule, f->severity, f->subject_type,
                 f->subject, due);
    }
    /* The engine's own order must already be the spec's order. */
    for (size_t i = 0; i < want.n; i++)
        if (i < got.n && strcmp(want.items[i], got.items[i]) != 0)
            print_message("order/diff at %zu: want %s got %s\n", i, want.items[i], got.items[i]);
    if (got.n != want.n)
        for (size_t i = 0; i < got.n; i++) print_message("got  %s\n", got.items[i]);
    assert_int_equal(got.n, want.n);
    for (size_t i = 0; i < want.n; i++) assert_string_equal(got.items[i], want.items[i]);
    qsort(want.items, want.n, sizeof want.items[0], cmp_str);
    qsort(got.items, got.n, sizeof got.items[0], cmp_str);
    for (size_t i = 0; i < want.n; i++) assert_string_equal(got.items[i], want.items[i]);
    finding_list_free(list);
    rule_data_free(data);
}

static void test_examples_report_exactly_the_expected_findings(void **state)
{
    (void)state;
    FindingList list;
    UndecidableCounts und;
    run_examples(&list, &und);
}

static void test_examples_are_deterministic_across_runs(void **state)
{
    (void)state;
    RuleData *data = rule_data_new();
    each_line("tests/data/rules-examples.jsonl", add_record, data);
    assert_int_equal(rule_data_finish(data), ZF_OK);
    RuleConfig cfg = rule_config_defaults();
    FindingList a, b;
    finding_list_init(&a);
    finding_list_init(&b);
    assert_int_equal(rules_check(data, g_cal, &cfg, day_of("2026-05-20"), NULL, &a, NULL), ZF_OK);
    assert_int_equal(rules_check(data, g_cal, &cfg, day_of("2026-05-20"), NULL, &b, NULL), ZF_OK);
    assert_int_equal(a.count, b.count);
    for (size_t i = 0; i < a.count; i++) {
        char *x, *y;
        assert_int_equal(finding_to_json_line(&a.items[i], &x), ZF_OK);
        assert_int_equal(finding_to_json_line(&b.items[i], &y), ZF_OK);
        assert_string_equal(x, y);
        free(x);
        free(y);
    }
    finding_list_free(&a);
    finding_list_free(&b);
    rule_data_free(data);
}

static void test_examples_p08_message_counts_overdue_days(void **state)
{
    (void)state;
    RuleData *data = rule_data_new();
    each_line("tests/data/rules-examples.jsonl", add_record, data);
    assert_int_equal(rule_data_finish(data), ZF_OK);
    RuleConfig cfg = rule_config_defaults();
    FindingList list;
    finding_list_init(&list);
    assert_int_equal(rules_check(data, g_cal, &cfg, day_of("2026-05-20"), "P08", &list, NULL), ZF_OK);
    assert_int_equal(list.count, 2);
    /* 2025-10-09 → 2026-05-20 is 223 days. */
    assert_string_equal(list.items[0].message, "立案后九十日内未作出处罚决定（已超期 223 日）");
    assert_string_equal(list.items[0].law, "《中华人民共和国行政处罚法》第六十条");
    assert_string_equal(list.items[0].agency, "113702021588139920");
    finding_list_free(&list);
    rule_data_free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples_report_exactly_the_expected_findings),
        cmocka_unit_test(test_examples_are_deterministic_across_runs),
        cmocka_unit_test(test_examples_p08_message_counts_overdue_days),
    };
    return cmocka_run_group_tests(tests, load_calendar, free_calendar);
}
