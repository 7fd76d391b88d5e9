/* The day's 法治督察考核 reminders (with the other daily messages: the server's daily job and zhifa
 * sweep): a unit whose plan's filling deadline (fill_by) is within assessment_task_warn_days days and
 * which has manual indicators not yet submitted, and a unit whose task is near its time node (yellow)
 * or past it (red), get one message a day for each of their users who may fill. */
#include "app/assessment_internal.h"

#include <stdio.h>
#include <string.h>

#include "app/messages.h"
#include "domain/assessment.h"
#include "store/messages.h"
#include "store/settings.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* One message a day to every user of the unit who may fill; *sent counts those written. */
static int tell_unit(const AppContext *cx, const char *unit, const char *title, const char *link, int *sent, ZfError *err)
{
    json_t *names = NULL, *n;
    size_t i;
    if (store_agency_users_with_perm(cx->store, unit, "assessment.fill", &names, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    json_array_foreach(names, i, n) {
        bool added = false;
        if (rc == ZF_OK) rc = app_message_daily(cx->store, cx->today, json_string_value(n), "assessment_due", title, link, &added, err);
        if (added) (*sent)++;
    }
    json_decref(names);
    return rc;
}

/* Manual leaves the unit has not submitted (no filling, or one returned). */
static int unfilled(const json_t *plan, const json_t *fillings, const char *unit)
{
    const json_t *inds = json_object_get(json_object_get(plan, "body"), "indicators");
    size_t i, j;
    json_t *x, *f;
    int n = 0;
    json_array_foreach(inds, i, x) {
        if (strcmp(str(x, "source"), "manual") != 0 || !assess_indicator_is_leaf(inds, str(x, "code"))) continue;
        bool done = false;
        json_array_foreach(fillings, j, f)
            done = done || (strcmp(str(f, "unit"), unit) == 0 && strcmp(str(f, "indicator"), str(x, "code")) == 0 &&
                            strcmp(str(f, "status"), "returned") != 0);
        if (!done) n++;
    }
    return n;
}

static int remind_fill(const AppContext *cx, const json_t *plan, int warn, int *sent, ZfError *err)
{
    zf_day by;
    const json_t *body = json_object_get(plan, "body");
    if (!str(body, "fill_by") || !date_parse(str(body, "fill_by"), &by) || by < cx->today || by - cx->today > warn) return ZF_OK;
    long long id = json_integer_value(json_object_get(plan, "id"));
    json_t *fillings = NULL, *u;
    size_t i;
    AssessFilter f = {.plan_id = id};
    if (store_assess_rows(cx->store, ASSESS_FILLING, &f, &fillings, err) != ZF_OK) return ZF_ERR;
    char title[400], link[64];
    snprintf(link, sizeof link, "/assessment/filling?plan=%lld", id);
    int rc = ZF_OK;
    json_array_foreach(json_object_get(body, "units"), i, u) {
        int n = unfilled(plan, fillings, json_string_value(u));
        if (n == 0 || rc != ZF_OK) continue;
        snprintf(title, sizeof title, "%s：指标填报将于 %s 截止，尚有 %d 项未提交", str(body, "name"), str(body, "fill_by"), n);
        rc = tell_unit(cx, json_string_value(u), title, link, sent, err);
    }
    json_decref(fillings);
    return rc;
}

static int remind_tasks(const AppContext *cx, const json_t *plan, int warn, int *sent, ZfError *err)
{
    long long id = json_integer_value(json_object_get(plan, "id"));
    json_t *tasks = NULL, *t;
    size_t i;
    AssessFilter f = {.plan_id = id};
    if (store_assess_rows(cx->store, ASSESS_TASK, &f, &tasks, err) != ZF_OK) return ZF_ERR;
    char title[700], link[64];
    snprintf(link, sizeof link, "/assessment/tasks?plan=%lld", id);
    int rc = ZF_OK;
    json_array_foreach(tasks, i, t) {
        zf_day due;
        const json_t *b = json_object_get(t, "body");
        if (rc != ZF_OK || strcmp(str(t, "status"), "open") != 0 || !date_parse(str(b, "due_on"), &due) || due - cx->today > warn)
            continue;
        snprintf(title, sizeof title, "考核任务“%.500s”的时间节点 %s%s", str(b, "title"), str(b, "due_on"),
                 due < cx->today ? "已过，请尽快完成并报告进展" : "临近，请按时完成");
        rc = tell_unit(cx, str(t, "unit"), title, link, sent, err);
    }
    json_decref(tasks);
    return rc;
}

int app_assess_remind(const AppContext *cx, int *sent, ZfError *err)
{
    json_t *plans = NULL, *p;
    size_t i;
    *sent = 0;
    if (store_assess_rows(cx->store, ASSESS_PLAN, NULL, &plans, err) != ZF_OK) return ZF_ERR;
    int warn = store_setting_int(cx->store, "assessment_task_warn_days", 7), rc = ZF_OK;
    json_array_foreach(plans, i, p) {
        if (rc != ZF_OK || strcmp(str(p, "status"), "published") != 0) continue;
        if ((rc = store_begin(cx->store, err)) != ZF_OK) break;
        rc = remind_fill(cx, p, warn, sent, err);
        if (rc == ZF_OK) rc = remind_tasks(cx, p, warn, sent, err);
        if (rc == ZF_OK) rc = store_commit(cx->store, err);
        else store_rollback(cx->store);
    }
    json_decref(plans);
    return rc;
}
