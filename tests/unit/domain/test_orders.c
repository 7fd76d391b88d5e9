/* Supervision orders (督办/问诊/意见): steps, sides, dates, due dates, colours and escalation,
 * against the shipped 2026 calendar. Every expected date is counted by hand with rules.md §1
 * ("N working days after D" = the N-th working day strictly after D; the act's day is not counted)
 * and data/holidays/2026.json: 春节 02-15…02-23 off, 调休 Saturdays 02-14 and 02-28 worked;
 * 劳动节 05-01…05-05 off, 调休 Saturday 05-09 worked. 2026-02-01 is a Sunday. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "domain/orders.h"
#include "test_support.h"

static Calendar *cal;

static int setup(void **state)
{
    (void)state;
    cal = test_calendar();
    return cal ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    calendar_free(cal);
    return 0;
}

static void assert_day(zf_day got, const char *want)
{
    char text[ZF_DATE_LEN];
    date_format(got, text);
    assert_string_equal(text, want);
}

/* Details with today = 2026-12-31, so only the "before the last act" rule bites. */
static OrderActDetails details(const char *reason, int deadline_wd, int open_findings)
{
    return (OrderActDetails){D("2026-12-31"), reason, deadline_wd, open_findings};
}

/* Apply a step that must succeed, in place. */
static void act(OrderState *o, OrderAction a, OrderSide who, const char *on,
                const OrderActDetails *d)
{
    ZfError err = {0};
    OrderState next;
    int rc = order_apply_action(o, a, who, D(on), cal, d, &next, &err);
    if (rc != ZF_OK) fail_msg("%s on %s refused: %d %s %s", order_action_code(a), on,
                              err.status, err.code, err.message);
    *o = next;
}

/* Refused step: the status, with the state unchanged. */
static int refused(const OrderState *o, OrderAction a, OrderSide who, const char *on,
                   const OrderActDetails *d, ZfError *err)
{
    OrderState next = *o, before = *o;
    memset(err, 0, sizeof *err);
    assert_int_equal(order_apply_action(o, a, who, D(on), cal, d, &next, err), ZF_ERR);
    assert_memory_equal(&next, &before, sizeof next);
    assert_int_equal(order_check_action(o, a, who, D(on), cal, d, err), ZF_ERR);
    return err->status;
}

/* A 督办通知书 brought to status s: drafted 02-09, issued 02-10 (due 03-09), received 02-11,
 * answered 02-27, then returned or accepted on 03-02. */
static OrderState order_at(OrderStatus s)
{
    OrderState o;
    OrderActDetails d = details(NULL, 0, 0), ret = details("整改材料不全", 5, 0);
    order_init(&o, ORDER_SUPERVISE, D("2026-02-09"));
    if (s == ORDER_DRAFT) return o;
    act(&o, ORDER_ISSUE, ORDER_SIDE_SUPERVISOR, "2026-02-10", &d);
    if (s == ORDER_ISSUED) return o;
    act(&o, ORDER_RECEIVE, ORDER_SIDE_AGENCY, "2026-02-11", &d);
    if (s == ORDER_RECEIVED) return o;
    act(&o, ORDER_RESPOND, ORDER_SIDE_AGENCY, "2026-02-27", &d);
    if (s == ORDER_RESPONDED) return o;
    if (s == ORDER_ACCEPTED) act(&o, ORDER_ACCEPT, ORDER_SIDE_SUPERVISOR, "2026-03-02", &d);
    else act(&o, ORDER_RETURN, ORDER_SIDE_SUPERVISOR, "2026-03-02", &ret);
    assert_int_equal(o.status, s);
    return o;
}

static void test_kinds_are_data_found_by_code_and_title(void **state)
{
    (void)state;
    const OrderKindDef *k = order_kind_by_code("supervise");
    assert_non_null(k);
    assert_string_equal(k->title, "督办通知书");
    assert_int_equal(k->default_wd, 15);
    assert_true(k->answer_required);
    assert_non_null(strstr(k->basis, "行政执法监督条例"));
    k = order_kind_by_title("执法监督问诊单");
    assert_non_null(k);
    assert_string_equal(k->code, "consult");
    assert_int_equal(k->default_wd, 10);
    k = order_kind_by_code("opinion");
    assert_non_null(k);
    assert_string_equal(k->title, "执法监督意见书");
    assert_int_equal(k->default_wd, 15);
    assert_ptr_equal(order_kind_by_title("执法监督意见书"), k);
    assert_null(order_kind_by_code("notice"));
    assert_null(order_kind_by_code(NULL));
    assert_null(order_kind_by_title("督办单"));
    assert_null(order_kind(ORDER_KIND_COUNT));
}

static void test_status_and_action_codes_round_trip(void **state)
{
    (void)state;
    for (int s = 0; s < ORDER_STATUS_COUNT; s++) {
        OrderStatus back;
        assert_int_equal(order_status_by_code(order_status_code((OrderStatus)s), &back), ZF_OK);
        assert_int_equal(back, s);
        assert_non_null(order_status_name((OrderStatus)s));
    }
    for (int a = 0; a < ORDER_ACTION_COUNT; a++) {
        OrderAction back;
        assert_int_equal(order_action_by_code(order_action_code((OrderAction)a), &back), ZF_OK);
        assert_int_equal(back, a);
    }
    OrderStatus s;
    assert_int_equal(order_status_by_code("closed", &s), ZF_ERR);
    assert_string_equal(order_status_name(ORDER_ACCEPTED), "整改到位（办结）");
    assert_string_equal(order_colour_code(ORDER_COLOUR_YELLOW), "yellow");
}

static void test_full_loop_with_two_returns(void **state)
{
    (void)state;
    OrderState o;
    OrderActDetails d = details(NULL, 0, 0);
    order_init(&o, ORDER_SUPERVISE, D("2026-02-09"));
    assert_int_equal(o.status, ORDER_DRAFT);

    /* 02-10 (Tue) + 15 wd: 02-11, 12, 13, 14 (调休 Sat) = 4; 02-15…23 off; 02-24…27 = 8;
     * 02-28 (调休 Sat) = 9; 03-02…06 = 14; 03-09 (Mon) = 15. */
    act(&o, ORDER_ISSUE, ORDER_SIDE_SUPERVISOR, "2026-02-10", &d);
    assert_int_equal(o.status, ORDER_ISSUED);
    assert_day(o.issued_on, "2026-02-10");
    assert_int_equal(o.deadline_wd, 15);
    assert_day(o.due_on, "2026-03-09");

    act(&o, ORDER_RECEIVE, ORDER_SIDE_AGENCY, "2026-02-11", &d);
    assert_int_equal(o.status, ORDER_RECEIVED);
    act(&o, ORDER_RESPOND, ORDER_SIDE_AGENCY, "2026-02-27", &d);
    assert_int_equal(o.status, ORDER_RESPONDED);

    /* Round 1 returned 03-02 (Mon) with 5 wd: 03-03, 04, 05, 06, 09 → 03-09. */
    OrderActDetails ret1 = details("未附整改后的案卷材料", 5, 0);
    act(&o, ORDER_RETURN, ORDER_SIDE_SUPERVISOR, "2026-03-02", &ret1);
    assert_int_equal(o.status, ORDER_RETURNED);
    assert_int_equal(o.rounds, 1);
    assert_int_equal(o.deadline_wd, 5);
    assert_day(o.due_on, "2026-03-09");
    assert_day(o.issued_on, "2026-02-10");

    act(&o, ORDER_RESPOND, ORDER_SIDE_AGENCY, "2026-03-09", &d);
    assert_int_equal(o.status, ORDER_RESPONDED);

    /* Round 2 returned 04-30 (Thu) with 5 wd: 05-01…05 off; 05-06, 07, 08 = 3;
     * 05-09 (调休 Sat) = 4; 05-11 (Mon) = 5. */
    OrderActDetails ret2 = details("罚款未退还当事人", 5, 0);
    act(&o, ORDER_RETURN, ORDER_SIDE_SUPERVISOR, "2026-04-30", &ret2);
    assert_int_equal(o.status, ORDER_RETURNED);
    assert_int_equal(o.rounds, 2);
    assert_day(o.due_on, "2026-05-11");

    /* The agency answers on the 调休 Saturday; the supervisor closes the order. */
    act(&o, ORDER_RESPOND, ORDER_SIDE_AGENCY, "2026-05-09", &d);
    act(&o, ORDER_ACCEPT, ORDER_SIDE_SUPERVISOR, "2026-05-11", &d);
    assert_int_equal(o.status, ORDER_ACCEPTED);
    assert_int_equal(o.rounds, 2);
    assert_int_equal(o.escalation, 0);
    assert_day(o.last_act_on, "2026-05-11");
    assert_int_equal(order_colour(&o, D("2026-06-01"), cal, 3), ORDER_COLOUR_NONE);
}

static void test_every_forbidden_transition_is_409(void **state)
{
    (void)state;
    const OrderSide sides[] = {ORDER_SIDE_SUPERVISOR, ORDER_SIDE_AGENCY};
    OrderActDetails d = details("理由", 5, 0);
    int allowed = 0, forbidden = 0;
    for (int s = 0; s < ORDER_STATUS_COUNT; s++) {
        OrderState o = order_at((OrderStatus)s);
        for (int a = 0; a < ORDER_ACTION_COUNT; a++) {
            if (order_next_status(&o, (OrderAction)a) >= 0) {
                allowed++;
                continue;
            }
            forbidden++;
            for (size_t i = 0; i < 2; i++) {
                ZfError err;
                assert_int_equal(refused(&o, (OrderAction)a, sides[i], "2026-12-01", &d, &err),
                                 409);
                assert_string_equal(err.code, "invalid_transition");
                assert_non_null(strstr(err.message, order_status_name((OrderStatus)s)));
                assert_non_null(strstr(err.message, order_action_name((OrderAction)a)));
            }
        }
    }
    /* issue; receive; respond ×2; accept; return; escalate ×3 — for kinds that need an answer. */
    assert_int_equal(allowed, 9);
    assert_int_equal(forbidden, ORDER_STATUS_COUNT * ORDER_ACTION_COUNT - 9);

    /* A received order cannot be accepted before the agency has answered. */
    OrderState o = order_at(ORDER_RECEIVED);
    ZfError err;
    assert_int_equal(refused(&o, ORDER_ACCEPT, ORDER_SIDE_SUPERVISOR, "2026-03-02", &d, &err), 409);
    assert_string_equal(err.message, "督办通知书处于“已签收”状态，不能“确认整改到位”");
}

static void test_every_wrong_side_is_403(void **state)
{
    (void)state;
    OrderActDetails d = details("理由", 5, 0);
    int checked = 0;
    for (int s = 0; s < ORDER_STATUS_COUNT; s++) {
        OrderState o = order_at((OrderStatus)s);
        for (int a = 0; a < ORDER_ACTION_COUNT; a++) {
            if (order_next_status(&o, (OrderAction)a) < 0) continue;
            bool agency_acts = a == ORDER_RECEIVE || a == ORDER_RESPOND;
            OrderSide wrong = agency_acts ? ORDER_SIDE_SUPERVISOR : ORDER_SIDE_AGENCY;
            ZfError err;
            assert_int_equal(refused(&o, (OrderAction)a, wrong, "2026-12-01", &d, &err), 403);
            assert_string_equal(err.code, "side_not_allowed");
            assert_non_null(strstr(err.message, agency_acts ? "行政执法机关" : "监督机构"));
            checked++;
        }
    }
    assert_int_equal(checked, 9);
}

static void test_due_on_spans_spring_festival_and_tiaoxiu_saturday(void **state)
{
    (void)state;
    OrderActDetails d = details(NULL, 0, 0);
    OrderState o;

    /* 问诊单 issued 02-13 (Fri), 10 wd: 02-14 (调休 Sat) = 1; 02-15…23 off; 02-24…27 = 5;
     * 02-28 (调休 Sat) = 6; 03-02, 03, 04 = 9; 03-05 (Thu) = 10. */
    order_init(&o, ORDER_CONSULT, D("2026-02-13"));
    act(&o, ORDER_ISSUE, ORDER_SIDE_SUPERVISOR, "2026-02-13", &d);
    assert_int_equal(o.deadline_wd, 10);
    assert_day(o.due_on, "2026-03-05");

    /* 意见书 issued 02-04 (Wed) with its period set to 10 wd: 02-05, 06, 09, 10, 11, 12, 13,
     * 14 (调休 Sat) = 8; 02-24 = 9; 02-25 (Wed) = 10. */
    OrderActDetails ten = details(NULL, 10, 0);
    order_init(&o, ORDER_OPINION, D("2026-02-04"));
    act(&o, ORDER_ISSUE, ORDER_SIDE_SUPERVISOR, "2026-02-04", &ten);
    assert_int_equal(o.deadline_wd, 10);
    assert_day(o.due_on, "2026-02-25");

    /* Issued during the holiday (02-20, off): 1 wd is the first working day after, 02-24. */
    OrderActDetails one = details(NULL, 1, 0);
    order_init(&o, ORDER_OPINION, D("2026-02-20"));
    act(&o, ORDER_ISSUE, ORDER_SIDE_SUPERVISOR, "2026-02-20", &one);
    assert_day(o.due_on, "2026-02-24");

    /* The helper is add_wd itself: 02-10 + 15 wd = 03-09 as in the full loop. */
    assert_day(order_due_on(cal, D("2026-02-10"), 15), "2026-03-09");
}

static void test_dates_out_of_order_or_in_the_future_are_422(void **state)
{
    (void)state;
    ZfError err;
    OrderState o = order_at(ORDER_RECEIVED); /* last act 02-11 */
    OrderActDetails d = details(NULL, 0, 0);
    assert_int_equal(refused(&o, ORDER_RESPOND, ORDER_SIDE_AGENCY, "2026-02-10", &d, &err), 422);
    assert_string_equal(err.code, "invalid_date");
    assert_non_null(strstr(err.message, "2026-02-11"));

    /* The same day as the last act is fine; the day after today is not. */
    d.today = D("2026-02-20");
    assert_int_equal(order_check_action(&o, ORDER_RESPOND, ORDER_SIDE_AGENCY, D("2026-02-11"),
                                        cal, &d, &err), ZF_OK);
    assert_int_equal(order_check_action(&o, ORDER_RESPOND, ORDER_SIDE_AGENCY, D("2026-02-20"),
                                        cal, &d, &err), ZF_OK);
    assert_int_equal(refused(&o, ORDER_RESPOND, ORDER_SIDE_AGENCY, "2026-02-21", &d, &err), 422);
    assert_non_null(strstr(err.message, "2026-02-20"));

    /* No date at all. */
    assert_int_equal(order_check_action(&o, ORDER_RESPOND, ORDER_SIDE_AGENCY, ZF_DAY_NONE, cal,
                                        &d, &err), ZF_ERR);
    assert_int_equal(err.status, 422);

    /* A draft cannot be issued before it was drafted. */
    OrderState draft = order_at(ORDER_DRAFT); /* drafted 02-09 */
    assert_int_equal(refused(&draft, ORDER_ISSUE, ORDER_SIDE_SUPERVISOR, "2026-02-08", &d, &err),
                     422);
}

static void test_return_without_reason_or_period_is_422(void **state)
{
    (void)state;
    ZfError err;
    OrderState o = order_at(ORDER_RESPONDED);
    const char *blanks[] = {NULL, "", " \t\n"};
    for (size_t i = 0; i < 3; i++) {
        OrderActDetails d = details(blanks[i], 5, 0);
        assert_int_equal(refused(&o, ORDER_RETURN, ORDER_SIDE_SUPERVISOR, "2026-03-02", &d, &err),
                         422);
        assert_string_equal(err.code, "missing_field");
        assert_string_equal(err.field, "reason");
    }
    OrderActDetails no_period = details("材料不全", 0, 0);
    assert_int_equal(refused(&o, ORDER_RETURN, ORDER_SIDE_SUPERVISOR, "2026-03-02", &no_period,
                             &err), 422);
    assert_string_equal(err.field, "deadline_wd");
    /* Missing details are a missing reason, never a crash. */
    assert_int_equal(order_check_action(&o, ORDER_RETURN, ORDER_SIDE_SUPERVISOR, D("2026-03-02"),
                                        cal, NULL, &err), ZF_ERR);
    assert_int_equal(err.status, 422);

    OrderActDetails negative = details(NULL, -1, 0);
    OrderState draft = order_at(ORDER_DRAFT);
    assert_int_equal(refused(&draft, ORDER_ISSUE, ORDER_SIDE_SUPERVISOR, "2026-02-10", &negative,
                             &err), 422);
}

static void test_accept_with_open_findings_needs_a_reason(void **state)
{
    (void)state;
    ZfError err;
    OrderState o = order_at(ORDER_RESPONDED);
    OrderActDetails open = details("", 0, 2);
    assert_int_equal(refused(&o, ORDER_ACCEPT, ORDER_SIDE_SUPERVISOR, "2026-03-02", &open, &err),
                     422);
    assert_string_equal(err.field, "reason");
    assert_non_null(strstr(err.message, "2 条"));

    OrderActDetails explained = details("剩余两条问题已移交专项整治", 0, 2);
    act(&o, ORDER_ACCEPT, ORDER_SIDE_SUPERVISOR, "2026-03-02", &explained);
    assert_int_equal(o.status, ORDER_ACCEPTED);
}

static void test_colour_yellow_at_warn_wd_red_after_due_on(void **state)
{
    (void)state;
    OrderState o = order_at(ORDER_ISSUED); /* due 03-09 (Mon) */
    /* warn_wd 3: add_wd(03-03, 3) = 03-04, 05, 06 → 03-06 < due: green;
     * add_wd(03-04, 3) = 03-05, 06, 09 → 03-09 = due: yellow. */
    assert_int_equal(order_colour(&o, D("2026-03-03"), cal, 3), ORDER_COLOUR_GREEN);
    assert_int_equal(order_colour(&o, D("2026-03-04"), cal, 3), ORDER_COLOUR_YELLOW);
    assert_int_equal(order_colour(&o, D("2026-03-08"), cal, 3), ORDER_COLOUR_YELLOW);
    assert_int_equal(order_colour(&o, D("2026-03-09"), cal, 3), ORDER_COLOUR_YELLOW);
    assert_int_equal(order_colour(&o, D("2026-03-10"), cal, 3), ORDER_COLOUR_RED);

    /* warn_wd 0: yellow only on the due day itself. */
    assert_int_equal(order_colour(&o, D("2026-03-06"), cal, 0), ORDER_COLOUR_GREEN);
    assert_int_equal(order_colour(&o, D("2026-03-09"), cal, 0), ORDER_COLOUR_YELLOW);

    /* No period runs for the agency: draft, answered, closed. A returned order runs again. */
    assert_int_equal(order_colour(&(OrderState){0}, D("2026-03-10"), cal, 3), ORDER_COLOUR_NONE);
    OrderState draft = order_at(ORDER_DRAFT), responded = order_at(ORDER_RESPONDED),
               accepted = order_at(ORDER_ACCEPTED), returned = order_at(ORDER_RETURNED);
    assert_int_equal(order_colour(&draft, D("2026-03-10"), cal, 3), ORDER_COLOUR_NONE);
    assert_int_equal(order_colour(&responded, D("2026-03-10"), cal, 3), ORDER_COLOUR_NONE);
    assert_int_equal(order_colour(&accepted, D("2026-03-10"), cal, 3), ORDER_COLOUR_NONE);
    assert_int_equal(order_colour(&returned, D("2026-03-10"), cal, 3), ORDER_COLOUR_RED);
}

static void test_colour_yellow_reaches_back_over_spring_festival(void **state)
{
    (void)state;
    OrderActDetails ten = details(NULL, 10, 0);
    OrderState o;
    order_init(&o, ORDER_CONSULT, D("2026-02-04"));
    act(&o, ORDER_ISSUE, ORDER_SIDE_SUPERVISOR, "2026-02-04", &ten); /* due 02-25 (Wed) */
    /* add_wd(02-12, 3) = 02-13, 02-14 (调休 Sat), 02-24 → green;
     * add_wd(02-13, 3) = 02-14, 02-24, 02-25 → yellow twelve calendar days ahead. */
    assert_int_equal(order_colour(&o, D("2026-02-12"), cal, 3), ORDER_COLOUR_GREEN);
    assert_int_equal(order_colour(&o, D("2026-02-13"), cal, 3), ORDER_COLOUR_YELLOW);
    assert_int_equal(order_colour(&o, D("2026-02-20"), cal, 3), ORDER_COLOUR_YELLOW);
    assert_int_equal(order_colour(&o, D("2026-02-26"), cal, 3), ORDER_COLOUR_RED);
}

static void test_escalation_due_levels_at_exact_boundaries(void **state)
{
    (void)state;
    OrderState o = order_at(ORDER_ISSUED); /* due 03-09 (Mon) */
    /* first_wd 5: add_wd(03-09, 5) = 03-10, 11, 12, 13, 16 → level 1 from 03-16 (Mon).
     * second_wd 10: add_wd(03-16, 10) = 03-17…20, 23…27, 30 → level 2 from 03-30 (Mon). */
    assert_int_equal(order_escalation_due(&o, D("2026-03-09"), cal, 5, 10), 0);
    assert_int_equal(order_escalation_due(&o, D("2026-03-10"), cal, 5, 10), 0);
    assert_int_equal(order_escalation_due(&o, D("2026-03-15"), cal, 5, 10), 0);
    assert_int_equal(order_escalation_due(&o, D("2026-03-16"), cal, 5, 10), 1);
    assert_int_equal(order_escalation_due(&o, D("2026-03-29"), cal, 5, 10), 1);
    assert_int_equal(order_escalation_due(&o, D("2026-03-30"), cal, 5, 10), 2);
    assert_int_equal(order_escalation_due(&o, D("2026-12-31"), cal, 5, 10), 2);

    /* first_wd 0: level 1 as soon as the order is overdue, never on the due day. */
    assert_int_equal(order_escalation_due(&o, D("2026-03-09"), cal, 0, 10), 0);
    assert_int_equal(order_escalation_due(&o, D("2026-03-10"), cal, 0, 10), 1);

    /* Nothing is due once the agency has answered. */
    OrderState responded = order_at(ORDER_RESPONDED);
    assert_int_equal(order_escalation_due(&responded, D("2026-12-31"), cal, 5, 10), 0);
}

static void test_escalate_records_levels_and_keeps_status(void **state)
{
    (void)state;
    ZfError err;
    OrderActDetails d = details(NULL, 0, 0);
    OrderState o = order_at(ORDER_RECEIVED); /* due 03-09 */
    assert_int_equal(refused(&o, ORDER_ESCALATE, ORDER_SIDE_SUPERVISOR, "2026-03-09", &d, &err),
                     409);
    assert_string_equal(err.code, "not_overdue");

    act(&o, ORDER_ESCALATE, ORDER_SIDE_SUPERVISOR, "2026-03-16", &d);
    assert_int_equal(o.status, ORDER_RECEIVED);
    assert_int_equal(o.escalation, 1);
    assert_day(o.due_on, "2026-03-09");
    act(&o, ORDER_ESCALATE, ORDER_SIDE_SUPERVISOR, "2026-03-30", &d);
    assert_int_equal(o.status, ORDER_RECEIVED);
    assert_int_equal(o.escalation, 2);
    assert_int_equal(refused(&o, ORDER_ESCALATE, ORDER_SIDE_SUPERVISOR, "2026-04-01", &d, &err),
                     409);
    assert_string_equal(err.code, "escalation_exhausted");

    /* The escalated order is still answered and closed in the ordinary way. */
    act(&o, ORDER_RESPOND, ORDER_SIDE_AGENCY, "2026-04-01", &d);
    act(&o, ORDER_ACCEPT, ORDER_SIDE_SUPERVISOR, "2026-04-02", &d);
    assert_int_equal(o.status, ORDER_ACCEPTED);
    assert_int_equal(o.escalation, 2);
}

static void test_escalate_returned_order_against_its_new_deadline(void **state)
{
    (void)state;
    ZfError err;
    OrderActDetails d = details(NULL, 0, 0);
    OrderState o = order_at(ORDER_RETURNED); /* returned 03-02, 5 wd → due 03-09 */
    assert_day(o.due_on, "2026-03-09");
    assert_int_equal(refused(&o, ORDER_ESCALATE, ORDER_SIDE_SUPERVISOR, "2026-03-09", &d, &err),
                     409);
    act(&o, ORDER_ESCALATE, ORDER_SIDE_SUPERVISOR, "2026-03-10", &d);
    assert_int_equal(o.status, ORDER_RETURNED);
    assert_int_equal(o.escalation, 1);
    assert_int_equal(o.rounds, 1);
}

/* 党政机关公文处理工作条例 第九条: the 发文机关代字 of a 文号 — the region's name without its level. */
static void test_region_abbr_drops_the_level_suffix_once(void **state)
{
    (void)state;
    static const char *const CASES[][2] = {
        {"市南区", "市南"}, {"青岛市", "青岛"}, {"山东省", "山东"}, {"新疆维吾尔自治区", "新疆维吾尔"},
        {"延边朝鲜族自治州", "延边朝鲜族"}, {"长阳土家族自治县", "长阳土家族"}, {"和县", "和县"}, {"沙市区", "沙市"},
        {"", ""},
    };
    char out[64];
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        order_region_abbr(CASES[i][0], out, sizeof out);
        assert_string_equal(out, CASES[i][1]);
    }
    order_region_abbr(NULL, out, sizeof out);
    assert_string_equal(out, "");
    order_region_abbr("市南区", out, 5); /* room for one character and a half: never half a character */
    assert_string_equal(out, "市");
    assert_string_equal(order_escalation_name(2), "已提请同级人民政府处理");
    assert_null(order_escalation_name(3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_are_data_found_by_code_and_title),
        cmocka_unit_test(test_status_and_action_codes_round_trip),
        cmocka_unit_test(test_full_loop_with_two_returns),
        cmocka_unit_test(test_every_forbidden_transition_is_409),
        cmocka_unit_test(test_every_wrong_side_is_403),
        cmocka_unit_test(test_due_on_spans_spring_festival_and_tiaoxiu_saturday),
        cmocka_unit_test(test_dates_out_of_order_or_in_the_future_are_422),
        cmocka_unit_test(test_return_without_reason_or_period_is_422),
        cmocka_unit_test(test_accept_with_open_findings_needs_a_reason),
        cmocka_unit_test(test_colour_yellow_at_warn_wd_red_after_due_on),
        cmocka_unit_test(test_colour_yellow_reaches_back_over_spring_festival),
        cmocka_unit_test(test_escalation_due_levels_at_exact_boundaries),
        cmocka_unit_test(test_escalate_records_levels_and_keeps_status),
        cmocka_unit_test(test_escalate_returned_order_against_its_new_deadline),
        cmocka_unit_test(test_region_abbr_drops_the_level_suffix_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
