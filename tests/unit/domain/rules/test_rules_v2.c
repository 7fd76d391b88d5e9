/* Boundary tests for catalogue v2 (rules.md §7): P19–P23, C02, C04, L03, A01, A02. Every
 * expected date is counted by hand from data/holidays (2025: National Day 10-01..08 off,
 * 09-28 and 10-11 调休 workdays; 2026: Spring Festival 02-15..23 off, 02-14 and 02-28 调休
 * Saturdays; May Day 05-01..05 off, 05-09 a 调休 Saturday); every amount from the law's 3 %. */
#include "rules_test_util.h"

#define AS_OF "2026-05-20"

/* ---- P19: 加处罚款 at most 3 % of the fine a day after add_nd(served_on, 15) ---------------- */

/* 2026-02-12 + 15 = 2026-02-27 (Fri, a working day); paid 2026-03-03: 4 days; 20,000 × 3 % × 4 = 2,400.00. */
static void test_p19_exactly_on_the_line_and_one_fen_over(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"paid_on\":\"2026-03-03\",\"late_fee\":2400}", "P19", AS_OF));
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"paid_on\":\"2026-03-03\",\"late_fee\":2400.00}", "P19", AS_OF));
    Outcome o = run_case(ORDINARY_OK, "{\"paid_on\":\"2026-03-03\",\"late_fee\":2400.01}", "P19", AS_OF);
    ASSERT_VIOLATION(o, "");
    assert_non_null(strstr(o.message, "应缴期限 2026-02-27，逾期 4 日"));
    assert_non_null(strstr(o.message, "最多加处 2,400.00 元，实际加处 2,400.01 元"));
}

/* Served 2025-09-16: + 15 = 2025-10-01, National Day, rolled to 2025-10-09. Paid that day: no fee
 * allowed; paid 2025-10-10: one day, 600.00. */
static void test_p19_payment_deadline_rolls_over_national_day(void **state)
{
    (void)state;
    const char *served = "\"decided_on\":\"2025-09-15\",\"served_on\":\"2025-09-16\"";
    char patch[256];
    snprintf(patch, sizeof patch, "{%s,\"paid_on\":\"2025-10-09\",\"late_fee\":0.01}", served);
    Outcome o = run_case(ORDINARY_OK, patch, "P19", AS_OF);
    ASSERT_VIOLATION(o, "");
    assert_non_null(strstr(o.message, "2025-10-09"));
    snprintf(patch, sizeof patch, "{%s,\"paid_on\":\"2025-10-10\",\"late_fee\":600}", served);
    ASSERT_CLEAN(run_case(ORDINARY_OK, patch, "P19", AS_OF));
    snprintf(patch, sizeof patch, "{%s,\"paid_on\":\"2025-10-10\",\"late_fee\":600.01}", served);
    ASSERT_VIOLATION(run_case(ORDINARY_OK, patch, "P19", AS_OF), "");
}

/* Served 2025-09-13: + 15 = 2025-09-28, a Sunday but a 调休 workday: no roll; paid 09-29 = 1 day. */
static void test_p19_deadline_on_a_tiaoxiu_sunday_does_not_roll(void **state)
{
    (void)state;
    const char *p = "{\"decided_on\":\"2025-09-12\",\"served_on\":\"2025-09-13\",\"paid_on\":\"2025-09-29\",\"late_fee\":600.01}";
    ASSERT_VIOLATION(run_case(ORDINARY_OK, p, "P19", AS_OF), "");
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"decided_on\":\"2025-09-12\",\"served_on\":\"2025-09-13\",\"paid_on\":\"2025-09-29\",\"late_fee\":600}", "P19", AS_OF));
}

/* Unpaid: counted to as-of. 2026-02-27 → 2026-03-02 = 3 days: 1,800.00 at as-of 2026-03-02. */
static void test_p19_unpaid_counts_to_as_of_and_leaves_fees_over_the_fine_to_p13(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"paid_on\":null,\"late_fee\":1800}", "P19", "2026-03-02"));
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"paid_on\":null,\"late_fee\":1800.01}", "P19", "2026-03-02"), "");
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"paid_on\":\"2026-03-03\",\"late_fee\":20000.01}", "P19", AS_OF));
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"paid_on\":\"2026-03-03\",\"served_on\":null,\"late_fee\":1}", "P19", AS_OF));
}

/* ---- P20 / P21: five working days to ask for a hearing ------------------------------------ */

/* Notified 2026-02-12 (Thu): 02-13 (1), 02-14 调休 Sat (2), 02-15..23 off, 02-24 (3), 02-25 (4),
 * 02-26 (5): the window ends 2026-02-26. */
#define NOTIFIED_BEFORE_SPRING "\"notified_on\":\"2026-02-12\",\"decided_on\":\"2026-03-10\",\"served_on\":\"2026-03-11\""

static void test_p20_request_on_the_last_day_of_the_window_must_be_heard(void **state)
{
    (void)state;
    Outcome o = run_case(ORDINARY_OK, "{" NOTIFIED_BEFORE_SPRING ",\"hearing_requested_on\":\"2026-02-26\"}", "P20", AS_OF);
    ASSERT_VIOLATION(o, "");
    assert_non_null(strstr(o.message, "2026-02-26"));
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{" NOTIFIED_BEFORE_SPRING ",\"hearing_requested_on\":\"2026-02-27\"}", "P20", AS_OF));
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{" NOTIFIED_BEFORE_SPRING ",\"hearing_requested_on\":\"2026-02-26\","
                                      "\"hearing_notice_on\":\"2026-02-27\",\"hearing_held_on\":\"2026-03-09\"}", "P20", AS_OF));
}

static void test_p21_decision_inside_the_window_across_spring_festival(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"notified_on\":\"2026-02-12\",\"decided_on\":\"2026-02-26\"}", "P21", AS_OF),
                     "2026-02-26");
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"notified_on\":\"2026-02-12\",\"decided_on\":\"2026-02-27\"}", "P21", AS_OF));
    /* 2026-02-14 is a 调休 Saturday: notified 02-13 (Fri) → 02-14, 02-24, 02-25, 02-26, 02-27 */
    ASSERT_VIOLATION(run_case(ORDINARY_OK, "{\"notified_on\":\"2026-02-13\",\"decided_on\":\"2026-02-27\"}", "P21", AS_OF),
                     "2026-02-27");
    ASSERT_CLEAN(run_case(ORDINARY_OK, "{\"notified_on\":\"2026-02-13\",\"decided_on\":\"2026-03-02\"}", "P21", AS_OF));
}

static void test_p21_not_when_waived_requested_unnotified_or_simple(void **state)
{
    (void)state;
    const char *early = "\"notified_on\":\"2026-02-12\",\"decided_on\":\"2026-02-13\"";
    char p[256];
    snprintf(p, sizeof p, "{%s,\"hearing_waived\":true}", early);
    ASSERT_CLEAN(run_case(ORDINARY_OK, p, "P21", AS_OF));
    snprintf(p, sizeof p, "{%s,\"hearing_requested_on\":\"2026-02-13\"}", early);
    ASSERT_CLEAN(run_case(ORDINARY_OK, p, "P21", AS_OF));
    snprintf(p, sizeof p, "{%s,\"hearing_right_notified\":false}", early);
    ASSERT_CLEAN(run_case(ORDINARY_OK, p, "P21", AS_OF));
    ASSERT_CLEAN(run_case(SIMPLE_OK, "{\"hearing_right_notified\":true}", "P21", AS_OF));
    snprintf(p, sizeof p, "{%s,\"decided_on\":null}", "\"notified_on\":\"2026-02-12\"");
    ASSERT_UNDECIDABLE(run_case(ORDINARY_OK, p, "P21", AS_OF));
}

/* ---- C02: approval first; on the spot, within 24 hours -------------------------------------- */

static void test_c02_urgent_approval_next_day_vs_two_days_later(void **state)
{
    (void)state;
    ASSERT_CLEAN(run_case(SEAL_OK, "{\"urgent\":true,\"approved_on\":\"2026-04-01\"}", "C02", AS_OF));
    ASSERT_VIOLATION(run_case(SEAL_OK, "{\"urgent\":true,\"approved_on\":\"2026-04-02\"}", "C02", AS_OF), "");
    ASSERT_CLEAN(run_case(SEAL_OK, "{\"approved_on\":\"2026-03-31\"}", "C02", AS_OF));
    ASSERT_VIOLATION(run_case(SEAL_OK, "{\"approved_on\":\"2026-04-01\"}", "C02", AS_OF), "");
}

static void test_c02_missing_approval_and_which_measures(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(SEAL_OK, NULL, "C02", AS_OF), "");
    ASSERT_VIOLATION(run_case(SEAL_OK, "{\"measure\":\"freeze\"}", "C02", AS_OF), "");
    ASSERT_CLEAN(run_case(SEAL_OK, "{\"started_on\":null}", "C02", AS_OF));
    ASSERT_CLEAN(run_case(ENFORCE_OK, NULL, "C02", AS_OF));
}

/* ---- C04: 催告 served, and its period run out, before the enforcement decision ------------ */

#define DEMAND "\"demand_served_on\":\"2026-04-01\",\"demand_due_on\":\"2026-04-11\""

static void test_c04_decision_on_the_last_day_of_the_period_vs_the_day_after(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ENFORCE_OK, "{" DEMAND ",\"enforce_decided_on\":\"2026-04-11\"}", "C04", AS_OF), "");
    ASSERT_CLEAN(run_case(ENFORCE_OK, "{" DEMAND ",\"enforce_decided_on\":\"2026-04-12\"}", "C04", AS_OF));
}

static void test_c04_no_demand_or_demand_after_decision(void **state)
{
    (void)state;
    ASSERT_VIOLATION(run_case(ENFORCE_OK, "{\"enforce_decided_on\":\"2026-04-12\"}", "C04", AS_OF), "");
    ASSERT_VIOLATION(run_case(ENFORCE_OK, "{\"demand_served_on\":\"2026-04-13\",\"enforce_decided_on\":\"2026-04-12\"}", "C04", AS_OF), "");
    ASSERT_CLEAN(run_case(ENFORCE_OK, "{\"demand_served_on\":\"2026-04-12\",\"enforce_decided_on\":\"2026-04-12\"}", "C04", AS_OF));
    ASSERT_CLEAN(run_case(ENFORCE_OK, NULL, "C04", AS_OF));
}

/* ---- L03: certificate served within 10 working days of the grant --------------------------- */

/* Granted 2026-04-22 (Wed): 04-23, 04-24, 04-27, 04-28, 04-29, 04-30, (05-01..05 off), 05-06,
 * 05-07, 05-08, 05-09 (调休 Sat) = 10: due 2026-05-09. */
static void test_l03_service_on_a_tiaoxiu_saturday(void **state)
{
    (void)state;
    const char *granted = "\"decided_on\":\"2026-04-22\"";
    char p[128];
    snprintf(p, sizeof p, "{%s,\"served_on\":\"2026-05-09\"}", granted);
    ASSERT_CLEAN(run_case(LICENSE_OK, p, "L03", AS_OF));
    snprintf(p, sizeof p, "{%s,\"served_on\":\"2026-05-11\"}", granted);
    ASSERT_VIOLATION(run_case(LICENSE_OK, p, "L03", AS_OF), "2026-05-09");
    snprintf(p, sizeof p, "{%s}", granted);
    ASSERT_CLEAN(run_case(LICENSE_OK, p, "L03", "2026-05-09"));
    ASSERT_VIOLATION(run_case(LICENSE_OK, p, "L03", "2026-05-10"), "2026-05-09");
    ASSERT_CLEAN(run_case(LICENSE_OK, "{\"decided_on\":\"2026-04-22\",\"decision\":{\"outcome\":\"denied\"}}", "L03", AS_OF));
}

/* ---- P22 / P23: across a party's cases ---------------------------------------------------- */

#define PARTY_X "{\"kind\":\"org\",\"name\":\"某公司\",\"id_no\":\"91370202091141705L\"}"

static char *penalty(const char *no, const char *decided, const char *ended, const char *measures)
{
    char patch[320];
    snprintf(patch, sizeof patch,
             "{\"party\":" PARTY_X ",\"decided_on\":\"%s\",\"violation_ended_on\":\"%s\","
             "\"decision\":{\"outcome\":\"penalty\",\"measures\":%s,\"fine\":20000,\"tier\":\"ordinary\"}}",
             decided, ended, measures);
    return case_json(no, ORDINARY_OK, patch);
}

static Outcome run_cases(char **cases, size_t n, const char *rule, const char *as_of, const char *subject)
{
    const char *extra[8] = {0};
    for (size_t i = 0; i < n; i++) extra[i] = cases[i];
    return run_rule_with(NULL, extra, rule, as_of, subject);
}

static void free_cases(char **cases, size_t n)
{
    for (size_t i = 0; i < n; i++) free(cases[i]);
}

static void test_p22_every_fine_after_the_first_for_one_act(void **state)
{
    (void)state;
    char *c[] = {penalty("B-2", "2026-03-01", "2026-01-02", "[\"fine\"]"),
                 penalty("A-1", "2026-02-10", "2026-01-02", "[\"warning\",\"fine\"]"),
                 penalty("C-3", "2026-02-10", "2026-01-02", "[\"fine\"]"),
                 penalty("D-4", "2026-04-01", "2026-01-03", "[\"fine\"]"),
                 penalty("E-5", "2026-04-02", "2026-01-02", "[\"warning\"]")};
    ASSERT_CLEAN(run_cases(c, 5, "P22", AS_OF, "A-1")); /* first by (decided_on, case_no) */
    ASSERT_VIOLATION(run_cases(c, 5, "P22", AS_OF, "C-3"), "");
    ASSERT_VIOLATION(run_cases(c, 5, "P22", AS_OF, "B-2"), "");
    assert_int_equal(run_cases(c, 5, "P22", AS_OF, "D-4").count, 0); /* another act */
    assert_int_equal(run_cases(c, 5, "P22", AS_OF, "E-5").count, 0); /* no fine */
    free_cases(c, 5);
}

/* The 365 days ending on 2026-05-11 are 2025-05-12 … 2026-05-11. */
static void test_p23_first_and_last_day_of_the_365_day_window(void **state)
{
    (void)state;
    char *in[] = {penalty("R-1", "2025-05-12", "2025-05-01", "[\"fine\"]"),
                  penalty("R-2", "2026-05-11", "2026-05-01", "[\"fine\"]"),
                  penalty("R-3", "2026-05-11", "2026-05-02", "[\"fine\"]")};
    ASSERT_WARNING(run_cases(in, 3, "P23", AS_OF, "R-2"), "");
    ASSERT_WARNING(run_cases(in, 3, "P23", AS_OF, "R-3"), ""); /* same-day others count */
    assert_int_equal(run_cases(in, 3, "P23", AS_OF, "R-1").count, 0);
    free_cases(in, 3);
    char *out[] = {penalty("R-1", "2025-05-11", "2025-05-01", "[\"fine\"]"),
                   penalty("R-2", "2025-11-20", "2025-11-01", "[\"fine\"]"),
                   penalty("R-3", "2026-05-11", "2026-05-01", "[\"fine\"]")};
    assert_int_equal(run_cases(out, 3, "P23", AS_OF, "R-3").count, 0);
    free_cases(out, 3);
}

/* ---- A01 / A02: the shares exactly at the threshold ---------------------------------------- */

static Outcome run_agency(const char *rule, int n, int marked, const char *as_of,
                          char *(*make)(int i, bool marked))
{
    char *cases[16];
    const char *extra[17] = {0};
    for (int i = 0; i < n; i++) extra[i] = cases[i] = make(i, i < marked);
    Outcome o = run_rule_with(NULL, extra, rule, as_of, AG_MARKET);
    for (int i = 0; i < n; i++) free(cases[i]);
    return o;
}

/* SC-CF-001's largest fine_max is 100,000; decided 2026-02-10. */
static char *top_fine(int i, bool top)
{
    char no[16], patch[200];
    snprintf(no, sizeof no, "T-%d", i);
    snprintf(patch, sizeof patch, "{\"decision\":{\"outcome\":\"penalty\",\"measures\":[\"fine\"],\"fine\":%s,\"tier\":\"heavy\"}}",
             top ? "100000" : "99999.99");
    return case_json(no, ORDINARY_OK, patch);
}

static void test_a01_half_at_the_top_of_ten(void **state)
{
    (void)state;
    Outcome o = run_agency("A01", 10, 5, AS_OF, top_fine);
    ASSERT_WARNING(o, "");
    assert_non_null(strstr(o.message, "50.0%"));
    assert_int_equal(run_agency("A01", 10, 4, AS_OF, top_fine).count, 0);
    assert_int_equal(run_agency("A01", 9, 9, AS_OF, top_fine).count, 0); /* fewer than 10 */
    /* window: decided 2026-02-10 is the first day of the 365 ending 2027-02-09, not of 2027-02-10 */
    ASSERT_WARNING(run_agency("A01", 10, 5, "2027-02-09", top_fine), "");
    assert_int_equal(run_agency("A01", 10, 5, "2027-02-10", top_fine).count, 0);
}

/* Agency 370202; parties registered in 370202, its city 370200, its province 370000 are local;
 * 370602 is outside. USCC check characters computed per GB 32100. */
static char *remote_party(int i, bool outside)
{
    static const char *const local[] = {"91370202091141705L", "91370200177992295K", "91370000822264689N"};
    static const char *const far[] = {"91370602186032085Y", "91370602776472582D"};
    char no[16], patch[200];
    snprintf(no, sizeof no, "T-%d", i);
    snprintf(patch, sizeof patch, "{\"party\":{\"kind\":\"org\",\"name\":\"某公司\",\"id_no\":\"%s\"}}",
             outside ? far[i % 2] : local[i % 3]);
    return case_json(no, ORDINARY_OK, patch);
}

static void test_a02_thirty_percent_outside(void **state)
{
    (void)state;
    Outcome o = run_agency("A02", 10, 3, AS_OF, remote_party);
    ASSERT_WARNING(o, "");
    assert_non_null(strstr(o.message, "30.0%"));
    assert_int_equal(run_agency("A02", 10, 2, AS_OF, remote_party).count, 0);
    assert_int_equal(run_agency("A02", 4, 4, AS_OF, remote_party).count, 0); /* fewer than 5 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_p19_exactly_on_the_line_and_one_fen_over),
        cmocka_unit_test(test_p19_payment_deadline_rolls_over_national_day),
        cmocka_unit_test(test_p19_deadline_on_a_tiaoxiu_sunday_does_not_roll),
        cmocka_unit_test(test_p19_unpaid_counts_to_as_of_and_leaves_fees_over_the_fine_to_p13),
        cmocka_unit_test(test_p20_request_on_the_last_day_of_the_window_must_be_heard),
        cmocka_unit_test(test_p21_decision_inside_the_window_across_spring_festival),
        cmocka_unit_test(test_p21_not_when_waived_requested_unnotified_or_simple),
        cmocka_unit_test(test_c02_urgent_approval_next_day_vs_two_days_later),
        cmocka_unit_test(test_c02_missing_approval_and_which_measures),
        cmocka_unit_test(test_c04_decision_on_the_last_day_of_the_period_vs_the_day_after),
        cmocka_unit_test(test_c04_no_demand_or_demand_after_decision),
        cmocka_unit_test(test_l03_service_on_a_tiaoxiu_saturday),
        cmocka_unit_test(test_p22_every_fine_after_the_first_for_one_act),
        cmocka_unit_test(test_p23_first_and_last_day_of_the_365_day_window),
        cmocka_unit_test(test_a01_half_at_the_top_of_ten),
        cmocka_unit_test(test_a02_thirty_percent_outside),
    };
    return cmocka_run_group_tests(tests, load_calendar, free_calendar);
}
