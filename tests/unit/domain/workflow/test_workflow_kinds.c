/* The case kinds of issue 20 (kinds.c, kind_gates.c, kind_deadlines.c): every new gate refuses
 * with its article and lets the lawful step pass; the periods are computed with the holiday
 * calendar (data/holidays) as rules.md §1 says — the seal limit of 30 + 30 days across National
 * Day 2026, the licence's 20 + 10 working days, no execution at night or on a holiday. Expected
 * dates are worked out by hand from the 2026 calendar in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "domain/workflow/deadlines.h"
#include "workflow_test_util.h"

static Calendar *cal;
static RuleConfig cfg;

static int setup(void **state)
{
    (void)state;
    cal = test_calendar();
    cfg = rule_config_defaults();
    return cal ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    calendar_free(cal);
    return 0;
}

/* A case of the kind at stage `at`, two certified officers. */
static void kind_case(CaseState *cs, WfProcedure proc, WfStage at)
{
    lawful_case(cs, WF_PROC_ORDINARY);
    WfOfficer officers[2] = {cs->officers[0], cs->officers[1]};
    case_state_init(cs, proc);
    cs->officers[0] = officers[0], cs->officers[1] = officers[1], cs->officer_count = 2;
    snprintf(cs->party_name, sizeof cs->party_name, "%s", "青岛某某食品有限公司");
    cs->party_kind = WF_PARTY_ORG;
    cs->stage = at;
}

static int step(const CaseState *cs, WfAction a, WfRole role, const char *on, ZfError *err)
{
    return workflow_can_transition(cs, a, role, D(on), cal, &cfg, err);
}

static const Deadline *deadline(const CaseState *cs, const char *today, DeadlineKind kind, Deadline out[WF_MAX_DEADLINES])
{
    size_t n = workflow_deadlines(cs, D(today), cal, &cfg, out, WF_MAX_DEADLINES);
    for (size_t i = 0; i < n && i < WF_MAX_DEADLINES; i++)
        if (out[i].kind == kind) return &out[i];
    return NULL;
}

#define REFUSED(rc, e, code_, article)                        \
    do {                                                      \
        assert_int_equal((rc), ZF_ERR);                       \
        assert_int_equal((e).status, 422);                    \
        assert_string_equal((e).code, (code_));               \
        assert_true(message_cites(&(e), (article)));          \
    } while (0)

/* ---- 行政检查 -------------------------------------------------------------------------- */

static void test_inspection_notice_identity_media(void **state)
{
    (void)state;
    CaseState cs;
    ZfError e;
    kind_case(&cs, WF_PROC_INSPECTION, WS_INSP_PLAN);
    assert_int_equal(cs.stage, WS_INSP_PLAN);
    assert_int_equal(step(&cs, WA_INSP_START, WR_OFFICER, "2026-11-02", &e), ZF_OK); /* no notice asked */
    cs.k.notice_required = true;
    REFUSED(step(&cs, WA_INSP_START, WR_OFFICER, "2026-11-02", &e), e, "gate_inspection_notice", "国办发〔2015〕58号");
    cs.k.notice_on = D("2026-10-30");
    assert_int_equal(step(&cs, WA_INSP_START, WR_OFFICER, "2026-11-02", &e), ZF_OK);
    cs.officer_count = 1;
    REFUSED(step(&cs, WA_INSP_START, WR_OFFICER, "2026-11-02", &e), e, "gate_two_officers", "第四十二条");

    kind_case(&cs, WF_PROC_INSPECTION, WS_INSP_ONSITE);
    REFUSED(step(&cs, WA_INSP_RECORD, WR_OFFICER, "2026-11-02", &e), e, "gate_inspection_identity", "第五十五条");
    cs.k.identity_shown = true;
    REFUSED(step(&cs, WA_INSP_RECORD, WR_OFFICER, "2026-11-02", &e), e, "gate_inspection_media", "第四十七条");
    cs.k.media_count = 1;
    assert_int_equal(step(&cs, WA_INSP_RECORD, WR_OFFICER, "2026-11-02", &e), ZF_OK);
    assert_int_equal(workflow_next_stage(&cs, WA_INSP_RECORD), WS_INSP_RESULT);
}

static void test_inspection_correction_followup_publicity(void **state)
{
    (void)state;
    CaseState cs;
    ZfError e;
    Deadline out[WF_MAX_DEADLINES];
    kind_case(&cs, WF_PROC_INSPECTION, WS_INSP_RESULT);
    cs.k.inspected_on = D("2026-11-02");
    REFUSED(step(&cs, WA_INSP_ORDER, WR_OFFICER, "2026-11-03", &e), e, "gate_inspection_correction", "第二十八条");
    cs.k.correction_due_on = D("2026-11-03");
    REFUSED(step(&cs, WA_INSP_ORDER, WR_OFFICER, "2026-11-03", &e), e, "gate_inspection_correction", "第二十八条");
    cs.k.correction_due_on = D("2026-11-17");
    assert_int_equal(step(&cs, WA_INSP_ORDER, WR_OFFICER, "2026-11-03", &e), ZF_OK);

    cs.stage = WS_INSP_FOLLOWUP;
    cs.k.result_on = D("2026-11-03");
    cs.k.corrected_on = D("2026-11-18");
    REFUSED(step(&cs, WA_INSP_FOLLOWUP_PASS, WR_OFFICER, "2026-11-18", &e), e, "gate_inspection_followup", "第二十八条");
    cs.k.corrected_on = D("2026-11-17");
    assert_int_equal(step(&cs, WA_INSP_FOLLOWUP_PASS, WR_OFFICER, "2026-11-18", &e), ZF_OK);
    /* the result published within 20 working days (企业信息公示暂行条例 6, 7): 11-03 + 20 wd =
     * 12-01 (November 2026 has no holiday) */
    const Deadline *d = deadline(&cs, "2026-11-18", DL_RESULT_PUBLICITY, out);
    assert_non_null(d);
    assert_int_equal(d->due, D("2026-12-01"));
    cs.stage = WS_INSP_PUBLICITY;
    REFUSED(step(&cs, WA_INSP_CLOSE, WR_OFFICER, "2026-11-20", &e), e, "gate_publicity", "第六条");
    cs.k.result_published_on = D("2026-11-19");
    assert_int_equal(step(&cs, WA_INSP_CLOSE, WR_OFFICER, "2026-11-20", &e), ZF_OK);
}

/* ---- 行政强制措施 ---------------------------------------------------------------------- */

static void test_coercion_approval_before_or_within_24_hours(void **state)
{
    (void)state;
    CaseState cs;
    ZfError e;
    kind_case(&cs, WF_PROC_COERCION, WS_CO_REQUEST);
    assert_int_equal(step(&cs, WA_CO_APPROVE, WR_AGENCY_HEAD, "2026-09-02", &e), ZF_ERR);
    assert_string_equal(e.code, "missing_field"); /* the measure is named before it is approved */
    snprintf(cs.k.measure, sizeof cs.k.measure, "%s", "destroy");
    REFUSED(step(&cs, WA_CO_APPROVE, WR_AGENCY_HEAD, "2026-09-02", &e), e, "gate_coercion_measure", "第九条");
    snprintf(cs.k.measure, sizeof cs.k.measure, "%s", "freeze");
    REFUSED(step(&cs, WA_CO_APPROVE, WR_AGENCY_HEAD, "2026-09-02", &e), e, "gate_coercion_measure", "第二十九条");
    cs.k.freeze_allowed = true;
    assert_int_equal(step(&cs, WA_CO_APPROVE, WR_AGENCY_HEAD, "2026-09-02", &e), ZF_OK);
    snprintf(cs.k.measure, sizeof cs.k.measure, "%s", "seize");
    assert_int_equal(step(&cs, WA_CO_APPROVE, WR_OFFICER, "2026-09-02", &e), ZF_ERR);
    assert_int_equal(e.status, 403);

    /* implemented without (or before) the approval: 强制法 18, 19 */
    cs.stage = WS_CO_IMPLEMENT;
    cs.k.onsite_record = cs.k.inventory = true;
    REFUSED(step(&cs, WA_CO_IMPLEMENT, WR_OFFICER, "2026-09-02", &e), e, "gate_coercion_approval", "第十九条");
    cs.k.approved_on = D("2026-09-03");
    REFUSED(step(&cs, WA_CO_IMPLEMENT, WR_OFFICER, "2026-09-02", &e), e, "gate_coercion_approval", "第十九条");
    cs.k.approved_on = D("2026-09-02");
    assert_int_equal(step(&cs, WA_CO_IMPLEMENT, WR_OFFICER, "2026-09-02", &e), ZF_OK);
    cs.k.inventory = false;
    REFUSED(step(&cs, WA_CO_IMPLEMENT, WR_OFFICER, "2026-09-02", &e), e, "gate_coercion_record", "第二十四条");
    cs.k.onsite_record = false;
    REFUSED(step(&cs, WA_CO_IMPLEMENT, WR_OFFICER, "2026-09-02", &e), e, "gate_coercion_record", "第十八条");

    /* urgent: started 11-02, the approval by 11-03 (24 hours), not 11-04 */
    kind_case(&cs, WF_PROC_COERCION, WS_CO_REPORT);
    snprintf(cs.k.measure, sizeof cs.k.measure, "%s", "seal");
    cs.k.urgent = true;
    cs.k.started_on = D("2026-11-02");
    REFUSED(step(&cs, WA_CO_APPROVE, WR_AGENCY_HEAD, "2026-11-04", &e), e, "gate_coercion_approval", "第十九条");
    assert_int_equal(step(&cs, WA_CO_APPROVE, WR_AGENCY_HEAD, "2026-11-03", &e), ZF_OK);
}

static void test_seal_limit_30_plus_30_across_national_day_2026(void **state)
{
    (void)state;
    CaseState cs;
    ZfError e;
    Deadline out[WF_MAX_DEADLINES];
    kind_case(&cs, WF_PROC_COERCION, WS_CO_HOLDING);
    snprintf(cs.k.measure, sizeof cs.k.measure, "%s", "seize");
    cs.k.started_on = cs.k.approved_on = D("2026-09-02");
    /* 09-02 + 30 = 10-02, inside the holiday of 10-01…10-07: the period ends 10-08 (民法典 203) */
    const Deadline *d = deadline(&cs, "2026-09-20", DL_SEAL_LIMIT, out);
    assert_non_null(d);
    assert_int_equal(d->due, D("2026-10-08"));
    assert_string_equal(d->article, "《中华人民共和国行政强制法》第二十五条");
    /* extended by 30: 09-02 + 60 = 11-01, a Sunday → 11-02 */
    cs.extension_days = 31;
    REFUSED(step(&cs, WA_CO_EXTEND, WR_AGENCY_HEAD, "2026-09-30", &e), e, "gate_coercion_extension", "第二十五条");
    cs.extension_days = 30;
    assert_int_equal(step(&cs, WA_CO_EXTEND, WR_AGENCY_HEAD, "2026-09-30", &e), ZF_OK);
    /* after the first period has run out, no extension: the measure must be released */
    REFUSED(step(&cs, WA_CO_EXTEND, WR_AGENCY_HEAD, "2026-10-09", &e), e, "gate_coercion_extension", "第二十五条");
    d = deadline(&cs, "2026-10-09", DL_SEAL_LIMIT, out);
    assert_int_equal(d->due, D("2026-11-02"));
    assert_int_equal(d->colour, DL_GREEN);
    cs.k.extensions = 1;
    REFUSED(step(&cs, WA_CO_EXTEND, WR_AGENCY_HEAD, "2026-10-09", &e), e, "gate_coercion_extension", "一次");
    /* released after the limit: shown red, as rule C01 would find it */
    cs.k.released_on = D("2026-11-03");
    d = deadline(&cs, "2026-11-10", DL_SEAL_LIMIT, out);
    assert_int_equal(d->colour, DL_RED);
    /* the period as a setting (migration 054): a shorter local limit moves the deadline */
    cs.k.released_on = ZF_DAY_NONE;
    cs.extension_days = 0;
    cs.k.lim.seal_days = 20; /* 09-02 + 20 = 09-22, a Tuesday */
    d = deadline(&cs, "2026-09-20", DL_SEAL_LIMIT, out);
    assert_int_equal(d->due, D("2026-09-22"));
}

/* ---- 行政强制执行 ---------------------------------------------------------------------- */

static void test_enforcement_demand_and_no_execution_at_night_or_on_a_holiday(void **state)
{
    (void)state;
    CaseState cs;
    ZfError e;
    kind_case(&cs, WF_PROC_ENFORCE, WS_EN_WAIT);
    REFUSED(step(&cs, WA_EN_DEMAND_DUE, WR_OFFICER, "2026-11-20", &e), e, "gate_enforce_demand", "第三十五条");
    /* served 09-25 (中秋, off; counting starts the next day): 10 working days = 09-28, 09-29, 09-30,
     * 10-08, 10-09, 10-10 (调休 Saturday), 10-12 … 10-15 → 10-15 */
    cs.k.demand_served_on = D("2026-09-25");
    cs.k.demand_due_on = D("2026-10-14");
    REFUSED(step(&cs, WA_EN_DEMAND_DUE, WR_OFFICER, "2026-10-20", &e), e, "gate_enforce_demand", "第三十七条");
    cs.k.demand_due_on = D("2026-10-15");
    REFUSED(step(&cs, WA_EN_DEMAND_DUE, WR_OFFICER, "2026-10-15", &e), e, "gate_enforce_demand", "第三十七条");
    assert_int_equal(step(&cs, WA_EN_DEMAND_DUE, WR_OFFICER, "2026-10-16", &e), ZF_OK);

    cs.stage = WS_EN_EXECUTE;
    REFUSED(step(&cs, WA_EN_EXECUTE, WR_OFFICER, "2026-10-19", &e), e, "gate_enforce_time", "第四十三条");
    cs.k.executed_on = D("2026-10-19"); /* a Monday */
    cs.k.executed_minute = 22 * 60;
    REFUSED(step(&cs, WA_EN_EXECUTE, WR_OFFICER, "2026-10-19", &e), e, "gate_enforce_time", "夜间");
    cs.k.executed_minute = 5 * 60 + 59;
    REFUSED(step(&cs, WA_EN_EXECUTE, WR_OFFICER, "2026-10-19", &e), e, "gate_enforce_time", "夜间");
    cs.k.executed_minute = 6 * 60;
    assert_int_equal(step(&cs, WA_EN_EXECUTE, WR_OFFICER, "2026-10-19", &e), ZF_OK);
    cs.k.executed_minute = 21 * 60 + 59;
    assert_int_equal(step(&cs, WA_EN_EXECUTE, WR_OFFICER, "2026-10-19", &e), ZF_OK);
    cs.k.executed_on = D("2026-10-05"); /* 国庆节 */
    cs.k.executed_minute = 10 * 60;
    REFUSED(step(&cs, WA_EN_EXECUTE, WR_OFFICER, "2026-10-05", &e), e, "gate_enforce_time", "法定节假日");
    cs.k.executed_on = D("2026-10-10"); /* a Saturday made a working day (调休) */
    assert_int_equal(step(&cs, WA_EN_EXECUTE, WR_OFFICER, "2026-10-10", &e), ZF_OK);
    cs.k.executed_on = D("2026-10-05");
    cs.k.urgent = true; /* 情况紧急的除外 */
    assert_int_equal(step(&cs, WA_EN_EXECUTE, WR_OFFICER, "2026-10-05", &e), ZF_OK);
    /* 滞纳金 capped at the principal (45): equal passes, one fen more does not */
    cs.k.principal_fen = 2000000;
    cs.k.late_fee_fen = 2000000;
    assert_int_equal(step(&cs, WA_EN_EXECUTE, WR_OFFICER, "2026-10-05", &e), ZF_OK);
    cs.k.late_fee_fen = 2000001;
    REFUSED(step(&cs, WA_EN_EXECUTE, WR_OFFICER, "2026-10-05", &e), e, "gate_enforce_late_fee", "第四十五条");
}

/* ---- 行政许可 -------------------------------------------------------------------------- */

static void test_license_correction_within_5_working_days(void **state)
{
    (void)state;
    CaseState cs;
    ZfError e;
    Deadline out[WF_MAX_DEADLINES];
    kind_case(&cs, WF_PROC_LICENSE, WS_LI_RECEIVED);
    /* received 09-29 (Tuesday): 5 working days = 09-30, 10-08, 10-09, 10-10 (调休), 10-12 */
    cs.k.received_on = D("2026-09-29");
    const Deadline *d = deadline(&cs, "2026-09-30", DL_LI_CORRECTION, out);
    assert_int_equal(d->due, D("2026-10-12"));
    assert_int_equal(step(&cs, WA_LI_CORRECTION, WR_OFFICER, "2026-10-12", &e), ZF_OK);
    REFUSED(step(&cs, WA_LI_CORRECTION, WR_OFFICER, "2026-10-13", &e), e, "gate_license_correction", "第三十二条");
}

static void test_license_decision_20_plus_10_working_days(void **state)
{
    (void)state;
    CaseState cs;
    ZfError e;
    Deadline out[WF_MAX_DEADLINES];
    kind_case(&cs, WF_PROC_LICENSE, WS_LI_REVIEW);
    /* accepted 09-21 (Monday): 20 working days = 09-22 … 09-24 (3), 09-28 … 09-30 (6; 09-25–27 中秋),
     * 10-08 … 10-10 (9), 10-12 … 10-16 (14), 10-19 … 10-23 (19), 10-26 (20) */
    cs.k.received_on = D("2026-09-18");
    cs.k.accepted_on = D("2026-09-21");
    const Deadline *d = deadline(&cs, "2026-09-22", DL_LI_DECISION, out);
    assert_int_equal(d->due, D("2026-10-26"));
    assert_string_equal(d->article, "《中华人民共和国行政许可法》第四十二条、第八十二条");
    cs.extension_days = 11;
    REFUSED(step(&cs, WA_LI_EXTEND, WR_AGENCY_HEAD, "2026-10-20", &e), e, "gate_license_extension", "第四十二条");
    cs.extension_days = 10;
    REFUSED(step(&cs, WA_LI_EXTEND, WR_AGENCY_HEAD, "2026-10-27", &e), e, "gate_license_extension", "第四十二条");
    assert_int_equal(step(&cs, WA_LI_EXTEND, WR_AGENCY_HEAD, "2026-10-20", &e), ZF_OK);
    /* + 10 working days: 10-27 … 10-30 (4), 11-02 … 11-06 (9), 11-09 (10) */
    d = deadline(&cs, "2026-10-21", DL_LI_DECISION, out);
    assert_int_equal(d->due, D("2026-11-09"));
    cs.k.extensions = 1;
    REFUSED(step(&cs, WA_LI_EXTEND, WR_AGENCY_HEAD, "2026-10-21", &e), e, "gate_license_extension", "一次");

    cs.stage = WS_LI_DECISION;
    cs.k.hearing_required = true;
    REFUSED(step(&cs, WA_LI_GRANT, WR_AGENCY_HEAD, "2026-11-05", &e), e, "gate_license_hearing", "第四十七条");
    cs.hearing_held_on = D("2026-11-03");
    assert_int_equal(step(&cs, WA_LI_GRANT, WR_AGENCY_HEAD, "2026-11-05", &e), ZF_OK);
    /* granted 11-05: the certificate served within 10 working days (44) → 11-19 */
    cs.decided_on = D("2026-11-05");
    cs.k.granted = true;
    d = deadline(&cs, "2026-11-06", DL_LI_SERVICE, out);
    assert_int_equal(d->due, D("2026-11-19"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inspection_notice_identity_media),
        cmocka_unit_test(test_inspection_correction_followup_publicity),
        cmocka_unit_test(test_coercion_approval_before_or_within_24_hours),
        cmocka_unit_test(test_seal_limit_30_plus_30_across_national_day_2026),
        cmocka_unit_test(test_enforcement_demand_and_no_execution_at_night_or_on_a_holiday),
        cmocka_unit_test(test_license_correction_within_5_working_days),
        cmocka_unit_test(test_license_decision_20_plus_10_working_days),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
