/* Supervision leads: receiving one, acting on it, reading it (see leads.h). The lifecycle's rules
 * are the pure domain/leads.c; this file checks scope and side against what is stored and writes
 * the row and its timeline with their ledger events, in one write transaction. */
#include "app/leads.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/leads_similar.h"
#include "app/leads_view.h"
#include "app/logged_row.h"
#include "app/messages.h"
#include "app/orders.h"
#include "domain/leads.h"
#include "ledger/ledger.h"
#include "store/findings.h"
#include "store/identity.h"
#include "store/leads.h"
#include "store/settings.h"
#include "util/text.h"

#define CONTENT_MAX 6000 /* bytes: 2,000 Chinese characters */

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* ---- the rows and their events (app/logged_row.c) ---- */

static const char *const JOINED[] = {"agency_name", NULL};
static const LoggedTable LEADS = {store_lead_put, store_lead_get, LEDGER_LEAD_PUT, "lead:", JOINED};

static json_t *nullable(const char *s) { return s ? json_string(s) : json_null(); }

static int insert_timeline(Store *st, const void *row, long long *id, ZfError *err)
{
    return store_lead_timeline_add(st, row, id, err);
}

static int log_as(const AppContext *cx, const char *user, long long id, zf_day on, const char *action,
                  const char *from, const char *to, const char *note, ZfError *err)
{
    char now[32], day[ZF_DATE_LEN];
    app_utc_now(now);
    date_format(on, day);
    LeadTimelineRow r = {id, now, day, user, action, from, to, note ? note : ""};
    json_t *data = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:s}", "lead_id", (json_int_t)id, "on", day, "user", user,
                             "action", action, "from_status", nullable(from), "to_status", nullable(to), "note", r.note);
    return app_logged_timeline(cx->store, LEDGER_LEAD_TIMELINE, "lead:", id, insert_timeline, &r, now, data, err);
}

static int log_act(const AppContext *cx, long long id, zf_day on, const char *action, const char *from,
                   const char *to, const char *note, ZfError *err)
{
    return log_as(cx, cx->user ? cx->user->username : "system", id, on, action, from, to, note, err);
}

int app_lead_log_note(const AppContext *cx, const char *user, long long id, const char *action, const char *note,
                      ZfError *err)
{
    return log_as(cx, user, id, cx->today, action, NULL, NULL, note, err);
}

/* ---- scope and sides ---- */

bool app_lead_visible(const AppContext *cx, const json_t *row)
{
    if (!cx->user) return true;
    switch (cx->scope.kind) {
    case SCOPE_REGION: return scope_allows(&cx->scope, NULL, str(row, "region") ? str(row, "region") : "");
    case SCOPE_AGENCY: /* the agency sees what was dispatched to it, from then on */
        return str(row, "agency") && strcmp(str(row, "agency"), cx->scope.agency) == 0 && str(row, "dispatched_on");
    case SCOPE_NONE: return false;
    }
    return false;
}

static unsigned sides_of(const AppContext *cx, const json_t *row)
{
    if (!cx->user) return LEAD_SIDE_SUPERVISOR;
    unsigned sides = 0;
    if (cx->scope.kind == SCOPE_REGION && app_lead_visible(cx, row) &&
        store_role_has_perm(cx->store, cx->user->role, "orders.write"))
        sides |= LEAD_SIDE_SUPERVISOR;
    if (cx->scope.kind == SCOPE_AGENCY && app_lead_visible(cx, row) &&
        store_role_has_perm(cx->store, cx->user->role, "orders.respond"))
        sides |= LEAD_SIDE_AGENCY;
    return sides;
}

static int load_visible(const AppContext *cx, long long id, json_t **row, ZfError *err)
{
    if (store_lead_get(cx->store, id, row, err) != ZF_OK) return ZF_ERR;
    if (app_lead_visible(cx, *row)) return ZF_OK;
    json_decref(*row);
    *row = NULL;
    return zf_fail(err, 404, "not_found", NULL, "线索不存在");
}

/* The lead as its page shows it, to `viewer`; its possible duplicates are those `scoped` may see. */
static int page_view(const AppContext *viewer, const AppContext *scoped, const json_t *row, json_t **lead, ZfError *err)
{
    json_t *similar;
    if (lead_view_full(viewer, row, lead, err) != ZF_OK) return ZF_ERR;
    if (app_lead_similar(scoped, row, &similar, err) != ZF_OK) {
        json_decref(*lead);
        return ZF_ERR;
    }
    json_object_set_new(*lead, "similar", similar);
    return ZF_OK;
}

int app_lead_get(const AppContext *cx, long long id, json_t **lead, ZfError *err)
{
    json_t *row;
    if (load_visible(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    int rc = page_view(cx, cx, row, lead, err);
    json_decref(row);
    return rc;
}

/* ---- receiving ---- */

/* A stored record's region (an agency's), or its absence: 404. */
static int agency_region(Store *st, const char *agency, char region[7], ZfError *err)
{
    char *body;
    if (!agency || strlen(agency) > 18 || store_record_get(st, REC_AGENCY, agency, &body, err) != ZF_OK)
        return zf_fail(err, 404, "not_found", "agency", "执法主体不存在");
    json_t *a = json_loads(body, 0, NULL);
    free(body);
    snprintf(region, 7, "%s", str(a, "region") ? str(a, "region") : "");
    json_decref(a);
    return region[0] ? ZF_OK : zf_fail(err, 422, "agency_without_region", "agency", "执法主体没有所属行政区划");
}

static int check_text(const char *v, const char *field, const char *label, size_t max, bool required, ZfError *err)
{
    if (required && text_blank(v)) return zf_fail(err, 400, "missing_field", field, "请填写%s", label);
    if (v && strlen(v) > max) return zf_fail(err, 400, "too_long", field, "%s过长", label);
    if (v && !text_utf8_valid(v, strlen(v))) return zf_fail(err, 400, "invalid_field", field, "%s含有无效字符", label);
    return ZF_OK;
}

static int check_input(const LeadInput *in, ZfError *err)
{
    if (!lead_source(in->source)) return zf_fail(err, 400, "invalid_field", "source", "线索来源不正确");
    if (check_text(in->content, "content", "反映内容", CONTENT_MAX, true, err) ||
        check_text(in->source_ref, "source_ref", "来源编号", 300, false, err) ||
        check_text(in->category, "category", "类别", 150, false, err) ||
        check_text(in->place, "place", "地点", 600, false, err) ||
        check_text(in->case_no, "case_no", "案号", 128, false, err) ||
        check_text(in->reporter_name, "reporter", "反映人姓名", 150, false, err) ||
        check_text(in->reporter_phone, "reporter", "联系电话", 32, false, err))
        return ZF_ERR;
    if (in->dispatched && !in->agency) return zf_fail(err, 400, "missing_field", "agency", "转办须指明执法主体");
    return ZF_OK;
}

/* YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ → the stored form and its date; NULL = now. */
static int received(const AppContext *cx, const char *at, char out[32], zf_day *day, ZfError *err)
{
    int minute;
    if (!at) {
        app_utc_now(out);
        *day = cx->today;
        return ZF_OK;
    }
    if (strlen(at) == 10 && date_parse(at, day)) return snprintf(out, 32, "%sT00:00:00Z", at), ZF_OK;
    char head[17];
    snprintf(head, sizeof head, "%.16s", at);
    if (strlen(at) == 20 && datetime_parse(head, day, &minute) && at[16] == ':' && at[17] >= '0' && at[17] <= '5' &&
        at[18] >= '0' && at[18] <= '9' && at[19] == 'Z')
        return snprintf(out, 32, "%s", at), ZF_OK;
    return zf_fail(err, 400, "invalid_date", "received_at", "接收时间格式应为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM:SSZ");
}

int app_lead_period_wd(Store *st, const char *source)
{
    char name[64];
    const LeadSourceDef *d = lead_source(source);
    snprintf(name, sizeof name, "lead_%s_wd", source);
    return store_setting_int(st, name, d ? d->default_wd : 10);
}

/* lead_assigned to the agency's users who may answer it (docs/messages.md), in the act's transaction. */
static int tell_agency(Store *st, const json_t *row, ZfError *err)
{
    const LeadSourceDef *d = lead_source(str(row, "source"));
    char title[400], link[64];
    snprintf(title, sizeof title, "收到转办的%s线索，请于 %s 前办理并答复", d ? d->name : "监督",
             str(row, "due_on") ? str(row, "due_on") : "");
    snprintf(link, sizeof link, "/supervision/leads/%lld", (long long)json_integer_value(json_object_get(row, "id")));
    return app_message_to_agency_perm(st, str(row, "agency"), "orders.respond", "lead_assigned", title, link, err);
}

static json_t *new_row(const AppContext *cx, const LeadInput *in, const char *at, zf_day day, const char *region)
{
    char now[32], dd[ZF_DATE_LEN], due[ZF_DATE_LEN];
    app_utc_now(now);
    date_format(day, dd);
    json_t *reporter = in->reporter_name || in->reporter_phone
                           ? json_pack("{s:s, s:s}", "name", in->reporter_name ? in->reporter_name : "", "phone",
                                       in->reporter_phone ? in->reporter_phone : "")
                           : json_null();
    json_t *body = json_pack("{s:s, s:o, s:o}", "content", in->content, "reporter", reporter, "place",
                             nullable(in->place));
    json_t *row = json_pack("{s:s, s:o, s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:o, s:s, s:s, s:s}", "source", in->source,
                            "source_ref", nullable(in->source_ref), "status", in->dispatched ? "dispatched" : "received",
                            "received_at", at, "region", region, "agency", nullable(in->agency), "case_no",
                            nullable(in->case_no), "category", in->category ? in->category : "", "last_act_on", dd,
                            "body", body, "created_by", cx->user ? cx->user->username : "system", "created_at", now,
                            "updated_at", now);
    if (in->dispatched) { /* 双派单: the period runs from the day the work order was received */
        date_format(add_wd(cx->calendar, day, app_lead_period_wd(cx->store, in->source)), due);
        json_object_set_new(row, "dispatched_on", json_string(dd));
        json_object_set_new(row, "due_on", json_string(due));
    }
    return row;
}

int app_lead_create_in(const AppContext *cx, const LeadInput *in, long long *id, bool *created, ZfError *err)
{
    char at[32], region[7] = "";
    zf_day day;
    *created = false;
    if (check_input(in, err) != ZF_OK || received(cx, in->received_at, at, &day, err) != ZF_OK) return ZF_ERR;
    if (in->source_ref && store_lead_by_ref(cx->store, in->source, in->source_ref, id, err) != ZF_OK) return ZF_ERR;
    if (in->source_ref && *id) return ZF_OK; /* the same work order again: one lead */
    if (in->agency && agency_region(cx->store, in->agency, region, err) != ZF_OK) return ZF_ERR;
    if (!in->agency) {
        if (!in->region || strlen(in->region) != 6 || strspn(in->region, "0123456789") != 6)
            return zf_fail(err, 400, "missing_field", "region", "请指明线索涉及的执法主体或行政区划");
        snprintf(region, sizeof region, "%s", in->region);
    }
    /* a user files within his own scope; a channel (no user) within the region it was given */
    if (cx->user && !scope_allows(&cx->scope, in->agency, region))
        return zf_fail(err, 404, "not_found", "agency", "执法主体不存在");
    json_t *row = new_row(cx, in, at, day, region);
    int rc = app_logged_put(cx->store, &LEADS, row, err);
    *id = json_integer_value(json_object_get(row, "id"));
    if (rc == ZF_OK)
        rc = log_act(cx, *id, day, "receive", NULL, str(row, "status"),
                     in->dispatched ? "12345热线工单，已同时转办执法机关（双派单）" : "", err);
    if (rc == ZF_OK && in->dispatched) rc = tell_agency(cx->store, row, err);
    json_decref(row);
    *created = rc == ZF_OK;
    return rc;
}

static int get_as_system(const AppContext *cx, long long id, json_t **lead, ZfError *err)
{
    AppContext system = *cx;
    json_t *row;
    system.user = NULL; /* its author may read what he just wrote, whatever its scope says now … */
    if (store_lead_get(cx->store, id, &row, err) != ZF_OK) return ZF_ERR;
    int rc = page_view(&system, cx, row, lead, err); /* … but other leads only as his scope allows */
    json_decref(row);
    return rc;
}

int app_lead_create(const AppContext *cx, const LeadInput *in, json_t **lead, ZfError *err)
{
    long long id = 0;
    bool created;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = app_lead_create_in(cx, in, &id, &created, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    return rc == ZF_OK ? get_as_system(cx, id, lead, err) : ZF_ERR;
}

/* ---- acting ---- */

typedef struct {
    const AppContext *cx;
    const LeadActInput *in;
    LeadAction action;
    zf_day on;
    json_t *row;
    LeadStatus before;
} Act;

static json_t *dated(const Act *a, const char *note)
{
    char day[ZF_DATE_LEN];
    date_format(a->on, day);
    return json_pack("{s:s, s:s, s:s}", "on", day, "by", a->cx->user ? a->cx->user->username : "system", "note",
                     note ? note : "");
}

static int reject(Act *a, ZfError *err)
{
    LeadRejectReason r;
    json_t *body = json_object_get(a->row, "body");
    if (lead_reject_by_code(a->in->reason, &r) != ZF_OK)
        return zf_fail(err, 422, "missing_field", "reason", "请选择不予受理的理由");
    json_t *t = dated(a, a->in->note);
    json_object_set_new(t, "result", json_string(lead_reject_code(r)));
    if (r == LEAD_REJECT_NOT_OURS && a->in->agency) json_object_set_new(t, "agency", json_string(a->in->agency));
    if (r == LEAD_REJECT_DUPLICATE) {
        json_t *other = NULL;
        if (a->in->duplicate_of <= 0 || a->in->duplicate_of == json_integer_value(json_object_get(a->row, "id")) ||
            load_visible(a->cx, a->in->duplicate_of, &other, err) != ZF_OK)
            return json_decref(t), zf_fail(err, 422, "missing_field", "duplicate_of", "请指明与之重复的线索");
        json_decref(other);
        json_object_set_new(a->row, "duplicate_of", json_integer(a->in->duplicate_of));
    }
    json_object_set_new(body, "triage", t);
    return ZF_OK;
}

static int dispatch(Act *a, ZfError *err)
{
    char region[7], on[ZF_DATE_LEN], due[ZF_DATE_LEN];
    const char *agency = a->in->agency ? a->in->agency : str(a->row, "agency");
    if (!agency) return zf_fail(err, 422, "missing_field", "agency", "请指明转办的执法主体");
    /* the agency must be one the supervisor oversees, as stored */
    if (agency_region(a->cx->store, agency, region, err) != ZF_OK ||
        (a->cx->user && !scope_allows(&a->cx->scope, agency, region)))
        return zf_fail(err, 404, "not_found", "agency", "执法主体不存在");
    int wd = a->in->deadline_wd > 0 ? a->in->deadline_wd : app_lead_period_wd(a->cx->store, str(a->row, "source"));
    date_format(a->on, on);
    date_format(add_wd(a->cx->calendar, a->on, wd), due);
    json_object_set_new(a->row, "agency", json_string(agency));
    json_object_set_new(a->row, "dispatched_on", json_string(on));
    json_object_set_new(a->row, "due_on", json_string(due));
    return tell_agency(a->cx->store, a->row, err);
}

/* 转督办: an order about the lead's agency (and case) drafted in the same transaction. */
static int to_order(Act *a, ZfError *err)
{
    char source[32];
    long long order_id;
    const char *agency = str(a->row, "agency");
    if (!agency) return zf_fail(err, 422, "missing_field", "agency", "转督办须先确定执法主体");
    json_t *cases = json_array();
    if (str(a->row, "case_no")) json_array_append_new(cases, json_string(str(a->row, "case_no")));
    snprintf(source, sizeof source, "lead:%lld", (long long)json_integer_value(json_object_get(a->row, "id")));
    const char *content = str(json_object_get(a->row, "body"), "content");
    OrderDraft d = {a->in->order_kind ? a->in->order_kind : "supervise", agency, cases, NULL,
                    text_blank(a->in->note) ? content : a->in->note, a->in->basis, a->in->measures,
                    a->in->deadline_wd, source};
    int rc = app_order_create_in(a->cx, &d, &order_id, err);
    json_decref(cases);
    if (rc == ZF_OK) json_object_set_new(a->row, "order_id", json_integer(order_id));
    return rc;
}

/* 关联案件: the case must be stored and be the lead's agency's, as stored. */
static int link_case(Act *a, ZfError *err)
{
    const char *agency = str(a->row, "agency"), *no = a->in->case_no;
    char *body;
    if (!agency) return zf_fail(err, 422, "missing_field", "agency", "关联案件须先确定执法主体");
    if (text_blank(no)) return zf_fail(err, 422, "missing_field", "case_no", "请指明关联的案件");
    if (strlen(no) > 128) return zf_fail(err, 400, "invalid_field", "case_no", "案号格式不正确");
    if (store_record_get(a->cx->store, REC_CASE, no, &body, err) != ZF_OK) {
        if (err->status != 404) return ZF_ERR;
        return zf_fail(err, 422, "case_not_found", "case_no", "案件 %s 不存在", no);
    }
    json_t *rec = json_loads(body, 0, NULL);
    free(body);
    bool same = str(rec, "agency") && strcmp(str(rec, "agency"), agency) == 0;
    json_decref(rec);
    if (!same) return zf_fail(err, 422, "case_not_of_agency", "case_no", "案件 %s 不属于该线索涉及的执法主体", no);
    json_object_set_new(a->row, "case_no", json_string(no));
    return ZF_OK;
}

static int record(Act *a, ZfError *err)
{
    json_t *body = json_object_get(a->row, "body");
    char on[ZF_DATE_LEN];
    date_format(a->on, on);
    switch (a->action) {
    case LEAD_ACCEPT: json_object_set_new(body, "triage", json_pack("{s:s, s:s}", "result", "accepted", "on", on)); break;
    case LEAD_REJECT: return reject(a, err);
    case LEAD_DISPATCH: return dispatch(a, err);
    case LEAD_ANSWER:
        if (text_blank(a->in->note)) return zf_fail(err, 422, "missing_field", "note", "请填写办理答复");
        json_object_set_new(body, "answer", dated(a, a->in->note));
        json_object_set_new(a->row, "answered_on", json_string(on));
        break;
    case LEAD_VERIFY: json_object_set_new(body, "verification", dated(a, a->in->note)); break;
    case LEAD_CLOSE: json_object_set_new(body, "reply", dated(a, a->in->note)); break;
    case LEAD_TO_ORDER: return to_order(a, err);
    case LEAD_LINK_CASE: return link_case(a, err);
    case LEAD_ACTION_COUNT: break;
    }
    return ZF_OK;
}

static int act_in(Act *a, long long id, ZfError *err)
{
    if (load_visible(a->cx, id, &a->row, err) != ZF_OK) return ZF_ERR;
    unsigned sides = sides_of(a->cx, a->row);
    zf_day last = ZF_DAY_NONE;
    date_parse(str(a->row, "last_act_on"), &last);
    if (lead_status_by_code(str(a->row, "status"), &a->before) != ZF_OK)
        return zf_fail(err, 500, "internal", NULL, "线索状态无法识别");
    if (!sides) return zf_fail(err, 403, "side_not_allowed", NULL, "当前用户不能办理该线索");
    unsigned who = sides & LEAD_SIDE_SUPERVISOR ? LEAD_SIDE_SUPERVISOR : LEAD_SIDE_AGENCY;
    if (who == LEAD_SIDE_AGENCY && a->on != a->cx->today) /* lateness is the server's to tell */
        return zf_fail(err, 422, "invalid_date", "on", "答复以系统记录的当天为准，不能补填日期");
    if (lead_check_action(a->before, a->action, who, a->on, last, a->cx->today, err) != ZF_OK || record(a, err) != ZF_OK)
        return ZF_ERR;
    char now[32], on[ZF_DATE_LEN];
    app_utc_now(now);
    date_format(a->on, on);
    LeadStatus after = (LeadStatus)lead_next_status(a->before, a->action);
    json_object_set_new(a->row, "status", json_string(lead_status_code(after)));
    json_object_set_new(a->row, "last_act_on", json_string(on));
    json_object_set_new(a->row, "updated_at", json_string(now));
    if (app_logged_put(a->cx->store, &LEADS, a->row, err) != ZF_OK) return ZF_ERR;
    char linked[160];
    const char *note = a->in->note;
    if (a->action == LEAD_LINK_CASE && text_blank(note)) /* the timeline says which case */
        snprintf(linked, sizeof linked, "关联案件 %s", a->in->case_no), note = linked;
    return log_act(a->cx, id, a->on, lead_action_code(a->action), lead_status_code(a->before),
                   lead_status_code(after), note, err);
}

int app_lead_act(const AppContext *cx, long long id, const LeadActInput *in, json_t **lead, ZfError *err)
{
    Act a = {cx, in, 0, cx->today, NULL, 0};
    if (lead_action_by_code(in->action, &a.action) != ZF_OK)
        return zf_fail(err, 400, "invalid_field", "action", "操作不正确");
    if (in->on && !date_parse(in->on, &a.on)) return zf_fail(err, 400, "invalid_date", "on", "日期格式应为 YYYY-MM-DD");
    if (in->note && strlen(in->note) > CONTENT_MAX) return zf_fail(err, 400, "too_long", "note", "说明不能超过 2000 字");
    if (in->deadline_wd < 0 || in->deadline_wd > 60)
        return zf_fail(err, 400, "invalid_field", "deadline_wd", "办理期限应为 1 至 60 个工作日");
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = act_in(&a, id, err);
    json_decref(a.row);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    return rc == ZF_OK ? get_as_system(cx, id, lead, err) : ZF_ERR;
}

/* ---- lists and the portal ---- */

int app_leads_list(const AppContext *cx, LeadFilter *f, int page, int size, json_t **out, ZfError *err)
{
    json_t *rows, *row;
    size_t i;
    if (cx->user) switch (cx->scope.kind) {
        case SCOPE_AGENCY:
            f->scope_agency = cx->scope.agency, f->scope_nothing = !cx->scope.agency[0], f->dispatched_only = true;
            break;
        case SCOPE_REGION: f->scope_region_prefix = cx->scope.region_prefix[0] ? cx->scope.region_prefix : NULL; break;
        case SCOPE_NONE: f->scope_nothing = true; break;
        }
    if (store_leads_list(cx->store, f, page, size, &rows, err) != ZF_OK) return ZF_ERR;
    json_t *items = json_object_get(rows, "items");
    json_array_foreach(items, i, row) json_array_set_new(items, i, lead_view(cx, row, true));
    *out = rows;
    return ZF_OK;
}

int app_lead_public_status(const AppContext *cx, const char *tracking_code, json_t **out, ZfError *err)
{
    long long id = 0;
    json_t *row;
    if (!tracking_code || strlen(tracking_code) > 64 ||
        store_lead_by_ref(cx->store, "complaint", tracking_code, &id, err) != ZF_OK || !id ||
        store_lead_get(cx->store, id, &row, err) != ZF_OK)
        return zf_fail(err, 404, "not_found", NULL, "查询码不存在");
    *out = lead_public_view(row);
    json_decref(row);
    return ZF_OK;
}
