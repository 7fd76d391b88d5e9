/* 行政复议: registering an application and reading the records (see reconsideration.h). The steps
 * after registration are reconsideration_act.c. */
#include "app/reconsideration.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/logged_row.h"
#include "app/normative_incidental.h"
#include "app/reconsideration_log.h"
#include "app/reconsideration_opinion.h"
#include "app/reconsideration_periods.h"
#include "app/reconsideration_yearly.h"
#include "domain/recon_act_kinds.h"
#include "domain/orders.h"
#include "domain/recon_flow.h"
#include "domain/workflow/doc_number.h"
#include "store/findings.h"
#include "store/settings.h"
#include "util/text.h"

#define NAME_MAX_CHARS 100
#define TEXT_MAX_BYTES 6000 /* 2,000 Chinese characters */
#define FACTS_MAX_BYTES 30000
#define DEFAULT_PATTERN "{abbr}政复〔{year}〕{seq}号"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static const char *user_name(const AppContext *cx) { return cx->user ? cx->user->username : "portal"; }

bool recon_visible(const AppContext *cx, const json_t *row)
{
    if (!cx->user) return true; /* the system, the portal's own lookups */
    const char *region = str(row, "respondent_region");
    if (!scope_allows(&cx->scope, str(row, "respondent"), region ? region : "")) return false;
    /* the respondent learns of the case when it is accepted (the copy is sent to it) */
    return cx->scope.kind != SCOPE_AGENCY || str(row, "accepted_on");
}

static int load_visible(const AppContext *cx, long long id, json_t **row, ZfError *err)
{
    if (store_recon_get(cx->store, id, row, err) != ZF_OK) return ZF_ERR;
    if (recon_visible(cx, *row)) return ZF_OK;
    json_decref(*row);
    *row = NULL;
    return zf_fail(err, 404, "not_found", NULL, "行政复议案件不存在");
}

/* The timeline's entries that are not steps of the table. */
static const char *timeline_only_name(const char *action)
{
    static const char *const NAMES[][2] = {
        {"register", "收到申请"}, {"incidental", "附带审查申请"}, {"attach", "上传材料"},
        {"withhold", "决定书不予公开"}, {"publish", "决定书公开"}, {"delivery_sent", "电子送达"},
        {"delivery_opened", "申请人打开送达链接"}, {"delivery_confirmed", "申请人确认收到"},
        {"delivery_locked", "送达链接锁定"}, {NULL, NULL}};
    for (size_t i = 0; action && NAMES[i][0]; i++)
        if (strcmp(NAMES[i][0], action) == 0) return NAMES[i][1];
    return "其他";
}

/* The steps cx->user may take now: the status allows them and his side is theirs. */
static json_t *actions_for(const AppContext *cx, const json_t *row)
{
    json_t *list = json_array();
    for (const ReconActionDef *a = RECON_ACTIONS; a->code; a++)
        if (recon_action_allowed_from(a, str(row, "status")) && recon_opinion_step_open(row, a->code) && cx->user &&
            recon_may_take(cx, row, a))
            json_array_append_new(list, json_pack("{s:s, s:s}", "code", a->code, "name", a->name));
    return list;
}

static int get_record(const AppContext *cx, long long id, bool check_scope, json_t **record, ZfError *err)
{
    json_t *row, *timeline;
    if (check_scope ? load_visible(cx, id, &row, err) != ZF_OK : store_recon_get(cx->store, id, &row, err) != ZF_OK)
        return ZF_ERR;
    if (store_recon_timeline(cx->store, id, &timeline, err) != ZF_OK) return json_decref(row), ZF_ERR;
    *record = recon_view(cx, row);
    size_t i;
    json_t *t;
    json_array_foreach(timeline, i, t) {
        const ReconActionDef *a = recon_action(str(t, "action"));
        json_object_set_new(t, "action_name", json_string(a ? a->name : timeline_only_name(str(t, "action"))));
    }
    json_object_set_new(*record, "timeline", timeline);
    json_object_set_new(*record, "actions", actions_for(cx, row));
    json_decref(row);
    return ZF_OK;
}

int app_recon_get(const AppContext *cx, long long id, json_t **record, ZfError *err)
{
    return get_record(cx, id, true, record, err);
}

int recon_get_written(const AppContext *cx, long long id, json_t **record, ZfError *err)
{
    return get_record(cx, id, false, record, err);
}

static void scope_filter(const AppContext *cx, ReconFilter *f)
{
    if (!cx->user) return;
    if (cx->scope.kind == SCOPE_AGENCY) f->scope_agency = cx->scope.agency, f->accepted_only = true;
    else if (cx->scope.kind == SCOPE_REGION) f->scope_region_prefix = cx->scope.region_prefix;
    else f->scope_nothing = true;
}

int app_recons_list(const AppContext *cx, ReconFilter *f, int page, int size, json_t **out, ZfError *err)
{
    scope_filter(cx, f);
    if (store_recons_list(cx->store, f, page, size, out, err) != ZF_OK) return ZF_ERR;
    json_t *items = json_object_get(*out, "items"), *views = json_array(), *row;
    size_t i;
    json_array_foreach(items, i, row) json_array_append_new(views, recon_view(cx, row));
    json_object_set_new(*out, "items", views);
    return ZF_OK;
}

static void name_codes(json_t *list, const char *key, const char *(*name)(const char *))
{
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item) {
        const char *n = name(str(item, key));
        json_object_set_new(item, "name", json_string(n ? n : ""));
    }
}

int app_recons_stats(const AppContext *cx, ReconFilter *f, json_t **out, ZfError *err)
{
    scope_filter(cx, f);
    if (store_recons_stats(cx->store, f, out, err) != ZF_OK) return ZF_ERR;
    name_codes(json_object_get(*out, "reject_reasons"), "reason", recon_reject_reason);
    name_codes(json_object_get(*out, "outcomes"), "outcome", recon_outcome_name);
    json_t *kinds; /* by the contested act's kind (reconsideration_yearly.c) */
    if (app_recons_by_kind(cx, f, &kinds, err) != ZF_OK) return json_decref(*out), *out = NULL, ZF_ERR;
    json_object_set_new(*out, "kinds", kinds);
    return ZF_OK;
}

/* ---- registering ---- */

static int text_field(const json_t *o, const char *key, const char *field, const char *label, size_t max, bool required,
                      ZfError *err)
{
    json_t *v = json_object_get(o, key);
    const char *s = json_string_value(v);
    if (v && !json_is_null(v) && !s) return zf_fail(err, 400, "invalid_field", field, "%s格式不正确", label);
    if (required && text_blank(s)) return zf_fail(err, 400, "missing_field", field, "请填写%s", label);
    if (s && (strlen(s) > max || !text_utf8_valid(s, strlen(s))))
        return zf_fail(err, 400, "too_long", field, "%s过长或含有无效字符", label);
    return ZF_OK;
}

static int date_field(const json_t *o, const char *key, const char *field, const char *label, zf_day *out, ZfError *err)
{
    if (!str(o, key)) return zf_fail(err, 400, "missing_field", field, "请填写%s", label);
    if (!date_parse(str(o, key), out)) return zf_fail(err, 400, "invalid_date", field, "%s格式应为 YYYY-MM-DD", label);
    return ZF_OK;
}

static int check_applicant(const json_t *a, ZfError *err)
{
    if (!json_is_object(a)) return zf_fail(err, 400, "missing_field", "applicant", "请填写申请人");
    const char *kind = str(a, "kind");
    if (!kind || (strcmp(kind, "person") != 0 && strcmp(kind, "org") != 0))
        return zf_fail(err, 400, "invalid_field", "applicant.kind", "请选择申请人是公民还是法人或者其他组织");
    if (text_field(a, "name", "applicant.name", "申请人姓名（名称）", 300, true, err) != ZF_OK ||
        text_field(a, "id_no", "applicant.id_no", "申请人身份证件号码（统一社会信用代码）", 30, true, err) != ZF_OK ||
        text_field(a, "phone", "applicant.phone", "联系电话", 20, false, err) != ZF_OK ||
        text_field(a, "address", "applicant.address", "住所", 600, false, err) != ZF_OK)
        return ZF_ERR;
    return ZF_OK;
}

typedef struct {
    zf_day received_on, known_on, decided_on;
    const char *procedure, *channel;
    json_t *respondent; /* the agency's record */
    const char *linked_case_no;
} Checked;

static const char *const CHANNELS[] = {"counter", "letter", "post", "portal", NULL};
static const char *const CHANNEL_NAMES[] = {"当面提出", "来信", "邮寄", "网上申请", NULL};

static const char *channel_name(const char *code)
{
    for (int i = 0; code && CHANNELS[i]; i++)
        if (strcmp(CHANNELS[i], code) == 0) return CHANNEL_NAMES[i];
    return "";
}

static bool one_of(const char *s, const char *const *list)
{
    for (; s && *list; list++)
        if (strcmp(s, *list) == 0) return true;
    return false;
}

static int load_body(Store *st, RecordType type, const char *key, json_t **out, ZfError *err)
{
    char *body;
    *out = NULL;
    if (store_record_get(st, type, key, &body, err) != ZF_OK) return ZF_ERR;
    *out = json_loads(body, 0, NULL);
    free(body);
    return *out ? ZF_OK : zf_fail(err, 500, "internal", NULL, "记录内容无法读取");
}

static int check_act(const AppContext *cx, const json_t *act, Checked *c, ZfError *err)
{
    if (!json_is_object(act)) return zf_fail(err, 400, "missing_field", "act", "请填写被申请复议的行政行为");
    if (text_field(act, "case_no", "act.case_no", "案号", 128, false, err) != ZF_OK ||
        text_field(act, "doc_no", "act.doc_no", "文号", 128, false, err) != ZF_OK ||
        text_field(act, "title", "act.title", "行政行为名称", 600, false, err) != ZF_OK ||
        date_field(act, "decided_on", "act.decided_on", "行政行为作出日期", &c->decided_on, err) != ZF_OK ||
        date_field(act, "known_on", "act.known_on", "知道该行政行为的日期", &c->known_on, err) != ZF_OK)
        return ZF_ERR;
    if (str(act, "kind") && !recon_act_kind_name(str(act, "kind")))
        return zf_fail(err, 400, "invalid_field", "act.kind", "请选择被申请复议的行政行为类别");
    if (c->known_on < c->decided_on)
        return zf_fail(err, 422, "invalid_date", "act.known_on", "知道行政行为的日期不能早于其作出日期");
    if (c->known_on > c->received_on)
        return zf_fail(err, 422, "invalid_date", "act.known_on", "知道行政行为的日期不能晚于收到申请的日期");
    const char *case_no = str(act, "case_no");
    json_t *rec = NULL;
    ZfError ignored;
    /* linked only when the number is a stored case of the respondent: a number the applicant got
     * wrong leaves the application as it is, unlinked */
    if (case_no && load_body(cx->store, REC_CASE, case_no, &rec, &ignored) == ZF_OK &&
        str(rec, "agency") && strcmp(str(rec, "agency"), str(c->respondent, "code")) == 0)
        c->linked_case_no = case_no;
    json_decref(rec);
    return ZF_OK;
}

static int check_application(const AppContext *cx, const json_t *in, Checked *c, ZfError *err)
{
    *c = (Checked){0};
    if (!json_is_object(in)) return zf_fail(err, 400, "invalid_body", NULL, "请求内容应为对象");
    if (check_applicant(json_object_get(in, "applicant"), err) != ZF_OK) return ZF_ERR;
    if (text_field(in, "respondent", "respondent", "被申请人", 18, true, err) != ZF_OK ||
        text_field(in, "request", "request", "行政复议请求", TEXT_MAX_BYTES, true, err) != ZF_OK ||
        text_field(in, "facts", "facts", "事实和理由", FACTS_MAX_BYTES, true, err) != ZF_OK ||
        text_field(in, "compensation", "compensation", "行政赔偿请求", TEXT_MAX_BYTES, false, err) != ZF_OK ||
        text_field(in, "representative", "representative", "代理人", 300, false, err) != ZF_OK ||
        date_field(in, "received_on", "received_on", "收到申请日期", &c->received_on, err) != ZF_OK)
        return ZF_ERR;
    if (c->received_on > cx->today) return zf_fail(err, 422, "invalid_date", "received_on", "收到申请日期不能晚于今天");
    c->procedure = str(in, "procedure") ? str(in, "procedure") : "ordinary";
    if (strcmp(c->procedure, "ordinary") != 0 && strcmp(c->procedure, "simple") != 0)
        return zf_fail(err, 400, "invalid_field", "procedure", "请选择普通程序或简易程序");
    /* 电子送达 of the 文书 only where the applicant consented (行政复议法 第八十八条 → 民事诉讼法 第九十条) */
    const json_t *consent = json_object_get(in, "service_consent");
    if (consent && !json_is_null(consent) && !json_is_boolean(consent))
        return zf_fail(err, 400, "invalid_field", "service_consent", "是否同意电子送达应为是或否");
    c->channel = str(in, "channel") ? str(in, "channel") : "counter";
    if (!one_of(c->channel, CHANNELS)) return zf_fail(err, 400, "invalid_field", "channel", "请选择申请方式");
    const json_t *inc = json_object_get(in, "incidental");
    if (inc && !json_is_null(inc) &&
        (!json_is_object(inc) || text_field(inc, "reason", "incidental.reason", "附带审查的理由", TEXT_MAX_BYTES, true, err) ||
         text_field(inc, "doc_no", "incidental.doc_no", "规范性文件文号", 128, false, err) ||
         text_field(inc, "title", "incidental.title", "规范性文件名称", 600, false, err)))
        return err->status ? ZF_ERR : zf_fail(err, 400, "invalid_field", "incidental", "附带审查申请格式不正确");
    /* the respondent as stored, in the caller's scope: out of scope and absent look the same */
    const char *code = str(in, "respondent");
    if (load_body(cx->store, REC_AGENCY, code, &c->respondent, err) != ZF_OK ||
        (cx->user && !scope_allows(&cx->scope, code, str(c->respondent, "region") ? str(c->respondent, "region") : ""))) {
        json_decref(c->respondent), c->respondent = NULL;
        return zf_fail(err, 404, "not_found", "respondent", "被申请人不存在");
    }
    if (check_act(cx, json_object_get(in, "act"), c, err) != ZF_OK) return json_decref(c->respondent), ZF_ERR;
    return ZF_OK;
}

static int allocate_case_no(const AppContext *cx, const char *region, zf_day on, char *out, size_t size, ZfError *err)
{
    char pattern[160], abbr[64];
    long seq;
    int year, m, d;
    store_setting_text(cx->store, "recon_case_number_pattern", DEFAULT_PATTERN, pattern, sizeof pattern);
    order_region_abbr(cx->regions ? regions_name(cx->regions, region) : NULL, abbr, sizeof abbr);
    if (!abbr[0]) snprintf(abbr, sizeof abbr, "%s", "复议");
    date_to_ymd(on, &year, &m, &d);
    if (store_recon_next_seq(cx->store, region, year, &seq, err) != ZF_OK) return ZF_ERR;
    return doc_number_format(pattern, abbr, year, seq, out, size, err);
}

/* The application's own words, as given: what the body keeps. */
static json_t *application_body(const AppContext *cx, const json_t *in, const Checked *c)
{
    static const char *const KEPT[] = {"applicant", "representative", "act", "request", "facts", "compensation",
                                       "incidental", "hearing_wanted", "materials", "third_parties",
                                       "service_consent", NULL};
    json_t *body = json_object();
    for (const char *const *k = KEPT; *k; k++) {
        json_t *v = json_object_get(in, *k);
        if (v && !json_is_null(v)) json_object_set(body, *k, v);
    }
    ReconPeriods p;
    recon_periods_load(cx->store, &p);
    char due[ZF_DATE_LEN];
    date_format(add_nd(cx->calendar, c->known_on, p.apply_nd), due);
    json_object_set_new(body, "apply_due_on", json_string(due));
    json_object_set_new(body, "late", json_boolean(recon_application_late(cx->calendar, &p, c->known_on, c->received_on)));
    json_object_set_new(body, "extension_days", json_integer(0));
    json_object_set_new(body, "suspended_days", json_integer(0));
    return body;
}

static json_t *new_row(const AppContext *cx, const json_t *in, const Checked *c, const char *case_no)
{
    char now[32], received[ZF_DATE_LEN];
    app_utc_now(now);
    date_format(c->received_on, received);
    const char *region = str(c->respondent, "region") ? str(c->respondent, "region") : "";
    json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "case_no", case_no, "region",
                            region, "respondent", str(c->respondent, "code"), "status", "received", "procedure",
                            c->procedure, "channel", c->channel, "received_on", received, "body",
                            application_body(cx, in, c), "created_by", user_name(cx), "created_at", now, "updated_at",
                            now);
    if (c->linked_case_no) json_object_set_new(row, "linked_case_no", json_string(c->linked_case_no));
    return row;
}

static int timeline(const AppContext *cx, long long id, const char *on, const char *action, const char *from,
                    const char *to, const char *note, ZfError *err)
{
    ReconTimelineRow t = {id, NULL, on, user_name(cx), action, from, to, note};
    return app_recon_timeline_add(cx->store, &t, err);
}

/* 第十三条 附带审查: handed to the 备案审查 platform; a refusal (501 while it is not installed) is
 * recorded on the timeline and does not fail the application. */
static int forward_incidental(const AppContext *cx, json_t *row, ZfError *err)
{
    json_t *body = json_object_get(row, "body"), *inc = json_object_get(body, "incidental");
    if (!json_is_object(inc)) return ZF_OK;
    long long id = json_integer_value(json_object_get(row, "id")), task = 0;
    char note[600];
    ZfError why = {0};
    NormativeIncidentalRequest req = {id, str(row, "case_no"), str(inc, "doc_no"), str(inc, "title"),
                                      str(inc, "reason"), str(row, "received_on")};
    if (store_savepoint(cx->store, "recon_incidental", err) != ZF_OK) return ZF_ERR;
    if (app_normative_incidental_open_in(cx, &req, &task, &why) == ZF_OK) {
        if (store_release(cx->store, "recon_incidental", err) != ZF_OK) return ZF_ERR;
        json_object_set_new(inc, "task_id", json_integer(task));
        json_object_set_new(inc, "forwarded", json_true());
        snprintf(note, sizeof note, "附带审查申请已转送规范性文件备案审查（审查任务 %lld）", task);
    } else {
        store_rollback_to(cx->store, "recon_incidental");
        json_object_set_new(inc, "forwarded", json_false());
        json_object_set_new(inc, "not_forwarded_reason", json_string(why.message));
        snprintf(note, sizeof note, "附带审查申请未能转送：%s", why.message);
    }
    return app_recon_put(cx->store, row, err) == ZF_OK
               ? timeline(cx, id, str(row, "received_on"), "incidental", NULL, NULL, note, err)
               : ZF_ERR;
}

static int create_in(const AppContext *cx, const json_t *in, long long *id, ZfError *err)
{
    Checked c;
    char case_no[160];
    if (check_application(cx, in, &c, err) != ZF_OK) return ZF_ERR;
    const char *region = str(c.respondent, "region") ? str(c.respondent, "region") : "";
    int rc = allocate_case_no(cx, region, c.received_on, case_no, sizeof case_no, err);
    json_t *row = rc == ZF_OK ? new_row(cx, in, &c, case_no) : NULL;
    json_decref(c.respondent);
    if (rc == ZF_OK) rc = app_recon_put(cx->store, row, err);
    *id = json_integer_value(json_object_get(row, "id"));
    char note[200];
    snprintf(note, sizeof note, "收到行政复议申请（%s）%s", channel_name(c.channel),
             json_is_true(json_object_get(json_object_get(row, "body"), "late")) ? "；已超过第二十条规定的申请期限" : "");
    if (rc == ZF_OK) rc = timeline(cx, *id, str(row, "received_on"), "register", NULL, "received", note, err);
    if (rc == ZF_OK) rc = forward_incidental(cx, row, err);
    json_decref(row);
    return rc;
}

int app_recon_create(const AppContext *cx, const json_t *application, json_t **record, ZfError *err)
{
    long long id = 0;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = create_in(cx, application, &id, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    if (rc != ZF_OK) return ZF_ERR;
    return recon_get_written(cx, id, record, err);
}
