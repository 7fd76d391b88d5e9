/* See reconsideration_remind.h. Each message and each lead is a write transaction of its own: no
 * writer waits on the whole run. */
#include "app/reconsideration_remind.h"

#include <stdio.h>
#include <string.h>

#include "app/leads.h"
#include "app/messages.h"
#include "app/reconsideration.h"
#include "store/reconsiderations.h"
#include "store/reviews.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static bool is(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static int collect_ids(const json_t *row, void *ctx)
{
    json_array_append_new(ctx, json_integer(json_integer_value(json_object_get(row, "id"))));
    return 0;
}

/* The 承办人: who registered the case; for a portal application, the first of the organ's staff who
 * took a step on it (NULL while none has). */
static const char *handler_of(const json_t *rec)
{
    const char *by = str(rec, "created_by");
    size_t i;
    json_t *t;
    if (by && !is(by, "portal") && !is(by, "system")) return by;
    json_array_foreach(json_object_get(rec, "timeline"), i, t) {
        const char *u = str(t, "user"), *a = str(t, "action");
        if (u && !is(u, "portal") && !is(u, "system") && !is(a, "answer") && !is(a, "opinion_report")) return u;
    }
    return NULL;
}

static int send(const AppContext *cx, const char *user, const char *title, const char *link, ReconRemindSummary *sum,
                ZfError *err)
{
    bool added = false;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    if (app_message_daily(cx->store, cx->today, user, "recon_deadline", title, link, &added, err) != ZF_OK) {
        store_rollback(cx->store);
        return ZF_ERR;
    }
    if (store_commit(cx->store, err) != ZF_OK) return ZF_ERR;
    if (added) sum->messages++;
    return ZF_OK;
}

/* The heads over the respondent's region. */
static int send_heads(const AppContext *cx, const json_t *heads, const json_t *rec, const char *title,
                      const char *link, ReconRemindSummary *sum, ZfError *err)
{
    size_t i;
    json_t *h;
    const char *region = str(rec, "respondent_region") ? str(rec, "respondent_region") : "";
    json_array_foreach(heads, i, h) {
        DataScope scope;
        scope_for_region(&scope, str(h, "region") ? str(h, "region") : "");
        if (scope_allows(&scope, str(rec, "respondent"), region) && send(cx, str(h, "username"), title, link, sum, err) != ZF_OK)
            return ZF_ERR;
    }
    return ZF_OK;
}

/* The nearest running period that is yellow or red: the record's next deadline or the report's. */
static bool period_to_tell(const json_t *rec, const char **name, const char **due, bool *red)
{
    const json_t *op = json_object_get(rec, "opinion"), *next = json_object_get(rec, "next_deadline");
    const char *c = str(rec, "colour"), *oc = str(op, "colour");
    bool main = is(c, "red") || is(c, "yellow"), report = is(oc, "red") || is(oc, "yellow");
    if (!main && !report) return false;
    if (report && (!main || strcmp(str(op, "report_due_on"), str(next, "due_on")) < 0))
        *name = "被申请人报送纠正情况（第七十六条）", *due = str(op, "report_due_on"), *red = is(oc, "red");
    else *name = str(next, "name"), *due = str(next, "due_on"), *red = is(c, "red");
    return true;
}

/* An overdue correction report goes back into supervision as a lead, once. */
static int report_lead(const AppContext *cx, const json_t *rec, ReconRemindSummary *sum, ZfError *err)
{
    const json_t *op = json_object_get(rec, "opinion");
    char ref[300], content[1200];
    if (!is(str(op, "colour"), "red")) return ZF_OK;
    snprintf(ref, sizeof ref, "reconsideration:%s:opinion_report", str(rec, "case_no"));
    snprintf(content, sizeof content,
             "行政复议案件 %s：%s 收到行政复议意见书（%s）后，未在 %s 前报送纠正相关行政行为的情况（行政复议法第七十六条）。",
             str(rec, "case_no"), str(rec, "respondent_name") ? str(rec, "respondent_name") : str(rec, "respondent"),
             str(op, "received_on"), str(op, "report_due_on"));
    LeadInput in = {.source = "reconsideration", .source_ref = ref, .content = content, .agency = str(rec, "respondent"),
                    .category = "行政复议意见书纠正情况逾期未报送"};
    long long id = 0;
    bool created = false;
    AppContext system = *cx;
    system.user = NULL;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    if (app_lead_create_in(&system, &in, &id, &created, err) != ZF_OK) return store_rollback(cx->store), ZF_ERR;
    if (store_commit(cx->store, err) != ZF_OK) return ZF_ERR;
    if (created) sum->leads++;
    return ZF_OK;
}

static int remind_one(const AppContext *cx, const json_t *heads, long long id, ReconRemindSummary *sum, ZfError *err)
{
    json_t *rec;
    const char *name, *due;
    bool red = false;
    char title[400], link[100];
    if (recon_get_written(cx, id, &rec, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    if (period_to_tell(rec, &name, &due, &red)) {
        const char *handler = handler_of(rec);
        snprintf(title, sizeof title, "行政复议案件 %s 的“%s”期限%s %s%s", str(rec, "case_no"), name,
                 red ? "已于" : "将于", due, red ? " 届满，已逾期" : " 届满，请及时办理");
        snprintf(link, sizeof link, "/reconsideration/cases/%lld", id);
        if (handler) rc = send(cx, handler, title, link, sum, err);
        if (rc == ZF_OK && (red || !handler)) rc = send_heads(cx, heads, rec, title, link, sum, err);
    }
    if (rc == ZF_OK) rc = report_lead(cx, rec, sum, err);
    json_decref(rec);
    return rc;
}

int app_recon_remind(const AppContext *cx, ReconRemindSummary *sum, ZfError *err)
{
    json_t *ids = json_array(), *heads = NULL, *v;
    size_t i;
    *sum = (ReconRemindSummary){0};
    int rc = store_recon_foreach(cx->store, RECON_TABLE_ROWS, collect_ids, ids, err);
    if (rc != ZF_OK && err->status == 501) { /* a backend without reconsiderations yet: nothing to remind of */
        json_decref(ids);
        return ZF_OK;
    }
    if (rc == ZF_OK) rc = store_review_users_with(cx->store, "reconsideration.approve", &heads, err);
    AppContext system = *cx;
    system.user = NULL;
    json_array_foreach(ids, i, v) {
        if (rc != ZF_OK) break;
        rc = remind_one(&system, heads, json_integer_value(v), sum, err);
    }
    json_decref(ids);
    json_decref(heads);
    return rc;
}
