/* Boundary tests for the penalty-case rules P01–P18: one case just inside and one just outside
 * each limit, over 调休 weekends, Spring Festival, National Day and month ends. */
#include "rules_test_util.h"

/* One extra record (e.g. an officer) besides the patched case "T-1". */
static Outcome run_case_with(const char *record, const char *base, const char *patch,
                             const char *rule, const char *as_of)
{
    char *c = case_json("T-1", base, patch);
    const char *extra[] = {record, c, NULL};
    Outcome o = run_rule_with(NULL, extra, rule, as_of, "T-1");
    free(c);
    return o;
}

#define AS_OF "2026-05-20"
#define UNDECIDED "\"decided_on\":null,\"decision\":null"

/* ---- P01 ---------------------------------------------------------------------------------- */

static void test_p01_two_distinct_officers_pass(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, NULL, "P01", AS_OF));
}

static void test_p01_same_officer_twice_is_one(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"officers\":[\"37020200001\",\"37020200001\"]}", "P01", AS_OF), "");
}

static void test_p01_no_officers_listed_is_a_violation(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"officers\":null}", "P01", AS_OF), "");
    ASSERT_VIOLATION(run_case(INSPECTION_OK, "{\"officers\":[\"37020200001\"]}", "P01", AS_OF), "");
    ASSERT_VIOLATION(run_case(SEAL_OK, "{\"officers\":[]}", "P01", AS_OF), "");
}

static void test_p01_does_not_apply_to_licences(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(LICENSE_OK, "{\"officers\":[\"37020200001\"]}", "P01", AS_OF));
}

/* ---- P02 ---------------------------------------------------------------------------------- */

#define OFFICER3(from, to)                                                                         \
    "{\"type\":\"officer\",\"cert_no\":\"37020200003\",\"name\":\"孙\",\"agency\":\"" AG_MARKET "\","      \
    "\"cert_valid_from\":\"" from "\",\"cert_valid_to\":\"" to "\",\"status\":\"active\"}"
#define WITH_OFFICER3 "{\"officers\":[\"37020200001\",\"37020200003\"]}"

static void test_p02_certificate_valid_through_decision_day(void **state)
{
    (void)state; /* decided 2026-02-10 */
    ASSERT_CLEAN(run_case_with(OFFICER3("2026-02-10", "2026-02-10"), ORDINARY_OK, WITH_OFFICER3, "P02", AS_OF));
}

static void test_p02_certificate_expired_the_day_before_decision(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case_with(OFFICER3("2023-01-01", "2026-02-09"), ORDINARY_OK, WITH_OFFICER3, "P02", AS_OF), "");
    ASSERT_VIOLATION(run_case_with(OFFICER3("2026-02-11", "2028-01-01"), ORDINARY_OK, WITH_OFFICER3, "P02", AS_OF), "");
}

static void test_p02_uses_filed_on_when_undecided(void **state)
{
    (void)state; /* filed 2026-01-12 */
    const char *patch = "{\"officers\":[\"37020200001\",\"37020200003\"]," UNDECIDED "}";
    ASSERT_CLEAN(run_case_with(OFFICER3("2026-01-12", "2026-01-12"), ORDINARY_OK, patch, "P02", AS_OF));
    ASSERT_VIOLATION(run_case_with(OFFICER3("2026-01-13", "2028-01-01"), ORDINARY_OK, patch, "P02", AS_OF), "");
}

static void test_p02_unknown_or_suspended_officer(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"officers\":[\"37020200001\",\"99999\"]}", "P02", AS_OF), "");
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"officers\":[\"37020200001\",\"37020200009\"]}", "P02", AS_OF), "");
}

static void test_p02_without_act_date_is_undecidable(void **state)
{
    (void)state;
    ASSERT_UNDECIDABLE(run_case(ORDINARY_OK, "{\"filed_on\":null," UNDECIDED "}", "P02", AS_OF));
    /* …but an unknown officer is reported whatever the dates. */
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"filed_on\":null,\"decided_on\":null,\"officers\":[\"x\",\"y\"]}", "P02", AS_OF), "");
}

/* ---- P03 ---------------------------------------------------------------------------------- */

static void test_p03_person_fine_200_is_within_simple_procedure(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(SIMPLE_OK, NULL, "P03", AS_OF));
}

static void test_p03_person_fine_200_01_is_over(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(SIMPLE_OK, "{\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":200.01}}", "P03", AS_OF), "");
}

static void test_p03_org_cap_is_3000(void **state)
{
    (void)state;
    const char *org = "{\"party\":{\"kind\":\"org\",\"name\":\"某\",\"id_no\":\"91370202091141705L\"},"
                      "\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":%s}}";
    char patch[256];
    snprintf(patch, sizeof patch, org, "3000");
    ASSERT_CLEAN(run_case(SIMPLE_OK, patch, "P03", AS_OF));
    snprintf(patch, sizeof patch, org, "3000.01");
    ASSERT_VIOLATION(run_case(SIMPLE_OK, patch, "P03", AS_OF), "");
}

static void test_p03_party_without_kind_counts_as_org(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(SIMPLE_OK, "{\"party\":null,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":3000}}", "P03", AS_OF));
}

static void test_p03_measure_other_than_warning_or_fine(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(SIMPLE_OK, "{\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"warning\"]}}", "P03", AS_OF));
    ASSERT_VIOLATION(run_case(SIMPLE_OK, "{\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\",\"confiscate\"],\"fine\":50}}", "P03", AS_OF), "");
}

static void test_p03_ordinary_procedure_is_not_limited(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(SIMPLE_OK, "{\"procedure\":\"ordinary\",\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":201}}", "P03", AS_OF));
}

/* ---- P04 ---------------------------------------------------------------------------------- */

static void test_p04_notice_on_decision_day_is_in_time(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"notified_on\":\"2026-02-10\"}", "P04", AS_OF));
}

static void test_p04_notice_after_decision(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"notified_on\":\"2026-02-11\"}", "P04", AS_OF), "");
}

static void test_p04_missing_notice_is_a_violation(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"notified_on\":null}", "P04", AS_OF), "");
}

static void test_p04_only_for_penalty_decisions(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"notified_on\":null,\"decision\":{\"outcome\":\"no_penalty\"}}", "P04", AS_OF));
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"notified_on\":null," UNDECIDED "}", "P04", AS_OF));
}

/* ---- P05 ---------------------------------------------------------------------------------- */

#define PERSON "\"party\":{\"kind\":\"person\",\"name\":\"张\",\"id_no\":\"370202198001011232\"}"

static void test_p05_person_threshold_is_reached_at_10000(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{" PERSON ",\"hearing_right_notified\":false,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":9999.99}}", "P05", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{" PERSON ",\"hearing_right_notified\":false,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":10000}}", "P05", AS_OF), "");
}

static void test_p05_fine_and_confiscation_are_added(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{" PERSON ",\"hearing_right_notified\":null,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\",\"confiscate\"],\"fine\":9000.5,\"confiscated\":999.5}}", "P05", AS_OF), "");
}

static void test_p05_org_threshold_is_100000(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"hearing_right_notified\":false,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":99999.99}}", "P05", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"hearing_right_notified\":false,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":100000}}", "P05", AS_OF), "");
}

static void test_p05_heavy_measure_requires_hearing_whatever_the_amount(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"hearing_right_notified\":false,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"suspend_license\"]}}", "P05", AS_OF), "");
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"revoke_license\"]}}", "P05", AS_OF));
}

static void test_p05_not_for_simple_procedure(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"procedure\":\"simple\",\"hearing_right_notified\":false,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"close\"]}}", "P05", AS_OF));
}

static void test_p05_threshold_follows_sector_override(void **state)
{
    (void)state;
    RuleConfig cfg = rule_config_defaults();
    assert_int_equal(rule_config_set(&cfg, RP_HEARING_ORG_FEN, "market_regulation", "370200", 5000000), ZF_OK);
    char *c = case_json("T-1", ORDINARY_OK, "{\"hearing_right_notified\":false,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":50000}}");
    const char *extra[] = {c, NULL};
    ASSERT_VIOLATION(run_rule_with(&cfg, extra, "P05", AS_OF, "T-1"), "");
    ASSERT_CLEAN(run_rule_with(NULL, extra, "P05", AS_OF, "T-1"));
    free(c);
}

/* ---- P06 ---------------------------------------------------------------------------------- */

static void test_p06_hearing_on_7th_working_day_over_may_day(void **state)
{
    (void)state; /* notice 2026-04-28; 7th working day 2026-05-11 (调休 Sat 2026-05-09 counts) */
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"hearing_notice_on\":\"2026-04-28\",\"hearing_held_on\":\"2026-05-11\"}", "P06", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"hearing_notice_on\":\"2026-04-28\",\"hearing_held_on\":\"2026-05-09\"}", "P06", AS_OF), "");
}

static void test_p06_notice_counts_tiaoxiu_saturday_before_spring_festival(void **state)
{
    (void)state; /* notice Mon 2026-02-09: 10,11,12,13,14(调休),24,25 */
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"hearing_notice_on\":\"2026-02-09\",\"hearing_held_on\":\"2026-02-25\"}", "P06", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"hearing_notice_on\":\"2026-02-09\",\"hearing_held_on\":\"2026-02-24\"}", "P06", AS_OF), "");
}

static void test_p06_hearing_without_notice(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"hearing_held_on\":\"2026-02-05\"}", "P06", AS_OF), "");
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"hearing_notice_on\":\"2026-02-05\"}", "P06", AS_OF));
}

/* ---- P07 ---------------------------------------------------------------------------------- */

#define REVIEW(on, passed) "\"legal_review\":{\"reviewed_on\":\"" on "\",\"passed\":" passed ",\"reviewer\":\"37020200002\"}"

static void test_p07_review_on_decision_day_passes(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"major\":true," REVIEW("2026-02-10", "true") "}", "P07", AS_OF));
}

static void test_p07_review_after_decision(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"complex\":true," REVIEW("2026-02-11", "true") "}", "P07", AS_OF), "");
}

static void test_p07_missing_or_failed_review(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"major\":true}", "P07", AS_OF), "");
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"major\":true," REVIEW("2026-02-09", "false") "}", "P07", AS_OF), "");
}

static void test_p07_hearing_held_requires_review(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"hearing_notice_on\":\"2026-02-02\",\"hearing_held_on\":\"2026-02-09\"}", "P07", AS_OF), "");
    ASSERT_CLEAN(run_case(ORDINARY_OK, NULL, "P07", AS_OF));
}

/* ---- P08 ---------------------------------------------------------------------------------- */

static void test_p08_deadline_rolls_over_national_day(void **state)
{
    (void)state; /* filed 2025-07-03 + 90 = 2025-10-01 → 2025-10-09 */
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"filed_on\":\"2025-07-03\",\"decided_on\":\"2025-10-09\"}", "P08", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"filed_on\":\"2025-07-03\",\"decided_on\":\"2025-10-10\"}", "P08", AS_OF), "2025-10-09");
}

static void test_p08_undecided_is_late_only_after_deadline(void **state)
{
    (void)state;
    const char *patch = "{\"filed_on\":\"2025-07-03\"," UNDECIDED "}";
    ASSERT_WARNING(run_case(ORDINARY_OK, patch, "P08", "2025-10-09"), "2025-10-09");
    Outcome o = run_case(ORDINARY_OK, patch, "P08", "2025-10-10");
    ASSERT_VIOLATION(o, "2025-10-09");
    assert_string_equal(o.message, "立案后九十日内未作出处罚决定（已超期 1 日）");
}

static void test_p08_warning_window_is_ten_days(void **state)
{
    (void)state; /* filed 2026-02-24, due 2026-05-25 */
    const char *patch = "{\"filed_on\":\"2026-02-24\"," UNDECIDED "}";
    ASSERT_WARNING(run_case(ORDINARY_OK, patch, "P08", "2026-05-15"), "2026-05-25");
    ASSERT_CLEAN(run_case(ORDINARY_OK, patch, "P08", "2026-05-14"));
}

static void test_p08_extension_and_suspension_add_days(void **state)
{
    (void)state; /* 2026-01-12 + 90 + 30 + 10 = 2026-05-22 */
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"extension_days\":30,\"suspended_days\":10,\"decided_on\":\"2026-05-22\"}", "P08", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"extension_days\":30,\"suspended_days\":10,\"decided_on\":\"2026-05-25\"}", "P08", AS_OF), "2026-05-22");
}

static void test_p08_missing_filed_on_is_counted_not_reported(void **state)
{
    (void)state;
    ASSERT_UNDECIDABLE(run_case(ORDINARY_OK, "{\"filed_on\":null," UNDECIDED "}", "P08", AS_OF));
    ASSERT_UNDECIDABLE(run_case(ORDINARY_OK, "{\"procedure\":null}", "P08", AS_OF));
}

static void test_p08_simple_procedure_has_no_90_day_limit(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"procedure\":\"simple\",\"filed_on\":\"2025-01-02\"}", "P08", AS_OF));
}

/* ---- P09 ---------------------------------------------------------------------------------- */

static void test_p09_seventh_working_day_is_tiaoxiu_saturday(void **state)
{
    (void)state; /* decided 2026-02-12 → 2026-02-28 (调休 Saturday after Spring Festival) */
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"decided_on\":\"2026-02-12\",\"served_on\":\"2026-02-28\"}", "P09", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"decided_on\":\"2026-02-12\",\"served_on\":\"2026-03-02\"}", "P09", AS_OF), "2026-02-28");
}

static void test_p09_unserved_is_late_after_deadline(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"decided_on\":\"2026-02-12\",\"served_on\":null}", "P09", "2026-02-28"));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"decided_on\":\"2026-02-12\",\"served_on\":null}", "P09", "2026-03-01"), "2026-02-28");
}

static void test_p09_simple_procedure_serves_on_the_spot(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(SIMPLE_OK, NULL, "P09", AS_OF));
    ASSERT_VIOLATION(run_case(SIMPLE_OK, "{\"served_on\":\"2026-04-11\"}", "P09", AS_OF), "2026-04-10");
    ASSERT_CLEAN(run_case(SIMPLE_OK, "{\"served_on\":null}", "P09", "2026-04-10"));
    ASSERT_VIOLATION(run_case(SIMPLE_OK, "{\"served_on\":null}", "P09", "2026-04-11"), "2026-04-10");
}

/* ---- P10 ---------------------------------------------------------------------------------- */

static void test_p10_market_regulation_has_20_working_days(void **state)
{
    (void)state; /* decided 2026-02-10 → 2026-03-16 */
    ASSERT_CLEAN(run_case(ORDINARY_OK, NULL, "P10", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"published_on\":\"2026-03-17\"}", "P10", AS_OF), "2026-03-16");
}

static void test_p10_other_sectors_have_7_working_days(void **state)
{
    (void)state; /* transport, decided 2026-02-10 → 2026-02-26 over Spring Festival */
    const char *fmt = "{\"agency\":\"" AG_TRANSPORT "\",\"power\":\"JT-CF-001\",\"published_on\":\"%s\"}";
    char patch[256];
    snprintf(patch, sizeof patch, fmt, "2026-02-26");
    ASSERT_CLEAN(run_case(ORDINARY_OK, patch, "P10", AS_OF));
    snprintf(patch, sizeof patch, fmt, "2026-02-27");
    ASSERT_VIOLATION(run_case(ORDINARY_OK, patch, "P10", AS_OF), "2026-02-26");
}

static void test_p10_unpublished_is_late_after_deadline(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"published_on\":null}", "P10", "2026-03-16"));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"published_on\":null}", "P10", "2026-03-17"), "2026-03-16");
}

static void test_p10_simple_procedure_is_not_checked(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(SIMPLE_OK, NULL, "P10", AS_OF));
}

/* ---- P11 ---------------------------------------------------------------------------------- */

#define DECISION(fine, extra) "{\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":" fine extra "}}"

static void test_p11_fine_at_tier_maximum_passes(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, DECISION("5000", ",\"tier\":\"light\""), "P11", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, DECISION("5000.01", ",\"tier\":\"light\""), "P11", AS_OF), "");
}

static void test_p11_below_tier_minimum_unless_reduced(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, DECISION("4999.99", ",\"tier\":\"ordinary\""), "P11", AS_OF), "");
    ASSERT_CLEAN(run_case(ORDINARY_OK, DECISION("4999.99", ",\"tier\":\"ordinary\",\"reduced\":true"), "P11", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, DECISION("30000.01", ",\"tier\":\"ordinary\",\"reduced\":true"), "P11", AS_OF), "");
}

static void test_p11_unknown_tier(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, DECISION("100", ",\"tier\":\"extreme\""), "P11", AS_OF), "");
}

static void test_p11_no_tier_uses_all_tiers_together(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, DECISION("100000", ""), "P11", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, DECISION("100000.01", ""), "P11", AS_OF), "");
}

static void test_p11_power_without_benchmark_is_not_checked(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(SIMPLE_OK, "{\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":1,\"tier\":\"x\"}}", "P11", AS_OF));
}

/* ---- P12 ---------------------------------------------------------------------------------- */

static void test_p12_two_years_without_roll_forward(void **state)
{
    (void)state; /* 2023-03-01 + 2 years = 2025-03-01 (a Saturday: no roll-forward) */
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"violation_ended_on\":\"2023-03-01\",\"discovered_on\":\"2025-03-01\"}", "P12", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"violation_ended_on\":\"2023-03-01\",\"discovered_on\":\"2025-03-02\"}", "P12", AS_OF), "");
}

static void test_p12_leap_day_clamps_to_month_end(void **state)
{
    (void)state; /* 2024-02-29 + 2 years = 2026-02-28 */
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"violation_ended_on\":\"2024-02-29\",\"discovered_on\":\"2026-02-28\"}", "P12", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"violation_ended_on\":\"2024-02-29\",\"discovered_on\":\"2026-03-01\"}", "P12", AS_OF), "");
}

static void test_p12_health_or_finance_has_five_years(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"health_or_finance\":true,\"violation_ended_on\":\"2021-03-01\",\"discovered_on\":\"2026-03-01\"}", "P12", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"health_or_finance\":true,\"violation_ended_on\":\"2021-03-01\",\"discovered_on\":\"2026-03-02\"}", "P12", AS_OF), "");
}

static void test_p12_missing_dates_are_undecidable(void **state)
{
    (void)state;
    ASSERT_UNDECIDABLE(run_case(ORDINARY_OK, "{\"violation_ended_on\":null}", "P12", AS_OF));
}

/* ---- P13 ---------------------------------------------------------------------------------- */

static void test_p13_late_fee_equal_to_fine_is_allowed(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"late_fee\":20000}", "P13", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"late_fee\":20000.01}", "P13", AS_OF), "");
}

/* ---- P14 ---------------------------------------------------------------------------------- */

static void test_p14_fifteen_working_days_over_spring_festival(void **state)
{
    (void)state; /* discovered 2026-02-10 → 15th working day 2026-03-09 */
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"discovered_on\":\"2026-02-10\",\"filed_on\":\"2026-03-09\"}", "P14", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"discovered_on\":\"2026-02-10\",\"filed_on\":\"2026-03-10\"}", "P14", AS_OF), "2026-03-09");
}

static void test_p14_extension_adds_fifteen(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"filing_extended\":true,\"discovered_on\":\"2026-02-10\",\"filed_on\":\"2026-03-30\"}", "P14", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"filing_extended\":true,\"discovered_on\":\"2026-02-10\",\"filed_on\":\"2026-03-31\"}", "P14", AS_OF), "2026-03-30");
}

static void test_p14_only_sectors_with_a_filing_limit(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"agency\":\"" AG_TRANSPORT "\",\"discovered_on\":\"2025-01-01\"}", "P14", AS_OF));
}

static void test_p14_unfiled_is_late_after_deadline(void **state)
{
    (void)state;
    const char *patch = "{\"discovered_on\":\"2026-02-10\",\"filed_on\":null," UNDECIDED "}";
    ASSERT_CLEAN(run_case(ORDINARY_OK, patch, "P14", "2026-03-09"));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, patch, "P14", "2026-03-10"), "2026-03-09");
}

static void test_p14_simple_procedure_has_no_filing(void **state)
{
    (void)state; /* 当场处罚: no 立案, so no filing deadline even in market regulation */
    ASSERT_CLEAN(run_case(SIMPLE_OK, "{\"agency\":\"" AG_MARKET "\",\"discovered_on\":\"2025-01-02\",\"filed_on\":null}", "P14", AS_OF));
}

static void test_p14_decided_without_filed_on_is_undecidable(void **state)
{
    (void)state; /* a missing date, not a missing act */
    ASSERT_UNDECIDABLE(run_case(ORDINARY_OK, "{\"discovered_on\":\"2026-01-05\",\"filed_on\":null}", "P14", AS_OF));
}

/* ---- P15 ---------------------------------------------------------------------------------- */

static void test_p15_discussion_on_decision_day(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"major\":true,\"collective_discussion_on\":\"2026-02-10\"}", "P15", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"major\":true,\"collective_discussion_on\":\"2026-02-11\"}", "P15", AS_OF), "");
}

static void test_p15_missing_discussion_for_complex_case(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"complex\":true}", "P15", AS_OF), "");
    ASSERT_CLEAN(run_case(ORDINARY_OK, NULL, "P15", AS_OF));
}

/* ---- P16, P17 ----------------------------------------------------------------------------- */

static void test_p16_power_must_exist_and_be_held(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, NULL, "P16", AS_OF));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"power\":\"NO-SUCH\"}", "P16", AS_OF), "");
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"power\":\"JT-CF-001\"}", "P16", AS_OF), "");
    ASSERT_VIOLATION(run_case(LICENSE_OK, "{\"power\":null}", "P16", AS_OF), "");
}

static void test_p17_agency_must_exist_and_be_qualified(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(INSPECTION_OK, NULL, "P17", AS_OF));
    ASSERT_VIOLATION(run_case(INSPECTION_OK, "{\"agency\":\"11370200000000000X\"}", "P17", AS_OF), "");
    const char *unqualified = "{\"type\":\"agency\",\"code\":\"" AG_MARKET "\",\"name\":\"x\",\"region\":\"370202\","
                              "\"level\":\"county\",\"kind\":\"department\",\"qualified\":false}";
    ASSERT_VIOLATION(run_case_with(unqualified, SEAL_OK, NULL, "P17", AS_OF), "");
}

/* ---- P18 ---------------------------------------------------------------------------------- */

static void test_p18_nine_months_roll_over_may_day(void **state)
{
    (void)state; /* served 2025-08-01 + 9 months = 2026-05-01 → 2026-05-06 */
    const char *patch = "{\"served_on\":\"2025-08-01\",\"paid_on\":null}";
    ASSERT_CLEAN(run_case(ORDINARY_OK, patch, "P18", "2026-05-06"));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, patch, "P18", "2026-05-07"), "2026-05-06");
}

static void test_p18_month_end_clamps_onto_tiaoxiu_saturday(void **state)
{
    (void)state; /* 2025-05-31 + 9 months = 2026-02-28, a 调休 working Saturday: no roll */
    const char *patch = "{\"served_on\":\"2025-05-31\",\"paid_on\":null}";
    ASSERT_CLEAN(run_case(ORDINARY_OK, patch, "P18", "2026-02-28"));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, patch, "P18", "2026-03-01"), "2026-02-28");
}

static void test_p18_paid_or_applied_or_no_fine(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"served_on\":\"2025-01-01\"}", "P18", AS_OF));
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"served_on\":\"2025-01-01\",\"paid_on\":null,\"enforcement_applied_on\":\"2025-10-01\"}", "P18", AS_OF));
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"served_on\":\"2025-01-01\",\"paid_on\":null,\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"warning\"],\"fine\":0}}", "P18", AS_OF));
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"served_on\":null,\"paid_on\":null}", "P18", AS_OF));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_p01_two_distinct_officers_pass),
        cmocka_unit_test(test_p01_same_officer_twice_is_one),
        cmocka_unit_test(test_p01_no_officers_listed_is_a_violation),
        cmocka_unit_test(test_p01_does_not_apply_to_licences),
        cmocka_unit_test(test_p02_certificate_valid_through_decision_day),
        cmocka_unit_test(test_p02_certificate_expired_the_day_before_decision),
        cmocka_unit_test(test_p02_uses_filed_on_when_undecided),
        cmocka_unit_test(test_p02_unknown_or_suspended_officer),
        cmocka_unit_test(test_p02_without_act_date_is_undecidable),
        cmocka_unit_test(test_p03_person_fine_200_is_within_simple_procedure),
        cmocka_unit_test(test_p03_person_fine_200_01_is_over),
        cmocka_unit_test(test_p03_org_cap_is_3000),
        cmocka_unit_test(test_p03_party_without_kind_counts_as_org),
        cmocka_unit_test(test_p03_measure_other_than_warning_or_fine),
        cmocka_unit_test(test_p03_ordinary_procedure_is_not_limited),
        cmocka_unit_test(test_p04_notice_on_decision_day_is_in_time),
        cmocka_unit_test(test_p04_notice_after_decision),
        cmocka_unit_test(test_p04_missing_notice_is_a_violation),
        cmocka_unit_test(test_p04_only_for_penalty_decisions),
        cmocka_unit_test(test_p05_person_threshold_is_reached_at_10000),
        cmocka_unit_test(test_p05_fine_and_confiscation_are_added),
        cmocka_unit_test(test_p05_org_threshold_is_100000),
        cmocka_unit_test(test_p05_heavy_measure_requires_hearing_whatever_the_amount),
        cmocka_unit_test(test_p05_not_for_simple_procedure),
        cmocka_unit_test(test_p05_threshold_follows_sector_override),
        cmocka_unit_test(test_p06_hearing_on_7th_working_day_over_may_day),
        cmocka_unit_test(test_p06_notice_counts_tiaoxiu_saturday_before_spring_festival),
        cmocka_unit_test(test_p06_hearing_without_notice),
        cmocka_unit_test(test_p07_review_on_decision_day_passes),
        cmocka_unit_test(test_p07_review_after_decision),
        cmocka_unit_test(test_p07_missing_or_failed_review),
        cmocka_unit_test(test_p07_hearing_held_requires_review),
        cmocka_unit_test(test_p08_deadline_rolls_over_national_day),
        cmocka_unit_test(test_p08_undecided_is_late_only_after_deadline),
        cmocka_unit_test(test_p08_warning_window_is_ten_days),
        cmocka_unit_test(test_p08_extension_and_suspension_add_days),
        cmocka_unit_test(test_p08_missing_filed_on_is_counted_not_reported),
        cmocka_unit_test(test_p08_simple_procedure_has_no_90_day_limit),
        cmocka_unit_test(test_p09_seventh_working_day_is_tiaoxiu_saturday),
        cmocka_unit_test(test_p09_unserved_is_late_after_deadline),
        cmocka_unit_test(test_p09_simple_procedure_serves_on_the_spot),
        cmocka_unit_test(test_p10_market_regulation_has_20_working_days),
        cmocka_unit_test(test_p10_other_sectors_have_7_working_days),
        cmocka_unit_test(test_p10_unpublished_is_late_after_deadline),
        cmocka_unit_test(test_p10_simple_procedure_is_not_checked),
        cmocka_unit_test(test_p11_fine_at_tier_maximum_passes),
        cmocka_unit_test(test_p11_below_tier_minimum_unless_reduced),
        cmocka_unit_test(test_p11_unknown_tier),
        cmocka_unit_test(test_p11_no_tier_uses_all_tiers_together),
        cmocka_unit_test(test_p11_power_without_benchmark_is_not_checked),
        cmocka_unit_test(test_p12_two_years_without_roll_forward),
        cmocka_unit_test(test_p12_leap_day_clamps_to_month_end),
        cmocka_unit_test(test_p12_health_or_finance_has_five_years),
        cmocka_unit_test(test_p12_missing_dates_are_undecidable),
        cmocka_unit_test(test_p13_late_fee_equal_to_fine_is_allowed),
        cmocka_unit_test(test_p14_fifteen_working_days_over_spring_festival),
        cmocka_unit_test(test_p14_extension_adds_fifteen),
        cmocka_unit_test(test_p14_only_sectors_with_a_filing_limit),
        cmocka_unit_test(test_p14_unfiled_is_late_after_deadline),
        cmocka_unit_test(test_p14_simple_procedure_has_no_filing),
        cmocka_unit_test(test_p14_decided_without_filed_on_is_undecidable),
        cmocka_unit_test(test_p15_discussion_on_decision_day),
        cmocka_unit_test(test_p15_missing_discussion_for_complex_case),
        cmocka_unit_test(test_p16_power_must_exist_and_be_held),
        cmocka_unit_test(test_p17_agency_must_exist_and_be_qualified),
        cmocka_unit_test(test_p18_nine_months_roll_over_may_day),
        cmocka_unit_test(test_p18_month_end_clamps_onto_tiaoxiu_saturday),
        cmocka_unit_test(test_p18_paid_or_applied_or_no_fine),
    };
    return cmocka_run_group_tests(tests, load_calendar, free_calendar);
}
