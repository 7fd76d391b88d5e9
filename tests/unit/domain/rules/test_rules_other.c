/* Boundary tests for coercion (C01, C03), licensing (L01, L02), inspection (I02) and element
 * (E01–E03) rules, including holidays, 调休 days and the edges of each window. */
#include "rules_test_util.h"

#define AS_OF "2026-05-20"

/* ---- C01 ---------------------------------------------------------------------------------- */

static void test_c01_release_on_30th_day_is_in_time(void **state)
{
    (void)state; /* started 2026-03-31 → 2026-04-30 */
    ASSERT_CLEAN(run_case(SEAL_OK, NULL, "C01", AS_OF));
    ASSERT_VIOLATION(run_case(SEAL_OK, "{\"released_on\":\"2026-05-01\"}", "C01", AS_OF), "2026-04-30");
}

static void test_c01_deadline_rolls_over_spring_festival(void **state)
{
    (void)state; /* 2026-01-20 + 30 = 2026-02-19 (春节) → 2026-02-24 */
    ASSERT_CLEAN(run_case(SEAL_OK, "{\"started_on\":\"2026-01-20\",\"released_on\":\"2026-02-24\"}", "C01", AS_OF));
    ASSERT_VIOLATION(run_case(SEAL_OK, "{\"measure\":\"seize\",\"started_on\":\"2026-01-20\",\"released_on\":\"2026-02-25\"}", "C01", AS_OF), "2026-02-24");
}

static void test_c01_deadline_rolls_over_national_day(void **state)
{
    (void)state; /* 2025-09-01 + 30 = 2025-10-01 → 2025-10-09 */
    ASSERT_CLEAN(run_case(SEAL_OK, "{\"started_on\":\"2025-09-01\",\"released_on\":\"2025-10-09\"}", "C01", AS_OF));
    ASSERT_VIOLATION(run_case(SEAL_OK, "{\"started_on\":\"2025-09-01\",\"released_on\":\"2025-10-10\"}", "C01", AS_OF), "2025-10-09");
}

static void test_c01_extension_up_to_30_days(void **state)
{
    (void)state; /* 2025-09-01 + 60 = 2025-10-31 */
    ASSERT_CLEAN(run_case(SEAL_OK, "{\"started_on\":\"2025-09-01\",\"extension_days\":30,\"released_on\":\"2025-10-31\"}", "C01", AS_OF));
    ASSERT_VIOLATION(run_case(SEAL_OK, "{\"started_on\":\"2025-09-01\",\"extension_days\":30,\"released_on\":\"2025-11-03\"}", "C01", AS_OF), "2025-10-31");
    ASSERT_VIOLATION(run_case(SEAL_OK, "{\"started_on\":\"2025-09-01\",\"extension_days\":31,\"released_on\":\"2025-10-02\"}", "C01", AS_OF), "2025-11-03");
}

static void test_c01_unreleased_is_late_after_deadline(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(SEAL_OK, "{\"released_on\":null}", "C01", "2026-04-30"));
    ASSERT_VIOLATION(run_case(SEAL_OK, "{\"released_on\":null}", "C01", "2026-05-01"), "2026-04-30");
}

static void test_c01_other_measures_and_missing_start(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(SEAL_OK, "{\"measure\":\"freeze\",\"released_on\":null}", "C01", AS_OF));
    ASSERT_UNDECIDABLE(run_case(SEAL_OK, "{\"started_on\":null}", "C01", AS_OF));
}

/* ---- C03 ---------------------------------------------------------------------------------- */

static Outcome enforce_at(const char *when, bool urgent)
{
    char patch[128];
    snprintf(patch, sizeof patch, "{\"executed_at\":\"%s\",\"urgent\":%s}", when, urgent ? "true" : "false");
    return run_case(ENFORCE_OK, patch, "C03", AS_OF);
}

static void test_c03_night_starts_at_2200(void **state)
{
    (void)state;
    ASSERT_CLEAN(enforce_at("2026-04-14T21:59", false));
    ASSERT_VIOLATION(enforce_at("2026-04-14T22:00", false), "");
}

static void test_c03_night_ends_at_0600(void **state)
{
    (void)state;
    ASSERT_VIOLATION(enforce_at("2026-04-14T05:59", false), "");
    ASSERT_CLEAN(enforce_at("2026-04-14T06:00", false));
}

static void test_c03_weekend_and_holidays_but_not_tiaoxiu_workday(void **state)
{
    (void)state;
    ASSERT_VIOLATION(enforce_at("2026-04-18T10:00", false), "");  /* Saturday */
    ASSERT_CLEAN(enforce_at("2026-02-14T10:00", false));           /* 调休 working Saturday */
    ASSERT_VIOLATION(enforce_at("2026-02-17T10:00", false), "");  /* 春节, a Tuesday */
    ASSERT_VIOLATION(enforce_at("2025-10-08T10:00", false), "");  /* 国庆, a Wednesday */
}

static void test_c03_urgent_enforcement_is_allowed(void **state)
{
    (void)state;
    ASSERT_CLEAN(enforce_at("2026-02-17T23:00", true));
}

/* ---- L01 ---------------------------------------------------------------------------------- */

static void test_l01_decision_on_20th_working_day_over_may_day(void **state)
{
    (void)state; /* accepted 2026-04-17 → 2026-05-19 */
    ASSERT_CLEAN(run_case(LICENSE_OK, NULL, "L01", AS_OF));
    ASSERT_VIOLATION(run_case(LICENSE_OK, "{\"decided_on\":\"2026-05-20\"}", "L01", AS_OF), "2026-05-19");
}

static void test_l01_undecided_is_late_after_deadline(void **state)
{
    (void)state;
    const char *patch = "{\"decided_on\":null,\"decision\":null}";
    ASSERT_CLEAN(run_case(LICENSE_OK, patch, "L01", "2026-05-19"));
    ASSERT_VIOLATION(run_case(LICENSE_OK, patch, "L01", "2026-05-20"), "2026-05-19");
}

static void test_l01_extension_up_to_10_working_days(void **state)
{
    (void)state; /* 30th working day after 2026-04-17 = 2026-06-02 */
    ASSERT_CLEAN(run_case(LICENSE_OK, "{\"extension_days\":10,\"decided_on\":\"2026-06-02\"}", "L01", AS_OF));
    ASSERT_VIOLATION(run_case(LICENSE_OK, "{\"extension_days\":10,\"decided_on\":\"2026-06-03\"}", "L01", AS_OF), "2026-06-02");
    ASSERT_VIOLATION(run_case(LICENSE_OK, "{\"extension_days\":11,\"decided_on\":\"2026-05-18\"}", "L01", AS_OF), "2026-06-03");
}

static void test_l01_missing_acceptance_is_undecidable(void **state)
{
    (void)state;
    ASSERT_UNDECIDABLE(run_case(LICENSE_OK, "{\"accepted_on\":null}", "L01", AS_OF));
}

/* ---- L02 ---------------------------------------------------------------------------------- */

static void test_l02_correction_notice_on_5th_working_day_over_spring_festival(void **state)
{
    (void)state; /* received 2026-02-10: 11, 12, 13, 14 (调休), 24 */
    ASSERT_CLEAN(run_case(LICENSE_OK, "{\"received_on\":\"2026-02-10\",\"correction_notice_on\":\"2026-02-24\"}", "L02", AS_OF));
    ASSERT_VIOLATION(run_case(LICENSE_OK, "{\"received_on\":\"2026-02-10\",\"correction_notice_on\":\"2026-02-25\"}", "L02", AS_OF), "2026-02-24");
}

static void test_l02_no_correction_notice_needs_no_check(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(LICENSE_OK, "{\"received_on\":\"2025-01-01\"}", "L02", AS_OF));
    ASSERT_UNDECIDABLE(run_case(LICENSE_OK, "{\"received_on\":null,\"correction_notice_on\":\"2026-04-17\"}", "L02", AS_OF));
}

/* ---- I02 ---------------------------------------------------------------------------------- */

typedef struct {
    const char *no, *agency, *on, *party;
} Inspection;

/* Runs I02 over the given inspections; returns the findings for `subject`. */
static Outcome run_inspections(const Inspection *list, size_t n, const char *subject)
{
    char *recs[8];
    const char *extra[9];
    for (size_t i = 0; i < n; i++) {
        char patch[256];
        if (list[i].on)
            snprintf(patch, sizeof patch,
                     "{\"agency\":\"%s\",\"inspected_on\":\"%s\",\"party\":{\"kind\":\"org\",\"name\":\"x\",\"id_no\":\"%s\"}}",
                     list[i].agency, list[i].on, list[i].party);
        else
            snprintf(patch, sizeof patch, "{\"agency\":\"%s\",\"inspected_on\":null}", list[i].agency);
        recs[i] = case_json(list[i].no, INSPECTION_OK, patch);
        extra[i] = recs[i];
    }
    extra[n] = NULL;
    Outcome o = run_rule_with(NULL, extra, "I02", AS_OF, subject);
    for (size_t i = 0; i < n; i++) free(recs[i]);
    return o;
}

#define PARTY1 "91370202091141705L"
#define PARTY2 "91370200MA3C000000"

static void test_i02_three_agencies_within_30_days_including_day_29_before(void **state)
{
    (void)state;
    const Inspection l[] = {{"J-1", AG_MARKET, "2026-04-11", PARTY1},
                            {"J-2", AG_TRANSPORT, "2026-04-25", PARTY1},
                            {"J-3", AG_THIRD, "2026-05-10", PARTY1}};
    ASSERT_WARNING(run_inspections(l, 3, "J-3"), "");
    ASSERT_CLEAN(run_inspections(l, 3, "J-2"));
    ASSERT_CLEAN(run_inspections(l, 3, "J-1"));
}

static void test_i02_day_30_before_is_outside_the_window(void **state)
{
    (void)state;
    const Inspection l[] = {{"J-1", AG_MARKET, "2026-04-10", PARTY1},
                            {"J-2", AG_TRANSPORT, "2026-04-25", PARTY1},
                            {"J-3", AG_THIRD, "2026-05-10", PARTY1}};
    ASSERT_CLEAN(run_inspections(l, 3, "J-3"));
}

static void test_i02_same_day_inspections_all_count(void **state)
{
    (void)state;
    const Inspection l[] = {{"J-1", AG_MARKET, "2026-05-10", PARTY1},
                            {"J-2", AG_TRANSPORT, "2026-05-10", PARTY1},
                            {"J-3", AG_THIRD, "2026-05-10", PARTY1}};
    ASSERT_WARNING(run_inspections(l, 3, "J-1"), "");
    ASSERT_WARNING(run_inspections(l, 3, "J-2"), "");
    ASSERT_WARNING(run_inspections(l, 3, "J-3"), "");
}

static void test_i02_needs_distinct_agencies_and_same_party(void **state)
{
    (void)state;
    const Inspection same_agency[] = {{"J-1", AG_MARKET, "2026-05-01", PARTY1},
                                      {"J-2", AG_MARKET, "2026-05-05", PARTY1},
                                      {"J-3", AG_THIRD, "2026-05-10", PARTY1}};
    ASSERT_CLEAN(run_inspections(same_agency, 3, "J-3"));
    const Inspection other_party[] = {{"J-1", AG_MARKET, "2026-05-01", PARTY1},
                                      {"J-2", AG_TRANSPORT, "2026-05-05", PARTY2},
                                      {"J-3", AG_THIRD, "2026-05-10", PARTY1}};
    ASSERT_CLEAN(run_inspections(other_party, 3, "J-3"));
}

static void test_i02_missing_inspection_date_is_undecidable(void **state)
{
    (void)state;
    const Inspection l[] = {{"J-1", AG_MARKET, NULL, PARTY1}};
    ASSERT_UNDECIDABLE(run_inspections(l, 1, "J-1"));
}

/* ---- E01 ---------------------------------------------------------------------------------- */

static Outcome officer_expiring(const char *to, const char *status)
{
    char rec[400];
    snprintf(rec, sizeof rec,
             "{\"type\":\"officer\",\"cert_no\":\"E-1\",\"name\":\"x\",\"agency\":\"" AG_MARKET "\","
             "\"cert_valid_from\":\"2020-01-01\",\"cert_valid_to\":\"%s\",\"status\":\"%s\"}",
             to, status);
    const char *extra[] = {rec, NULL};
    return run_rule_with(NULL, extra, "E01", AS_OF, "E-1");
}

static void test_e01_expiry_exactly_30_days_ahead_warns(void **state)
{
    (void)state;
    ASSERT_WARNING(officer_expiring("2026-06-19", "active"), "2026-06-19");
    ASSERT_CLEAN(officer_expiring("2026-06-20", "active"));
}

static void test_e01_expiry_today_warns_yesterday_does_not(void **state)
{
    (void)state;
    ASSERT_WARNING(officer_expiring("2026-05-20", "active"), "2026-05-20");
    ASSERT_CLEAN(officer_expiring("2026-05-19", "active"));
}

static void test_e01_only_active_officers(void **state)
{
    (void)state;
    ASSERT_CLEAN(officer_expiring("2026-06-01", "revoked"));
}

/* ---- E02 ---------------------------------------------------------------------------------- */

static Outcome agency_decided_for(const char *subject, const char *agency, const char *decided_on,
                                  const char *outcome)
{
    char patch[256];
    snprintf(patch, sizeof patch,
             "{\"agency\":\"%s\",\"decided_on\":\"%s\",\"decision\":{\"outcome\":\"%s\",\"measures\":[\"warning\"]}}",
             agency, decided_on, outcome);
    char *c = case_json("T-1", SIMPLE_OK, patch);
    const char *extra[] = {c, NULL};
    Outcome o = run_rule_with(NULL, extra, "E02", AS_OF, subject);
    free(c);
    return o;
}

static Outcome agency_decided(const char *agency, const char *decided_on, const char *outcome)
{
    return agency_decided_for(agency, agency, decided_on, outcome);
}

static void test_e02_decision_364_days_ago_is_inside_the_year(void **state)
{
    (void)state; /* window [2025-05-21, 2026-05-20] */
    ASSERT_CLEAN(agency_decided(AG_TRANSPORT, "2025-05-21", "penalty"));
    ASSERT_CLEAN(agency_decided(AG_TRANSPORT, "2026-05-20", "penalty"));
    ASSERT_WARNING(agency_decided(AG_TRANSPORT, "2025-05-20", "penalty"), "");
}

static void test_e02_only_penalty_outcomes_count(void **state)
{
    (void)state;
    ASSERT_WARNING(agency_decided(AG_TRANSPORT, "2026-05-01", "no_penalty"), "");
    ASSERT_WARNING(agency_decided(AG_TRANSPORT, "2026-05-21", "penalty"), ""); /* after as-of */
}

static void test_e02_agency_without_penalty_power_is_not_checked(void **state)
{
    (void)state;
    ASSERT_CLEAN(agency_decided(AG_THIRD, "2020-01-01", "penalty"));
    /* In the same data the market agency, holding SC-CF-001 and deciding nothing, is flagged. */
    ASSERT_WARNING(agency_decided_for(AG_MARKET, AG_THIRD, "2026-05-01", "penalty"), "");
}

/* ---- E03 ---------------------------------------------------------------------------------- */

static void test_e03_power_without_basis(void **state)
{
    (void)state;
    const char *empty[] = {"{\"type\":\"power\",\"code\":\"X-1\",\"name\":\"x\",\"kind\":\"other\",\"agencies\":[\"" AG_MARKET "\"],\"basis\":[]}", NULL};
    ASSERT_VIOLATION(run_rule_with(NULL, empty, "E03", AS_OF, "X-1"), "");
    const char *missing[] = {"{\"type\":\"power\",\"code\":\"X-1\",\"name\":\"x\",\"kind\":\"other\"}", NULL};
    ASSERT_VIOLATION(run_rule_with(NULL, missing, "E03", AS_OF, "X-1"), "");
    ASSERT_CLEAN(run_rule_with(NULL, NULL, "E03", AS_OF, "SC-CF-001"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_c01_release_on_30th_day_is_in_time),
        cmocka_unit_test(test_c01_deadline_rolls_over_spring_festival),
        cmocka_unit_test(test_c01_deadline_rolls_over_national_day),
        cmocka_unit_test(test_c01_extension_up_to_30_days),
        cmocka_unit_test(test_c01_unreleased_is_late_after_deadline),
        cmocka_unit_test(test_c01_other_measures_and_missing_start),
        cmocka_unit_test(test_c03_night_starts_at_2200),
        cmocka_unit_test(test_c03_night_ends_at_0600),
        cmocka_unit_test(test_c03_weekend_and_holidays_but_not_tiaoxiu_workday),
        cmocka_unit_test(test_c03_urgent_enforcement_is_allowed),
        cmocka_unit_test(test_l01_decision_on_20th_working_day_over_may_day),
        cmocka_unit_test(test_l01_undecided_is_late_after_deadline),
        cmocka_unit_test(test_l01_extension_up_to_10_working_days),
        cmocka_unit_test(test_l01_missing_acceptance_is_undecidable),
        cmocka_unit_test(test_l02_correction_notice_on_5th_working_day_over_spring_festival),
        cmocka_unit_test(test_l02_no_correction_notice_needs_no_check),
        cmocka_unit_test(test_i02_three_agencies_within_30_days_including_day_29_before),
        cmocka_unit_test(test_i02_day_30_before_is_outside_the_window),
        cmocka_unit_test(test_i02_same_day_inspections_all_count),
        cmocka_unit_test(test_i02_needs_distinct_agencies_and_same_party),
        cmocka_unit_test(test_i02_missing_inspection_date_is_undecidable),
        cmocka_unit_test(test_e01_expiry_exactly_30_days_ahead_warns),
        cmocka_unit_test(test_e01_expiry_today_warns_yesterday_does_not),
        cmocka_unit_test(test_e01_only_active_officers),
        cmocka_unit_test(test_e02_decision_364_days_ago_is_inside_the_year),
        cmocka_unit_test(test_e02_only_penalty_outcomes_count),
        cmocka_unit_test(test_e02_agency_without_penalty_power_is_not_checked),
        cmocka_unit_test(test_e03_power_without_basis),
    };
    return cmocka_run_group_tests(tests, load_calendar, free_calendar);
}
