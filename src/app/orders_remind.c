/* The daily run over supervision orders (zhifa orders remind, the server's daily job): a reminder
 * when an order's period turns yellow or red, and the escalations its lateness has earned —
 * 通报上级行政执法监督机构, then 提请同级人民政府处理 (settings order_escalate_first_wd / _second_wd).
 * Each act is a timeline row, an audit line and their ledger events, as a supervisor's would be;
 * each order that needs one is a short write transaction of its own. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/logged_row.h"
#include "app/orders.h"
#include "app/orders_log.h"
#include "app/orders_view.h"
#include "store/identity.h"
#include "store/orders.h"
#include "store/settings.h"

typedef struct {
    int warn_wd, first_wd, second_wd;
    char today[ZF_DATE_LEN], now[32];
} RemindRun;

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int rank(const char *colour) { return strcmp(colour, "red") == 0 ? 2 : strcmp(colour, "yellow") == 0 ? 1 : 0; }

static int log_act(const AppContext *cx, const RemindRun *r, const json_t *row, const char *action, const char *from,
                   const char *to, const char *note, ZfError *err)
{
    long long id = json_integer_value(json_object_get(row, "id"));
    OrderTimelineRow t = {id, NULL, r->today, "system", action, from, to, note};
    char target[200];
    /* the order's 文号, as the API's own order audits name it (api/orders.c); its id when it has none */
    if (str(row, "doc_no")) snprintf(target, sizeof target, "%s", str(row, "doc_no"));
    else snprintf(target, sizeof target, "%lld", id);
    AuditEntry e = {"system", "system", "", strcmp(action, "remind") == 0 ? "order_remind" : "order_escalate", target,
                    "ok", note};
    if (app_order_timeline_add(cx->store, &t, err) != ZF_OK) return ZF_ERR;
    return store_audit_append(cx->store, &e) == ZF_OK ? ZF_OK : zf_fail(err, 500, "audit_failed", NULL, "审计日志写入失败");
}

static int remind(const AppContext *cx, const RemindRun *r, const OrderState *s, json_t *row, OrderRemindSummary *sum,
                  bool *changed, ZfError *err)
{
    const char *colour = order_colour_code(order_colour(s, cx->today, cx->calendar, r->warn_wd));
    if (rank(colour) <= rank(str(row, "reminded") ? str(row, "reminded") : "")) return ZF_OK;
    char note[200];
    snprintf(note, sizeof note, rank(colour) == 2 ? "已超过反馈期限 %s，请尽快反馈整改情况" : "反馈期限 %s 即将届满",
             str(row, "due_on"));
    json_object_set_new(row, "reminded", json_string(colour));
    if (rank(colour) == 2) json_object_set_new(row, "late", json_integer(1));
    *changed = true;
    sum->reminded++;
    return log_act(cx, r, row, "remind", str(row, "status"), str(row, "status"), note, err);
}

static int escalate(const AppContext *cx, const RemindRun *r, OrderState *s, json_t *row, OrderRemindSummary *sum,
                    bool *changed, ZfError *err)
{
    int due = order_escalation_due(s, cx->today, cx->calendar, r->first_wd, r->second_wd);
    OrderActDetails d = {cx->today, NULL, 0, 0};
    while (s->escalation < due) {
        OrderState next;
        if (order_apply_action(s, ORDER_ESCALATE, ORDER_SIDE_SUPERVISOR, cx->today, cx->calendar, &d, &next, err) !=
            ZF_OK)
            return ZF_ERR;
        const char *note = next.escalation == 1 ? "逾期未反馈，已通报上级行政执法监督机构"
                                                : "逾期仍未整改，已提请同级人民政府依法处理";
        order_state_to_row(&next, row);
        if (app_order_record_escalation(cx, row, next.escalation, cx->today, note, err) != ZF_OK ||
            log_act(cx, r, row, "escalate", str(row, "status"), str(row, "status"), note, err) != ZF_OK)
            return ZF_ERR;
        if (next.escalation == 1) sum->escalated++;
        else sum->referred++;
        *s = next;
        *changed = true;
    }
    return ZF_OK;
}

/* What the run would do to the row today: nothing for most orders on most days. */
static bool needs_act(const AppContext *cx, const RemindRun *r, const json_t *row)
{
    OrderState s;
    if (order_state_of(row, &s) != ZF_OK) return false; /* not ours to judge: verify reports the row */
    const char *colour = order_colour_code(order_colour(&s, cx->today, cx->calendar, r->warn_wd));
    return rank(colour) > rank(str(row, "reminded") ? str(row, "reminded") : "") ||
           order_escalation_due(&s, cx->today, cx->calendar, r->first_wd, r->second_wd) > s.escalation;
}

/* One order in a write transaction of its own, read again inside it: a supervisor's act since the
 * snapshot wins, and no writer waits on the whole run. */
static int remind_one(const AppContext *cx, const RemindRun *r, long long id, OrderRemindSummary *sum, ZfError *err)
{
    OrderState s;
    bool changed = false;
    json_t *row = NULL;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_order_get(cx->store, id, &row, err);
    if (rc == ZF_OK && order_state_of(row, &s) == ZF_OK && needs_act(cx, r, row)) {
        rc = remind(cx, r, &s, row, sum, &changed, err);
        if (rc == ZF_OK) rc = escalate(cx, r, &s, row, sum, &changed, err);
        if (rc == ZF_OK && changed) {
            json_object_set_new(row, "updated_at", json_string(r->now));
            rc = app_order_put(cx->store, row, err);
        }
    }
    json_decref(row);
    if (rc == ZF_OK) return store_commit(cx->store, err);
    store_rollback(cx->store);
    return ZF_ERR;
}

int app_orders_remind(const AppContext *cx, OrderRemindSummary *sum, ZfError *err)
{
    RemindRun r = {app_order_warn_wd(cx->store), store_setting_int(cx->store, "order_escalate_first_wd", 5),
                   store_setting_int(cx->store, "order_escalate_second_wd", 10), "", ""};
    app_utc_now(r.now);
    date_format(cx->today, r.today);
    json_t *rows, *row;
    size_t i;
    *sum = (OrderRemindSummary){0};
    if (store_orders_running(cx->store, &rows, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    json_array_foreach(rows, i, row) {
        if (rc == ZF_OK && needs_act(cx, &r, row))
            rc = remind_one(cx, &r, json_integer_value(json_object_get(row, "id")), sum, err);
    }
    json_decref(rows);
    return rc;
}
