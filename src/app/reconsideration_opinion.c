/* See reconsideration_opinion.h. The due date is domain/recon_periods.c's recon_opinion_due: 60
 * natural days (setting recon_opinion_days) from the respondent's receipt, rolled forward to a
 * working day (第八十八条). */
#include "app/reconsideration_opinion.h"

#include <stdio.h>
#include <string.h>

#include "app/reconsideration_periods.h"
#include "store/settings.h"
#include "util/text.h"

#define NOTE_MAX_BYTES 6000

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static bool is(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static const char *const REPORT_STATUSES[][2] = {
    {"pending", "待报送"}, {"submitted", "已报送（待审查）"}, {"accepted", "已认可"}, {"returned", "已退回（待重新报送）"}, {NULL, NULL}};

static const char *report_status_name(const char *code)
{
    for (int i = 0; code && REPORT_STATUSES[i][0]; i++)
        if (strcmp(REPORT_STATUSES[i][0], code) == 0) return REPORT_STATUSES[i][1];
    return "";
}

bool recon_opinion_step_is(const char *action)
{
    return action && strncmp(action, "opinion", 7) == 0;
}

bool recon_opinion_step_open(const json_t *row, const char *action)
{
    const json_t *op = json_object_get(json_object_get(row, "body"), "opinion");
    const char *st = str(op, "report_status");
    if (!recon_opinion_step_is(action)) return true;
    if (is(action, "opinion")) return !op;
    if (is(action, "opinion_report")) return is(st, "pending") || is(st, "returned");
    return is(st, "submitted"); /* opinion_accept, opinion_return */
}

static json_t *dated(const AppContext *cx, const char *on, const char *note)
{
    return json_pack("{s:s, s:s, s:s}", "on", on, "by", cx->user ? cx->user->username : "system", "note", note);
}

static void push(json_t *o, const char *list, json_t *item)
{
    if (!json_is_array(json_object_get(o, list))) json_object_set_new(o, list, json_array());
    json_array_append_new(json_object_get(o, list), item);
}

static void append(char *note, size_t size, const char *text)
{
    size_t n = strlen(note);
    snprintf(note + n, size - n, "%s%s", n ? "；" : "", text);
}

/* The 意见书: its content (the note), the day the respondent received it (default the day issued)
 * and the report's due date from that day. */
static int issue(const AppContext *cx, const json_t *in, const char *on, json_t *body, char *note, size_t size,
                 ZfError *err)
{
    const char *received = str(in, "received_on") ? str(in, "received_on") : on;
    zf_day r, issued;
    ReconPeriods p;
    char due[ZF_DATE_LEN], text[200];
    if (!date_parse(received, &r)) return zf_fail(err, 400, "invalid_date", "received_on", "日期格式应为 YYYY-MM-DD");
    date_parse(on, &issued);
    if (r < issued || r > cx->today)
        return zf_fail(err, 422, "invalid_date", "received_on", "被申请人收到意见书的日期应在制发之日至今天之间");
    if (text_blank(note)) return zf_fail(err, 422, "missing_field", "note", "请填写意见书的内容（违法或者不当之处及纠正意见）");
    recon_periods_load(cx->store, &p);
    date_format(recon_opinion_due(cx->calendar, &p, r), due);
    json_t *op = dated(cx, on, note);
    json_object_set_new(op, "received_on", json_string(received));
    json_object_set_new(op, "report_due_on", json_string(due));
    json_object_set_new(op, "report_status", json_string("pending"));
    json_object_set_new(body, "opinion", op);
    snprintf(text, sizeof text, "纠正情况应于 %s 前报送（第七十六条）", due);
    append(note, size, text);
    return ZF_OK;
}

int recon_opinion_step(const AppContext *cx, const char *action, const json_t *in, const char *on, json_t *row,
                       char *note, size_t note_size, ZfError *err)
{
    json_t *body = json_object_get(row, "body"), *op = json_object_get(body, "opinion");
    if (is(action, "opinion")) return issue(cx, in, on, body, note, note_size, err);
    if (is(action, "opinion_report")) {
        if (text_blank(note)) return zf_fail(err, 422, "missing_field", "note", "请填写纠正违法或者不当行政行为的情况");
        push(op, "reports", dated(cx, on, note));
        json_object_set_new(op, "report_status", json_string("submitted"));
        return ZF_OK;
    }
    bool accepted = is(action, "opinion_accept");
    if (!accepted && text_blank(note)) return zf_fail(err, 422, "missing_field", "note", "请写明退回的理由");
    json_t *review = dated(cx, on, note);
    json_object_set_new(review, "result", json_string(accepted ? "accepted" : "returned"));
    push(op, "reviews", review);
    json_object_set_new(op, "report_status", json_string(accepted ? "accepted" : "returned"));
    return ZF_OK;
}

/* The report's colour while it is awaited: red past due, yellow within recon_warn_wd working days. */
static const char *colour(const AppContext *cx, const char *status, zf_day due)
{
    if (!is(status, "pending") && !is(status, "returned")) return "none";
    if (cx->today > due) return "red";
    return add_wd(cx->calendar, cx->today, store_setting_int(cx->store, "recon_warn_wd", 3)) >= due ? "yellow" : "green";
}

json_t *recon_opinion_view(const AppContext *cx, const json_t *row)
{
    const json_t *op = json_object_get(json_object_get(row, "body"), "opinion");
    zf_day due;
    if (!json_is_object(op) || !str(op, "report_due_on") || !date_parse(str(op, "report_due_on"), &due)) return NULL;
    const char *st = str(op, "report_status");
    json_t *v = json_deep_copy(op);
    json_object_set_new(v, "report_status_name", json_string(report_status_name(st)));
    json_object_set_new(v, "colour", json_string(colour(cx, st, due)));
    json_object_set_new(v, "days_left", json_integer((json_int_t)(due - cx->today)));
    return v;
}
