/* Shared fixtures for the rule-engine tests: the official holiday calendar, a small lawful
 * world of agencies/officers/powers, and "run one rule on one patched case" helpers.
 * Header-only (static) because every test_*.c is its own executable. Reads data/holidays/
 * relative to the repository root, where the tests run. */
#ifndef ZF_RULES_TEST_UTIL_H
#define ZF_RULES_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/calendar.h"
#include "domain/rules/rules.h"

#define AG_MARKET "113702021588139920"    /* market_regulation, 370202 */
#define AG_TRANSPORT "11370203869879736T" /* transport, 370203 */
#define AG_THIRD "11370202MB0000001X"     /* urban_management, 370202 */

static const char *const BASE_RECORDS[] = {
    "{\"type\":\"agency\",\"code\":\"" AG_MARKET "\",\"name\":\"市南区市场监督管理局\",\"region\":\"370202\","
    "\"level\":\"county\",\"kind\":\"department\",\"sector\":\"market_regulation\"}",
    "{\"type\":\"agency\",\"code\":\"" AG_TRANSPORT "\",\"name\":\"市北区交通运输局\",\"region\":\"370203\","
    "\"level\":\"county\",\"kind\":\"department\",\"sector\":\"transport\"}",
    "{\"type\":\"agency\",\"code\":\"" AG_THIRD "\",\"name\":\"市南区综合行政执法局\",\"region\":\"370202\","
    "\"level\":\"county\",\"kind\":\"department\",\"sector\":\"urban_management\"}",
    "{\"type\":\"officer\",\"cert_no\":\"37020200001\",\"name\":\"王\",\"agency\":\"" AG_MARKET "\","
    "\"cert_valid_from\":\"2023-01-01\",\"cert_valid_to\":\"2028-12-31\",\"status\":\"active\"}",
    "{\"type\":\"officer\",\"cert_no\":\"37020200002\",\"name\":\"李\",\"agency\":\"" AG_MARKET "\","
    "\"cert_valid_from\":\"2023-01-01\",\"cert_valid_to\":\"2028-12-31\",\"status\":\"active\"}",
    "{\"type\":\"officer\",\"cert_no\":\"37020300001\",\"name\":\"赵\",\"agency\":\"" AG_TRANSPORT "\","
    "\"cert_valid_from\":\"2023-01-01\",\"cert_valid_to\":\"2028-12-31\",\"status\":\"active\"}",
    "{\"type\":\"officer\",\"cert_no\":\"37020300002\",\"name\":\"钱\",\"agency\":\"" AG_TRANSPORT "\","
    "\"cert_valid_from\":\"2023-01-01\",\"cert_valid_to\":\"2028-12-31\",\"status\":\"active\"}",
    "{\"type\":\"officer\",\"cert_no\":\"37020200009\",\"name\":\"停\",\"agency\":\"" AG_MARKET "\","
    "\"cert_valid_from\":\"2023-01-01\",\"cert_valid_to\":\"2028-12-31\",\"status\":\"suspended\"}",
    "{\"type\":\"power\",\"code\":\"SC-CF-001\",\"name\":\"食品处罚\",\"kind\":\"penalty\",\"agencies\":[\"" AG_MARKET "\"],"
    "\"basis\":[{\"law\":\"中华人民共和国食品安全法\",\"article\":\"第一百二十四条\"}]}",
    "{\"type\":\"power\",\"code\":\"JT-CF-001\",\"name\":\"运输处罚\",\"kind\":\"penalty\",\"agencies\":[\"" AG_TRANSPORT "\"],"
    "\"basis\":[{\"law\":\"中华人民共和国道路运输条例\",\"article\":\"第六十三条\"}]}",
    "{\"type\":\"power\",\"code\":\"SC-QZ-001\",\"name\":\"查封扣押\",\"kind\":\"coercion\",\"agencies\":[\"" AG_MARKET "\"],"
    "\"basis\":[{\"law\":\"中华人民共和国食品安全法\",\"article\":\"第一百一十条\"}]}",
    "{\"type\":\"power\",\"code\":\"JT-QZ-001\",\"name\":\"强制拆除\",\"kind\":\"coercion\",\"agencies\":[\"" AG_TRANSPORT "\"],"
    "\"basis\":[{\"law\":\"中华人民共和国公路法\",\"article\":\"第七十九条\"}]}",
    "{\"type\":\"power\",\"code\":\"SC-XK-001\",\"name\":\"食品经营许可\",\"kind\":\"license\",\"agencies\":[\"" AG_MARKET "\"],"
    "\"basis\":[{\"law\":\"中华人民共和国食品安全法\",\"article\":\"第三十五条\"}]}",
    "{\"type\":\"power\",\"code\":\"JC-001\",\"name\":\"检查\",\"kind\":\"inspection\",\"agencies\":[\"" AG_MARKET "\",\"" AG_TRANSPORT "\",\"" AG_THIRD "\"],"
    "\"basis\":[{\"law\":\"某法\",\"article\":\"第一条\"}]}",
    "{\"type\":\"benchmark\",\"power\":\"SC-CF-001\",\"tiers\":[{\"tier\":\"light\",\"fine_min\":0,\"fine_max\":5000},"
    "{\"tier\":\"ordinary\",\"fine_min\":5000,\"fine_max\":30000},{\"tier\":\"heavy\",\"fine_min\":30000,\"fine_max\":100000}]}",
    NULL,
};

/* Lawful ordinary market-regulation case (worked example 南市监处罚〔2026〕1号). */
static const char ORDINARY_OK[] =
    "{\"agency\":\"" AG_MARKET "\",\"kind\":\"penalty\",\"power\":\"SC-CF-001\","
    "\"party\":{\"kind\":\"org\",\"name\":\"某公司\",\"id_no\":\"91370202091141705L\"},"
    "\"officers\":[\"37020200001\",\"37020200002\"],\"procedure\":\"ordinary\","
    "\"violation_ended_on\":\"2026-01-02\",\"discovered_on\":\"2026-01-05\",\"filed_on\":\"2026-01-12\","
    "\"notified_on\":\"2026-02-02\",\"hearing_right_notified\":true,\"decided_on\":\"2026-02-10\","
    "\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":20000,\"tier\":\"ordinary\"},"
    "\"served_on\":\"2026-02-12\",\"paid_on\":\"2026-02-20\",\"published_on\":\"2026-03-16\","
    "\"closed_on\":\"2026-02-27\"}";

/* Lawful simple-procedure transport case against a person (fine at the 200 cap). */
static const char SIMPLE_OK[] =
    "{\"agency\":\"" AG_TRANSPORT "\",\"kind\":\"penalty\",\"power\":\"JT-CF-001\","
    "\"party\":{\"kind\":\"person\",\"name\":\"张某\",\"id_no\":\"370202198001011232\"},"
    "\"officers\":[\"37020300001\",\"37020300002\"],\"procedure\":\"simple\","
    "\"violation_ended_on\":\"2026-04-10\",\"discovered_on\":\"2026-04-10\",\"filed_on\":\"2026-04-10\","
    "\"notified_on\":\"2026-04-10\",\"decided_on\":\"2026-04-10\","
    "\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":200},"
    "\"served_on\":\"2026-04-10\",\"paid_on\":\"2026-04-10\",\"closed_on\":\"2026-04-10\"}";

static const char SEAL_OK[] =
    "{\"agency\":\"" AG_MARKET "\",\"kind\":\"coercion\",\"power\":\"SC-QZ-001\","
    "\"party\":{\"kind\":\"org\",\"name\":\"某公司\",\"id_no\":\"91370202091141705L\"},"
    "\"officers\":[\"37020200001\",\"37020200002\"],\"measure\":\"seal\",\"started_on\":\"2026-03-31\","
    "\"released_on\":\"2026-04-30\"}";

static const char ENFORCE_OK[] =
    "{\"agency\":\"" AG_TRANSPORT "\",\"kind\":\"coercion\",\"power\":\"JT-QZ-001\","
    "\"party\":{\"kind\":\"person\",\"name\":\"张某\",\"id_no\":\"370202198001011232\"},"
    "\"officers\":[\"37020300001\",\"37020300002\"],\"measure\":\"enforce\","
    "\"executed_at\":\"2026-04-14T10:00\"}";

static const char LICENSE_OK[] =
    "{\"agency\":\"" AG_MARKET "\",\"kind\":\"license\",\"power\":\"SC-XK-001\","
    "\"party\":{\"kind\":\"org\",\"name\":\"某公司\",\"id_no\":\"91370202091141705L\"},"
    "\"officers\":[\"37020200001\"],\"received_on\":\"2026-04-16\",\"accepted_on\":\"2026-04-17\","
    "\"decided_on\":\"2026-05-19\",\"decision\":{\"outcome\":\"granted\"}}";

static const char INSPECTION_OK[] =
    "{\"agency\":\"" AG_MARKET "\",\"kind\":\"inspection\",\"power\":\"JC-001\","
    "\"party\":{\"kind\":\"org\",\"name\":\"某公司\",\"id_no\":\"91370202091141705L\"},"
    "\"officers\":[\"37020200001\",\"37020200002\"],\"inspected_on\":\"2026-05-10\",\"result\":\"ok\"}";

static Calendar *g_cal;

static inline int load_calendar(void **state)
{
    (void)state;
    g_cal = calendar_new();
    DIR *dir = opendir("data/holidays");
    if (!g_cal || !dir) return -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(dir)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0) continue;
        char path[512];
        snprintf(path, sizeof path, "data/holidays/%s", e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f) return -1;
        char *buf = malloc(1 << 20);
        size_t len = buf ? fread(buf, 1, 1 << 20, f) : 0;
        fclose(f);
        if (!buf || calendar_load_json(g_cal, buf, len) != 0) rc = -1;
        free(buf);
    }
    closedir(dir);
    return rc;
}

static inline int free_calendar(void **state)
{
    (void)state;
    calendar_free(g_cal);
    return 0;
}

static inline zf_day day_of(const char *s)
{
    zf_day d = ZF_DAY_NONE;
    assert_true(date_parse(s, &d));
    return d;
}

static inline void add_json(RuleData *data, const char *text)
{
    json_error_t jerr;
    json_t *r = json_loads(text, 0, &jerr);
    if (!r) fail_msg("bad fixture JSON: %s: %s", jerr.text, text);
    assert_int_equal(rule_data_add(data, r), ZF_OK);
    json_decref(r);
}

/* base + patch as a case record named case_no; a null in patch deletes the key. Caller frees. */
static inline char *case_json(const char *case_no, const char *base, const char *patch)
{
    json_t *r = json_loads(base, 0, NULL);
    assert_non_null(r);
    if (patch) {
        json_t *p = json_loads(patch, 0, NULL);
        if (!p) fail_msg("bad patch JSON: %s", patch);
        const char *key;
        json_t *val;
        json_object_foreach(p, key, val) {
            if (json_is_null(val)) json_object_del(r, key);
            else json_object_set(r, key, val);
        }
        json_decref(p);
    }
    json_object_set_new(r, "type", json_string("case"));
    json_object_set_new(r, "case_no", json_string(case_no));
    char *s = json_dumps(r, JSON_COMPACT);
    json_decref(r);
    return s;
}

typedef struct {
    int count;            /* findings for (rule, subject) */
    char severity[16];
    char due_on[ZF_DATE_LEN]; /* "" when none */
    char message[400];
    size_t undecidable;   /* the rule's undecidable count for the whole run */
} Outcome;

/* Runs only `rule` at as_of over BASE_RECORDS + extra (NULL-terminated; may be NULL). */
static inline Outcome run_rule_with(const RuleConfig *cfg, const char *const *extra, const char *rule,
                             const char *as_of, const char *subject)
{
    RuleData *data = rule_data_new();
    for (size_t i = 0; BASE_RECORDS[i]; i++) add_json(data, BASE_RECORDS[i]);
    for (size_t i = 0; extra && extra[i]; i++) add_json(data, extra[i]);
    assert_int_equal(rule_data_finish(data), ZF_OK);
    FindingList list;
    UndecidableCounts und;
    finding_list_init(&list);
    RuleConfig defaults = rule_config_defaults();
    assert_int_equal(rules_check(data, g_cal, cfg ? cfg : &defaults, day_of(as_of), rule, &list, &und),
                     ZF_OK);
    Outcome o;
    memset(&o, 0, sizeof o);
    for (size_t i = 0; i < list.count; i++) {
        const Finding *f = &list.items[i];
        assert_string_equal(f->rule, rule);
        if (strcmp(f->subject, subject) != 0) continue;
        o.count++;
        snprintf(o.severity, sizeof o.severity, "%s", f->severity);
        if (f->due_on != ZF_DAY_NONE) date_format(f->due_on, o.due_on);
        snprintf(o.message, sizeof o.message, "%s", f->message);
    }
    o.undecidable = und.count[rules_index(rule)];
    finding_list_free(&list);
    rule_data_free(data);
    return o;
}

/* One patched case "T-1" against the base world. */
static inline Outcome run_case(const char *base, const char *patch, const char *rule, const char *as_of)
{
    char *c = case_json("T-1", base, patch);
    const char *extra[] = {c, NULL};
    Outcome o = run_rule_with(NULL, extra, rule, as_of, "T-1");
    free(c);
    return o;
}

#define ASSERT_VIOLATION(o, due)                                                                   \
    do {                                                                                           \
        assert_int_equal((o).count, 1);                                                            \
        assert_string_equal((o).severity, "violation");                                            \
        assert_string_equal((o).due_on, (due));                                                    \
    } while (0)
#define ASSERT_WARNING(o, due)                                                                     \
    do {                                                                                           \
        assert_int_equal((o).count, 1);                                                            \
        assert_string_equal((o).severity, "warning");                                              \
        assert_string_equal((o).due_on, (due));                                                    \
    } while (0)
#define ASSERT_CLEAN(o)                                                                            \
    do {                                                                                           \
        assert_int_equal((o).count, 0);                                                            \
        assert_int_equal((o).undecidable, 0);                                                      \
    } while (0)
#define ASSERT_UNDECIDABLE(o)                                                                      \
    do {                                                                                           \
        assert_int_equal((o).count, 0);                                                            \
        assert_int_equal((o).undecidable, 1);                                                      \
    } while (0)

#endif
