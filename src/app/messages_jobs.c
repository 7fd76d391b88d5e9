/* The message centre's daily run (see messages.h): deadline_near and cert_expiring, each message
 * once per subject per user per day (migration 040's messages_once_a_day), so running the job
 * twice on a day — the server's daily run and a `zhifa sweep` — writes nothing the second time. */
#include <stdio.h>
#include <string.h>

#include "app/messages.h"
#include "app/assessment.h"
#include "app/reconsideration_remind.h"
#include "app/sweep.h"
#include "app/workflow_state.h"
#include "domain/workflow/deadlines.h"
#include "store/settings.h"
#include "store/workflow.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* One message in a write transaction of its own: no writer waits on the whole run. */
static int send_daily(const AppContext *cx, const char *user, const char *kind, const char *title, const char *link,
                      int *count, ZfError *err)
{
    bool added = false;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    if (app_message_daily(cx->store, cx->today, user, kind, title, link, &added, err) != ZF_OK) {
        store_rollback(cx->store);
        return ZF_ERR;
    }
    if (store_commit(cx->store, err) != ZF_OK) return ZF_ERR;
    if (added) (*count)++;
    return ZF_OK;
}

static int collect_open(const json_t *row, void *ctx)
{
    const char *stage = str(row, "stage");
    if (stage && strcmp(stage, "closed") != 0 && str(row, "created_by"))
        json_array_append_new(ctx, json_pack("{s:O, s:O, s:O, s:O}", "case_no", json_object_get(row, "case_no"),
                                             "created_by", json_object_get(row, "created_by"), "stage",
                                             json_object_get(row, "stage"), "state", json_object_get(row, "state")));
    return 0;
}

/* The case's next pending deadline when it falls from today to `until`; false otherwise. */
static bool deadline_within(const AppContext *cx, const RuleConfig *cfg, const json_t *row, zf_day until,
                            Deadline *out)
{
    json_t *rec = wf_stored_record(cx->store, REC_CASE, str(row, "case_no"));
    CaseState cs;
    ZfError err;
    bool near = false;
    if (rec && wf_state_build(cx->store, rec, row, &cs, &err) == ZF_OK) {
        Deadline dl[WF_MAX_DEADLINES];
        size_t n = workflow_deadlines(&cs, cx->today, cx->calendar, cfg, dl, WF_MAX_DEADLINES);
        const Deadline *next = workflow_next_deadline(dl, n);
        if (next && next->due >= cx->today && next->due <= until) *out = *next, near = true;
    }
    json_decref(rec);
    return near;
}

static int deadline_near(const AppContext *cx, MessageJobSummary *sum, ZfError *err)
{
    RuleConfig cfg;
    json_t *open = json_array(), *row;
    size_t i;
    zf_day until = add_wd(cx->calendar, cx->today, store_setting_int(cx->store, "message_deadline_wd", 3));
    int rc = sweep_load_config(cx->store, &cfg, err);
    if (rc == ZF_OK) rc = store_workflow_foreach(cx->store, collect_open, open, err);
    json_array_foreach(open, i, row) {
        Deadline d;
        if (rc != ZF_OK || !deadline_within(cx, &cfg, row, until, &d)) continue;
        char due[ZF_DATE_LEN], title[400], link[300];
        date_format(d.due, due);
        snprintf(title, sizeof title, "案件 %s 的“%s”期限 %s 届满，请及时办理", str(row, "case_no"), d.name, due);
        snprintf(link, sizeof link, "/cases/handle/%s", str(row, "case_no"));
        rc = send_daily(cx, str(row, "created_by"), "deadline_near", title, link, &sum->deadline_near, err);
    }
    json_decref(open);
    return rc;
}

static int cert_expiring(const AppContext *cx, MessageJobSummary *sum, ZfError *err)
{
    char from[ZF_DATE_LEN], to[ZF_DATE_LEN];
    json_t *holders, *h;
    size_t i;
    date_format(cx->today, from);
    date_format(cx->today + store_setting_int(cx->store, "message_cert_days", 30), to);
    if (store_cert_holders_ending(cx->store, from, to, &holders, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    json_array_foreach(holders, i, h) {
        if (rc != ZF_OK) break;
        char title[400], link[300];
        snprintf(title, sizeof title, "您的执法证件 %s 将于 %s 到期，请及时办理换证", str(h, "cert_no"),
                 str(h, "cert_valid_to"));
        snprintf(link, sizeof link, "/elements/officers?cert_no=%s", str(h, "cert_no"));
        rc = send_daily(cx, str(h, "username"), "cert_expiring", title, link, &sum->cert_expiring, err);
    }
    json_decref(holders);
    return rc;
}

int app_messages_daily(const AppContext *cx, MessageJobSummary *sum, ZfError *err)
{
    *sum = (MessageJobSummary){0};
    if (deadline_near(cx, sum, err) != ZF_OK) return ZF_ERR;
    if (cert_expiring(cx, sum, err) != ZF_OK) return ZF_ERR;
    ReconRemindSummary recon; /* 行政复议: its periods and the 意见书's correction report */
    if (app_recon_remind(cx, &recon, err) != ZF_OK) return ZF_ERR;
    int assessment = 0; /* 法治督察考核: filling deadlines and task time nodes (app/assessment_remind.c) */
    return app_assess_remind(cx, &assessment, err);
}
