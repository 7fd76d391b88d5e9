/* Supervision orders: drafting one and acting on it (see orders.h). The lifecycle's rules are the
 * pure domain/orders.c; this file loads, checks scope and side against what is stored, writes the
 * row and its timeline with their ledger events, all in one write transaction. */
#include "app/orders.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/logged_row.h"
#include "app/messages.h"
#include "app/order_documents.h"
#include "app/orders_log.h"
#include "app/orders_view.h"
#include "domain/workflow/doc_number.h"
#include "store/findings.h"
#include "store/identity.h"
#include "store/orders.h"
#include "store/settings.h"
#include "util/text.h"

#define TEXT_MAX 6000 /* bytes: 2,000 Chinese characters */
#define NOTE_MAX 6000
#define LIST_MAX 200
#define DEFAULT_PATTERN "{abbr}司督〔{year}〕{seq}号"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

int app_order_warn_wd(Store *st) { return store_setting_int(st, "order_warn_wd", 3); }

/* A stored record's body as JSON; 404 when absent. */
static int load_record(Store *st, RecordType type, const char *key, json_t **out, ZfError *err)
{
    char *body;
    if (store_record_get(st, type, key, &body, err) != ZF_OK) return ZF_ERR;
    *out = json_loads(body, 0, NULL);
    free(body);
    return *out ? ZF_OK : zf_fail(err, 500, "internal", NULL, "记录内容无法读取");
}

bool app_order_visible(const AppContext *cx, const json_t *row)
{
    if (!cx->user) return true; /* the system's own runs */
    const char *agency = str(row, "agency"), *region = str(row, "agency_region");
    if (!scope_allows(&cx->scope, agency, region ? region : "")) return false;
    /* a draft is the supervisor's own business until it is issued */
    return cx->scope.kind != SCOPE_AGENCY || strcmp(str(row, "status"), "draft") != 0;
}

unsigned app_order_sides(const AppContext *cx, const json_t *row)
{
    if (!cx->user) return ORDER_SIDE_SUPERVISOR;
    unsigned sides = 0;
    const char *agency = str(row, "agency"), *region = str(row, "agency_region");
    if (cx->scope.kind == SCOPE_REGION && scope_allows(&cx->scope, agency, region ? region : "") &&
        store_role_has_perm(cx->store, cx->user->role, "orders.write"))
        sides |= ORDER_SIDE_SUPERVISOR;
    if (cx->scope.kind == SCOPE_AGENCY && strcmp(cx->scope.agency, agency) == 0 &&
        store_role_has_perm(cx->store, cx->user->role, "orders.respond"))
        sides |= ORDER_SIDE_AGENCY;
    return sides;
}

int app_order_load_visible(const AppContext *cx, long long id, json_t **row, ZfError *err)
{
    if (store_order_get(cx->store, id, row, err) != ZF_OK) return ZF_ERR;
    if (app_order_visible(cx, *row)) return ZF_OK;
    json_decref(*row);
    *row = NULL;
    return zf_fail(err, 404, "not_found", NULL, "监督文书不存在");
}

int app_order_get(const AppContext *cx, long long id, json_t **order, ZfError *err)
{
    json_t *row;
    if (app_order_load_visible(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    int rc = order_view_full(cx, row, app_order_warn_wd(cx->store), order, err);
    json_decref(row);
    return rc;
}

/* ---- drafting ---- */

static int check_text(const char *value, const char *field, const char *label, bool required, ZfError *err)
{
    if (required && text_blank(value)) return zf_fail(err, 400, "missing_field", field, "请填写%s", label);
    if (value && strlen(value) > TEXT_MAX) return zf_fail(err, 400, "too_long", field, "%s不能超过 2000 字", label);
    return ZF_OK;
}

static int check_array(const json_t *a, const char *field, const char *label, ZfError *err)
{
    if (a && !json_is_array(a)) return zf_fail(err, 400, "invalid_field", field, "%s格式不正确", label);
    if (json_array_size(a) > LIST_MAX) return zf_fail(err, 400, "too_long", field, "%s不能超过 %d 项", label, LIST_MAX);
    return ZF_OK;
}

/* [{"law","article"}] with both texts present and short; a new array holding just those keys. */
static int clean_basis(const json_t *basis, json_t **out, ZfError *err)
{
    size_t i;
    json_t *b;
    if (check_array(basis, "basis", "法律依据", err) != ZF_OK) return ZF_ERR;
    *out = json_array();
    json_array_foreach(basis, i, b) {
        const char *law = str(b, "law"), *article = str(b, "article");
        if (text_blank(law) || strlen(law) > 300 || (article && strlen(article) > 60)) {
            json_decref(*out);
            return zf_fail(err, 400, "invalid_field", "basis", "第 %zu 项法律依据须写明法律名称（不超过 100 字）", i + 1);
        }
        json_array_append_new(*out, json_pack("{s:s, s:s}", "law", law, "article", article ? article : ""));
    }
    return ZF_OK;
}

/* Whether the caller's scope covers an agency by its stored region: a case or finding outside it is
 * answered as an absent one is (docs/security.md: out of scope and absent look the same). */
static bool covers(const AppContext *cx, const char *agency)
{
    char region[7];
    if (!cx->user) return true; /* the system's own runs */
    if (!agency) return false;
    store_agency_region(cx->store, agency, region);
    return scope_allows(&cx->scope, agency, region);
}

/* Every case must be a stored case of the agency. */
static int check_cases(const AppContext *cx, const json_t *case_nos, const char *agency, ZfError *err)
{
    size_t i;
    json_t *c;
    json_array_foreach(case_nos, i, c) {
        json_t *rec;
        const char *no = json_string_value(c);
        if (!no || strlen(no) > 128) return zf_fail(err, 400, "invalid_field", "case_nos", "案号格式不正确");
        if (load_record(cx->store, REC_CASE, no, &rec, err) != ZF_OK) {
            if (err->status != 404) return ZF_ERR;
            return zf_fail(err, 422, "case_not_found", "case_nos", "案件 %s 不存在", no);
        }
        bool seen = covers(cx, str(rec, "agency"));
        bool same = str(rec, "agency") && strcmp(str(rec, "agency"), agency) == 0;
        json_decref(rec);
        if (!seen) return zf_fail(err, 422, "case_not_found", "case_nos", "案件 %s 不存在", no);
        if (!same) return zf_fail(err, 422, "case_not_of_agency", "case_nos", "案件 %s 不属于该执法主体", no);
    }
    return ZF_OK;
}

/* Every finding must exist, be within the caller's scope, and concern the agency (an order goes
 * to one agency). */
static int check_findings(const AppContext *cx, const json_t *ids, const char *agency, ZfError *err)
{
    size_t i;
    json_t *v, *found;
    json_array_foreach(ids, i, v)
        if (!json_is_integer(v) || json_integer_value(v) <= 0)
            return zf_fail(err, 400, "invalid_field", "finding_ids", "预警编号格式不正确");
    if (json_array_size(ids) == 0) return ZF_OK; /* absent: an order about cases only (a filing's 意见书) */
    if (store_findings_by_ids(cx->store, ids, &found, err) != ZF_OK) return ZF_ERR;
    bool all_seen = json_array_size(found) == json_array_size(ids);
    json_array_foreach(found, i, v) all_seen = all_seen && covers(cx, str(v, "agency"));
    int rc = all_seen ? ZF_OK : zf_fail(err, 422, "finding_not_found", "finding_ids", "所选预警有的不存在");
    json_array_foreach(found, i, v)
        if (rc == ZF_OK && strcmp(str(v, "agency") ? str(v, "agency") : "", agency) != 0)
            rc = zf_fail(err, 422, "finding_not_of_agency", "finding_ids",
                         "一份监督文书只能针对一个执法主体：预警 %lld 不属于该执法主体",
                         (long long)json_integer_value(json_object_get(v, "id")));
    json_decref(found);
    return rc;
}

static int check_draft(const AppContext *cx, const OrderDraft *in, json_t **agency, ZfError *err)
{
    if (!order_kind_by_code(in->kind)) return zf_fail(err, 400, "invalid_field", "kind", "请选择文书种类（督办、问诊或意见书）");
    if (text_blank(in->agency) || strlen(in->agency) > 18)
        return zf_fail(err, 400, "missing_field", "agency", "请选择被监督的执法主体");
    if (check_text(in->problem, "problem", "存在的问题", true, err) != ZF_OK ||
        check_text(in->measures, "measures", "整改要求", false, err) != ZF_OK ||
        check_array(in->case_nos, "case_nos", "案件", err) != ZF_OK ||
        check_array(in->finding_ids, "finding_ids", "预警", err) != ZF_OK)
        return ZF_ERR;
    if (in->deadline_wd < 0 || in->deadline_wd > 120)
        return zf_fail(err, 400, "invalid_field", "deadline_wd", "整改期限应为 1 至 120 个工作日（0 为默认期限）");
    /* scope by the agency as stored: out of scope and absent look the same */
    if (load_record(cx->store, REC_AGENCY, in->agency, agency, err) != ZF_OK ||
        (cx->user && (cx->scope.kind != SCOPE_REGION ||
                      !scope_allows(&cx->scope, in->agency, str(*agency, "region") ? str(*agency, "region") : "")))) {
        if (*agency) json_decref(*agency), *agency = NULL;
        return zf_fail(err, 404, "not_found", "agency", "执法主体不存在");
    }
    if (check_cases(cx, in->case_nos, in->agency, err) != ZF_OK ||
        check_findings(cx, in->finding_ids, in->agency, err) != ZF_OK) {
        json_decref(*agency), *agency = NULL;
        return ZF_ERR;
    }
    return ZF_OK;
}

static const char *user_name(const AppContext *cx) { return cx->user ? cx->user->username : "system"; }

/* The issuing region: the supervisor's own, else the agency's (a job drafting for it). */
static const char *issuing_region(const AppContext *cx, const json_t *agency)
{
    if (cx->user && cx->user->region[0]) return cx->user->region;
    if (cx->user && cx->user->agency_region[0]) return cx->user->agency_region;
    return str(agency, "region") ? str(agency, "region") : "";
}

static json_t *draft_row(const AppContext *cx, const OrderDraft *in, const json_t *agency, json_t *basis)
{
    char now[32], today[ZF_DATE_LEN];
    app_utc_now(now);
    date_format(cx->today, today);
    json_t *body = json_pack("{s:s, s:o, s:s}", "problem", in->problem, "basis", basis, "measures",
                             in->measures ? in->measures : "");
    if (in->source) json_object_set_new(body, "source", json_string(in->source));
    return json_pack("{s:s, s:n, s:s, s:s, s:s, s:i, s:n, s:n, s:s, s:i, s:i, s:s, s:b, s:o, s:O, s:O, s:s, s:s, s:s}",
                     "kind", in->kind, "doc_no", "agency", in->agency, "region", issuing_region(cx, agency), "status",
                     "draft", "deadline_wd", in->deadline_wd, "issued_on", "due_on", "last_act_on", today,
                     "escalation", 0, "rounds", 0, "reminded", "", "late", 0, "body", body, "case_nos",
                     in->case_nos ? in->case_nos : json_array(), "finding_ids",
                     in->finding_ids ? in->finding_ids : json_array(), "created_by", user_name(cx), "created_at", now,
                     "updated_at", now);
}

int app_order_create_in(const AppContext *cx, const OrderDraft *in, long long *id, ZfError *err)
{
    json_t *agency = NULL, *basis = NULL;
    char today[ZF_DATE_LEN];
    if (check_draft(cx, in, &agency, err) != ZF_OK) return ZF_ERR;
    if (clean_basis(in->basis, &basis, err) != ZF_OK) return json_decref(agency), ZF_ERR;
    json_t *row = draft_row(cx, in, agency, basis);
    json_decref(agency);
    date_format(cx->today, today);
    int rc = app_order_put(cx->store, row, err);
    *id = json_integer_value(json_object_get(row, "id"));
    OrderTimelineRow t = {*id, NULL, today, user_name(cx), "draft", NULL, "draft", ""};
    if (rc == ZF_OK) rc = app_order_timeline_add(cx->store, &t, err);
    json_decref(row);
    return rc;
}

/* Runs fn inside one write transaction; then the order as GET shows it. */
static int in_transaction_then_get(const AppContext *cx, int rc_begin, int (*fn)(const AppContext *, const void *, long long *, ZfError *),
                                   const void *arg, long long *id, json_t **order, ZfError *err)
{
    if (rc_begin != ZF_OK) return ZF_ERR;
    int rc = fn(cx, arg, id, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    if (rc != ZF_OK) return ZF_ERR;
    AppContext as_system = *cx;
    as_system.user = NULL; /* the one who just wrote it may read it, whatever its status */
    return app_order_get(&as_system, *id, order, err);
}

static int create_fn(const AppContext *cx, const void *in, long long *id, ZfError *err)
{
    return app_order_create_in(cx, in, id, err);
}

int app_order_create(const AppContext *cx, const OrderDraft *in, json_t **order, ZfError *err)
{
    long long id = 0;
    return in_transaction_then_get(cx, store_begin(cx->store, err), create_fn, in, &id, order, err);
}

/* ---- acting ---- */

typedef struct {
    long long id;
    const OrderActInput *in;
    OrderAction action;
    zf_day on;
} ActArgs;

static int parse_act(const AppContext *cx, const OrderActInput *in, ActArgs *a, ZfError *err)
{
    if (order_action_by_code(in->action, &a->action) != ZF_OK)
        return zf_fail(err, 400, "invalid_field", "action", "操作不正确");
    a->on = cx->today;
    if (in->on && !date_parse(in->on, &a->on)) return zf_fail(err, 400, "invalid_date", "on", "日期格式应为 YYYY-MM-DD");
    if (in->note && strlen(in->note) > NOTE_MAX) return zf_fail(err, 400, "too_long", "note", "说明不能超过 2000 字");
    if (in->deadline_wd < 0 || in->deadline_wd > 120)
        return zf_fail(err, 400, "invalid_field", "deadline_wd", "整改期限应为 1 至 120 个工作日");
    if (in->corrections && (!json_is_array(in->corrections) || json_array_size(in->corrections) > LIST_MAX))
        return zf_fail(err, 400, "invalid_field", "corrections", "逐案整改情况格式不正确");
    return ZF_OK;
}

static int open_findings(Store *st, const json_t *row, int *open, ZfError *err)
{
    json_t *found, *f;
    size_t i;
    *open = 0;
    if (store_findings_by_ids(st, json_object_get(row, "finding_ids"), &found, err) != ZF_OK) return ZF_ERR;
    json_array_foreach(found, i, f) *open += json_is_null(json_object_get(f, "resolved_at"));
    json_decref(found);
    return ZF_OK;
}

static int kind_default_wd(Store *st, const char *kind)
{
    char name[48];
    snprintf(name, sizeof name, "order_%s_wd", kind);
    return store_setting_int(st, name, order_kind_by_code(kind)->default_wd);
}

/* The 文号 of an order issued on `on`: the pattern setting, the issuing region's 简称, the region's next number. */
static int allocate_doc_no(const AppContext *cx, const json_t *row, zf_day on, char *out, size_t size, ZfError *err)
{
    char pattern[160], abbr[64];
    const char *region = str(row, "region");
    long seq;
    int year, m, d;
    store_setting_text(cx->store, "order_doc_number_pattern", DEFAULT_PATTERN, pattern, sizeof pattern);
    order_region_abbr(cx->regions ? regions_name(cx->regions, region) : NULL, abbr, sizeof abbr);
    if (!abbr[0]) snprintf(abbr, sizeof abbr, "%s", "监督");
    date_to_ymd(on, &year, &m, &d);
    if (store_order_next_seq(cx->store, region, year, &seq, err) != ZF_OK) return ZF_ERR;
    return doc_number_format(pattern, abbr, year, seq, out, size, err);
}

static json_t *dated(const char *what, zf_day on, const char *by)
{
    char buf[ZF_DATE_LEN];
    date_format(on, buf);
    return json_pack("{s:s, s:s, s:s}", "on", buf, "by", by, "note", what ? what : "");
}

static void push(json_t *body, const char *list, json_t *item)
{
    if (!json_is_array(json_object_get(body, list))) json_object_set_new(body, list, json_array());
    json_array_append_new(json_object_get(body, list), item);
}

/* Every correction names one of the order's cases. */
static int clean_corrections(const json_t *row, const json_t *corrections, json_t **out, ZfError *err)
{
    size_t i, j;
    json_t *c, *n;
    *out = json_array();
    json_array_foreach(corrections, i, c) {
        const char *no = str(c, "case_no"), *note = str(c, "note");
        bool ours = false;
        json_array_foreach(json_object_get(row, "case_nos"), j, n) ours |= no && strcmp(json_string_value(n), no) == 0;
        if (!ours || (note && strlen(note) > NOTE_MAX)) {
            json_decref(*out);
            return zf_fail(err, 400, "invalid_field", "corrections", "逐案整改情况只能填写本文书所列案件（第 %zu 项）", i + 1);
        }
        json_array_append_new(*out, json_pack("{s:s, s:s}", "case_no", no, "note", note ? note : ""));
    }
    return ZF_OK;
}

/* What each act adds to the row beyond its state: numbers, the answer, the return, the escalation. */
/* order_received to the agency's users who may answer it, when the order reaches them or comes
 * back to them for another round (docs/messages.md). */
static int tell_agency(const AppContext *cx, const json_t *row, bool returned, ZfError *err)
{
    const OrderKindDef *k = order_kind_by_code(str(row, "kind"));
    char title[400], link[64];
    snprintf(title, sizeof title, "%s%s %s，请签收并于 %s 前反馈整改情况", returned ? "整改反馈被退回：" : "收到",
             k ? k->title : "监督文书", str(row, "doc_no") ? str(row, "doc_no") : "", str(row, "due_on"));
    snprintf(link, sizeof link, "/supervision/orders/%lld", (long long)json_integer_value(json_object_get(row, "id")));
    return app_message_to_agency_perm(cx->store, str(row, "agency"), "orders.respond", "order_received", title, link,
                                      err);
}

static int record_act(const AppContext *cx, const ActArgs *a, const OrderState *before, const OrderState *after,
                      json_t *row, ZfError *err)
{
    json_t *body = json_object_get(row, "body"), *corrections;
    char doc_no[160], on[ZF_DATE_LEN];
    date_format(a->on, on);
    switch (a->action) {
    case ORDER_ISSUE:
        if (allocate_doc_no(cx, row, a->on, doc_no, sizeof doc_no, err) != ZF_OK) return ZF_ERR;
        json_object_set_new(row, "doc_no", json_string(doc_no));
        json_object_set(row, "first_due_on", json_object_get(row, "due_on"));
        return tell_agency(cx, row, false, err);
    case ORDER_RESPOND:
        if (text_blank(a->in->note))
            return zf_fail(err, 422, "missing_field", "note", "反馈须写明整改措施或答复内容");
        if (clean_corrections(row, a->in->corrections, &corrections, err) != ZF_OK) return ZF_ERR;
        json_t *answer = dated(a->in->note, a->on, user_name(cx));
        json_object_set_new(answer, "corrections", corrections);
        json_object_set_new(answer, "round", json_integer(before->rounds + 1));
        json_object_set(body, "response", answer);
        push(body, "responses", answer);
        if (json_is_null(json_object_get(row, "first_answered_on")) || !json_object_get(row, "first_answered_on"))
            json_object_set_new(row, "first_answered_on", json_string(on));
        if (a->on > before->due_on) json_object_set_new(row, "late", json_integer(1));
        break;
    case ORDER_ACCEPT:
        json_object_set_new(row, "accepted_on", json_string(on));
        json_object_set_new(body, "accepted", dated(a->in->note, a->on, user_name(cx)));
        break;
    case ORDER_RETURN: {
        json_t *r = dated(a->in->note, a->on, user_name(cx));
        json_object_set_new(r, "deadline_wd", json_integer(after->deadline_wd));
        push(body, "returns", r);
        json_object_set_new(row, "reminded", json_string(""));
        return tell_agency(cx, row, true, err);
    }
    case ORDER_ESCALATE:
        return app_order_record_escalation(cx, row, after->escalation, a->on, a->in->note, err);
    case ORDER_RECEIVE:
    case ORDER_ACTION_COUNT:
        break;
    }
    return ZF_OK;
}

int app_order_record_escalation(const AppContext *cx, json_t *row, int level, zf_day on, const char *note,
                                ZfError *err)
{
    (void)err;
    json_t *body = json_object_get(row, "body");
    const char *region = str(row, "region");
    char parent[7] = "";
    if (level == 1 && cx->regions) regions_parent(cx->regions, region, parent);
    /* level 1: the superior 行政执法监督机构 is told; level 2: the government of the issuing level decides */
    const char *to = level == 1 && parent[0] ? parent : region;
    json_t *e = dated(note, on, user_name(cx));
    json_object_set_new(e, "level", json_integer(level));
    json_object_set_new(e, "region", json_string(to));
    if (cx->regions && regions_name(cx->regions, to))
        json_object_set_new(e, "region_name", json_string(regions_name(cx->regions, to)));
    json_object_set_new(e, "name", json_string(order_escalation_name(level)));
    push(body, "escalations", json_incref(e));
    json_object_set_new(body, level == 1 ? "notified" : "referral", e);
    json_object_set_new(row, "late", json_integer(1));
    return ZF_OK;
}

static int act_fn(const AppContext *cx, const void *arg, long long *id, ZfError *err)
{
    const ActArgs *a = arg;
    json_t *row;
    OrderState before, after;
    int open = 0;
    *id = a->id;
    if (app_order_load_visible(cx, a->id, &row, err) != ZF_OK) return ZF_ERR;
    unsigned sides = app_order_sides(cx, row);
    int rc = order_state_of(row, &before) == ZF_OK ? ZF_OK : zf_fail(err, 500, "internal", NULL, "监督文书状态无法识别");
    if (rc == ZF_OK && !sides) rc = zf_fail(err, 403, "side_not_allowed", NULL, "当前用户不能办理该监督文书");
    if (rc == ZF_OK && a->action == ORDER_ACCEPT) rc = open_findings(cx->store, row, &open, err);
    int wd = a->in->deadline_wd;
    if (a->action == ORDER_ISSUE && wd == 0)
        wd = before.deadline_wd > 0 ? before.deadline_wd : kind_default_wd(cx->store, str(row, "kind"));
    OrderActDetails d = {cx->today, a->in->note, wd, open};
    /* the two sides exclude each other: a supervisor's scope is a region, an agency user's his agency */
    OrderSide who = sides & ORDER_SIDE_SUPERVISOR ? ORDER_SIDE_SUPERVISOR : ORDER_SIDE_AGENCY;
    /* the agency's signature and answer are dated by the server: dated back, an answer late by weeks
     * would read as on time (the statistics' answered_on_time, the order's `late`) */
    if (rc == ZF_OK && who == ORDER_SIDE_SUPERVISOR) rc = app_order_copy_refuse(cx, row, err);
    if (rc == ZF_OK && who == ORDER_SIDE_AGENCY && cx->user && a->on != cx->today)
        rc = zf_fail(err, 422, "invalid_date", "on", "签收和反馈以系统记录的当天为准，不能补填日期");
    if (rc == ZF_OK) rc = order_apply_action(&before, a->action, who, a->on, cx->calendar, &d, &after, err);
    if (rc == ZF_OK) {
        order_state_to_row(&after, row);
        rc = record_act(cx, a, &before, &after, row, err);
    }
    char now[32];
    app_utc_now(now);
    json_object_set_new(row, "updated_at", json_string(now));
    if (rc == ZF_OK) rc = app_order_put(cx->store, row, err);
    if (rc == ZF_OK) {
        char on[ZF_DATE_LEN];
        date_format(a->on, on);
        OrderTimelineRow t = {a->id, NULL, on, user_name(cx), order_action_code(a->action),
                              order_status_code(before.status), order_status_code(after.status), a->in->note};
        rc = app_order_timeline_add(cx->store, &t, err);
    }
    json_decref(row);
    return rc;
}

int app_order_act(const AppContext *cx, long long id, const OrderActInput *in, json_t **order, ZfError *err)
{
    ActArgs a = {id, in, 0, 0};
    long long out_id = id;
    if (parse_act(cx, in, &a, err) != ZF_OK) return ZF_ERR;
    int rc = in_transaction_then_get(cx, store_begin(cx->store, err), act_fn, &a, &out_id, order, err);
    /* its document is drawn after the act committed: the act never waits on rendering */
    if (rc == ZF_OK && a.action == ORDER_ISSUE) app_order_documents_due(cx, id);
    return rc;
}
