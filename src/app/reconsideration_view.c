/* The record as the API shows it: the stored row with names, every deadline of the law computed
 * from what has happened (domain/recon_periods.c) and the next one's colour as of today. */
#include <string.h>

#include "app/reconsideration.h"
#include "app/reconsideration_opinion.h"
#include "app/reconsideration_periods.h"
#include "domain/recon_flow.h"
#include "domain/recon_periods.h"
#include "store/settings.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static zf_day day_of(const json_t *o, const char *k)
{
    zf_day d;
    return str(o, k) && date_parse(str(o, k), &d) ? d : ZF_DAY_NONE;
}

static bool is(const char *status, const char *code) { return status && strcmp(status, code) == 0; }

/* The lengths as the settings hold them (each with its article in migration 067). */
void recon_periods_load(Store *st, ReconPeriods *p)
{
    recon_periods_default(p);
    p->apply_nd = store_setting_int(st, "recon_apply_days", p->apply_nd);
    p->review_wd = store_setting_int(st, "recon_review_wd", p->review_wd);
    p->copy_wd = store_setting_int(st, "recon_copy_wd", p->copy_wd);
    p->copy_wd_simple = store_setting_int(st, "recon_copy_wd_simple", p->copy_wd_simple);
    p->answer_wd = store_setting_int(st, "recon_answer_wd", p->answer_wd);
    p->answer_wd_simple = store_setting_int(st, "recon_answer_wd_simple", p->answer_wd_simple);
    p->decision_nd = store_setting_int(st, "recon_decision_days", p->decision_nd);
    p->decision_nd_simple = store_setting_int(st, "recon_decision_days_simple", p->decision_nd_simple);
    p->extension_max = store_setting_int(st, "recon_extension_max_days", p->extension_max);
    p->opinion_nd = store_setting_int(st, "recon_opinion_days", p->opinion_nd);
}

void recon_dates_of(const json_t *row, ReconDates *d)
{
    const json_t *body = json_object_get(row, "body");
    const char *status = str(row, "status");
    *d = (ReconDates){.simple = is(str(row, "procedure"), "simple"),
                      .known_on = day_of(json_object_get(body, "act"), "known_on"),
                      .received_on = day_of(row, "received_on"),
                      .corrected_on = day_of(body, "corrected_on"),
                      .accepted_on = day_of(row, "accepted_on"),
                      .copy_sent_on = day_of(body, "copy_sent_on"),
                      .extension_days = (int)json_integer_value(json_object_get(body, "extension_days")),
                      .suspended_days = (int)json_integer_value(json_object_get(body, "suspended_days")),
                      .reviewing = is(status, "received") || is(status, "rejected")};
}

static json_t *day_json(zf_day d)
{
    char buf[ZF_DATE_LEN];
    if (d == ZF_DAY_NONE) return json_null();
    date_format(d, buf);
    return json_string(buf);
}

/* The period that runs now and its due date: what the lists colour. */
static void next_deadline(const char *status, const ReconDeadlines *dl, const char **name, zf_day *due)
{
    *name = NULL, *due = ZF_DAY_NONE;
    if (is(status, "received")) *name = "审查受理", *due = dl->review_due;
    else if (is(status, "accepted")) *name = "发送申请书副本", *due = dl->copy_due;
    else if (is(status, "copy_sent")) *name = "被申请人答复", *due = dl->answer_due;
    else if (is(status, "answered")) *name = "作出复议决定", *due = dl->decision_due;
}

static const char *colour(const AppContext *cx, zf_day due)
{
    if (due == ZF_DAY_NONE) return "none";
    if (cx->today > due) return "red";
    int warn = store_setting_int(cx->store, "recon_warn_wd", 3);
    return add_wd(cx->calendar, cx->today, warn) >= due ? "yellow" : "green";
}

json_t *recon_view(const AppContext *cx, const json_t *row)
{
    ReconPeriods p;
    ReconDates d;
    ReconDeadlines dl;
    const char *name, *status = str(row, "status");
    zf_day due;
    recon_periods_load(cx->store, &p);
    recon_dates_of(row, &d);
    recon_deadlines(cx->calendar, &p, &d, &dl);
    json_t *v = json_deep_copy(row);
    json_object_set_new(v, "status_name", json_string(recon_status_name(status) ? recon_status_name(status) : ""));
    json_object_set_new(v, "procedure_name", json_string(d.simple ? "简易程序" : "普通程序"));
    if (str(row, "outcome")) json_object_set_new(v, "outcome_name", json_string(recon_outcome_name(str(row, "outcome"))));
    if (str(row, "reject_reason"))
        json_object_set_new(v, "reject_reason_name", json_string(recon_reject_reason(str(row, "reject_reason"))));
    json_object_set_new(v, "deadlines",
                        json_pack("{s:o, s:o, s:o, s:o, s:o}", "apply_due_on", day_json(dl.apply_due), "review_due_on",
                                  day_json(dl.review_due), "copy_due_on", day_json(dl.copy_due), "answer_due_on",
                                  day_json(dl.answer_due), "decision_due_on", day_json(dl.decision_due)));
    next_deadline(status, &dl, &name, &due);
    /* the decision's period runs beside the answer's: the nearer one is the next */
    if (is(status, "copy_sent") && dl.decision_due != ZF_DAY_NONE && dl.decision_due < due)
        name = "作出复议决定", due = dl.decision_due;
    json_object_set_new(v, "next_deadline",
                        name ? json_pack("{s:s, s:o}", "name", name, "due_on", day_json(due)) : json_null());
    json_object_set_new(v, "colour", json_string(colour(cx, due)));
    json_object_set_new(v, "days_left",
                        due == ZF_DAY_NONE ? json_null() : json_integer((json_int_t)(due - cx->today)));
    json_t *opinion = recon_opinion_view(cx, row);
    if (opinion) json_object_set_new(v, "opinion", opinion);
    return v;
}
