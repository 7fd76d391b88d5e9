/* app_normative_act (normative.h): registration, the chain of review steps, send-back, the
 * conclusion, publication and repeal, each one transaction over the document row. */
#include <stdio.h>
#include <string.h>

#include "app/messages.h"
#include "app/normative.h"
#include "app/normative_common.h"
#include "app/orders.h"
#include "store/normative.h"
#include "store/settings.h"
#include "util/text.h"

typedef struct {
    const AppContext *cx;
    const NormativeAct *in;
    json_t *row, *body;
    NormChain chain;
    zf_day on;
    char on_s[ZF_DATE_LEN];
} Act;

static int conflict(ZfError *err, const char *msg) { return zf_fail(err, 409, "invalid_state", "action", "%s", msg); }
static const char *status_of(const Act *a) { return norm_str(a->row, "status"); }
static bool status_is(const Act *a, const char *s) { return strcmp(status_of(a) ? status_of(a) : "", s) == 0; }
static int step_index(const Act *a) { return (int)json_integer_value(json_object_get(a->body, "step_index")); }
static const char *role(const Act *a) { return a->cx->user ? a->cx->user->role : ""; }

static int check_opinion(const Act *a, bool required, ZfError *err)
{
    const char *o = a->in->opinion;
    if (!o || text_blank(o)) return required ? zf_fail(err, 400, "missing_field", "opinion", "请填写意见") : ZF_OK;
    if (!text_utf8_valid(o, strlen(o)) || text_utf8_chars(o) > NORM_OPINION_MAX)
        return zf_fail(err, 400, "invalid_field", "opinion", "意见不超过 2000 字");
    return ZF_OK;
}

static int do_register(Act *a, ZfError *err)
{
    char pattern[256], region_short[64], reg_no[256], due_s[ZF_DATE_LEN];
    long seq;
    int year;
    if (!status_is(a, "submitted") && !status_is(a, "held")) return conflict(err, "该文件已登记，不能重复登记");
    if (!norm_str(a->body, "text")) return conflict(err, "文件全文尚未报送（未填写或所传文件未能提取文字），应暂缓登记");
    int month, day;
    date_to_ymd(a->on, &year, &month, &day);
    store_setting_text(a->cx->store, "normative_reg_pattern", "{region_short}规备〔{year}〕{seq}号", pattern, sizeof pattern);
    store_setting_text(a->cx->store, "normative_region_short", "", region_short, sizeof region_short);
    if (store_normative_next_seq(a->cx->store, year, &seq, err) != ZF_OK ||
        norm_reg_no_format(pattern, region_short, year, seq, reg_no, sizeof reg_no, err) != ZF_OK)
        return ZF_ERR;
    zf_day due = add_nd(a->cx->calendar, a->on, store_setting_int(a->cx->store, "normative_review_days", 60));
    date_format(due, due_s);
    json_object_set_new(a->row, "reg_no", json_string(reg_no));
    json_object_set_new(a->row, "status", json_string("reviewing"));
    json_object_set_new(a->body, "registered_on", json_string(a->on_s));
    json_object_set_new(a->body, "review_due_on", json_string(due_s));
    json_object_set_new(a->body, "step_index", json_integer(0));
    norm_timeline(a->cx, a->row, "register", a->on_s, reg_no);
    return norm_message_role(a->cx, a->row, a->chain.steps[0].roles[0], "规范性文件已登记，请初审", err);
}

static int do_hold(Act *a, ZfError *err)
{
    char due_s[ZF_DATE_LEN];
    if (!status_is(a, "submitted")) return conflict(err, "只有待登记的文件可以暂缓登记");
    if (check_opinion(a, true, err) != ZF_OK) return ZF_ERR;
    date_format(a->on + store_setting_int(a->cx->store, "normative_hold_days", 15), due_s);
    json_object_set_new(a->row, "status", json_string("held"));
    json_object_set_new(a->body, "hold_reason", json_string(a->in->opinion));
    json_object_set_new(a->body, "hold_due_on", json_string(due_s));
    norm_timeline(a->cx, a->row, "hold", a->on_s, a->in->opinion);
    return app_message_to_agency_perm(a->cx->store, norm_str(a->row, "issuer"), "normative.file", "normative_review",
                                      "规范性文件暂缓登记，请限期补充材料", "/normative/mine", err);
}

/* 不予登记: not a normative document (the checklist of domain/normative.h, one item at least, and the
 * reason); the filing ends and the issuer is told. */
static int do_decline(Act *a, ZfError *err)
{
    size_t i;
    json_t *it, *items = json_array();
    if (!status_is(a, "submitted") && !status_is(a, "held")) return json_decref(items), conflict(err, "只有待登记的文件可以不予登记");
    json_array_foreach(a->in->items, i, it) {
        const NormDeclineItem *d = norm_decline_item(json_string_value(it));
        if (!d) return json_decref(items), zf_fail(err, 422, "invalid_field", "items", "不予登记的情形无法识别");
        json_array_append_new(items, json_pack("{s:s, s:s, s:s}", "code", d->code, "name", d->name, "basis", d->basis));
    }
    if (!json_array_size(items))
        return json_decref(items), zf_fail(err, 422, "missing_field", "items", "请勾选至少一项不属于规范性文件的情形");
    if (check_opinion(a, true, err) != ZF_OK) return json_decref(items), ZF_ERR;
    json_object_set_new(a->row, "status", json_string("declined"));
    json_object_set_new(a->body, "decline", json_pack("{s:o, s:s, s:s}", "items", items, "reason", a->in->opinion, "on", a->on_s));
    norm_timeline(a->cx, a->row, "decline", a->on_s, a->in->opinion);
    return app_message_to_agency_perm(a->cx->store, norm_str(a->row, "issuer"), "normative.file", "normative_review",
                                      "报送备案的文件不属于规范性文件，不予登记", "/normative/mine", err);
}

static int check_outcome(const char *outcome, bool required, ZfError *err)
{
    if (!outcome) return required ? zf_fail(err, 400, "missing_field", "outcome", "请选择审查结论") : ZF_OK;
    return norm_outcome_name(outcome) ? ZF_OK : zf_fail(err, 400, "invalid_field", "outcome", "审查结论应为无异议、建议修改、纠正或提请撤销");
}

static int do_review(Act *a, ZfError *err)
{
    if (!status_is(a, "reviewing")) return conflict(err, "该文件不在审查中");
    int want = norm_chain_index(&a->chain, a->in->step), at = step_index(a);
    if (want < 0) return zf_fail(err, 400, "invalid_field", "step", "审查步骤不存在");
    if (want != at)
        return zf_fail(err, 409, "step_out_of_order", "step", "审查应依次进行：当前应为“%s”",
                       at < a->chain.n ? a->chain.steps[at].name : "作出审查结论");
    if (a->cx->user && !norm_step_allows(&a->chain.steps[at], role(a)))
        return zf_fail(err, 403, "forbidden", "step", "“%s”不由您办理", a->chain.steps[at].name);
    if (check_opinion(a, true, err) != ZF_OK || check_outcome(a->in->outcome, false, err) != ZF_OK) return ZF_ERR;
    json_t *step = json_pack("{s:s, s:s, s:s, s:s, s:s}", "step", a->chain.steps[at].code, "name",
                             a->chain.steps[at].name, "by", a->cx->user ? a->cx->user->username : "system", "on",
                             a->on_s, "opinion", a->in->opinion);
    json_object_set_new(step, "by_name", json_string(norm_user_name(a->cx)));
    if (a->in->outcome) json_object_set_new(step, "outcome", json_string(a->in->outcome));
    if (json_is_array(a->in->points)) json_object_set(step, "points", (json_t *)a->in->points);
    json_t *cited;
    if (norm_citations_resolve(a->cx, a->in->citations, &cited, err) != ZF_OK) return json_decref(step), ZF_ERR;
    if (cited) json_object_set_new(step, "citations", cited);
    json_array_append_new(json_object_get(a->body, "steps"), step);
    json_object_set_new(a->body, "step_index", json_integer(at + 1));
    norm_timeline(a->cx, a->row, "review", a->on_s, a->chain.steps[at].name);
    if (at + 1 < a->chain.n)
        return norm_message_role(a->cx, a->row, a->chain.steps[at + 1].roles[0], "规范性文件待审查", err);
    return ZF_OK;
}

/* The step acting now: the one waiting, or the last once all are done (before the conclusion). */
static const NormStep *acting_step(const Act *a)
{
    int at = step_index(a);
    return &a->chain.steps[at < a->chain.n ? at : a->chain.n - 1];
}

static int do_return(Act *a, ZfError *err)
{
    if (!status_is(a, "reviewing")) return conflict(err, "该文件不在审查中");
    int to = norm_chain_index(&a->chain, a->in->step), at = step_index(a);
    if (to < 0) return zf_fail(err, 400, "invalid_field", "step", "退回的步骤不存在");
    if (to >= at) return zf_fail(err, 409, "step_out_of_order", "step", "只能退回到已经办理过的步骤");
    if (a->cx->user && !norm_step_allows(acting_step(a), role(a)))
        return zf_fail(err, 403, "forbidden", "step", "“%s”不由您办理", acting_step(a)->name);
    if (check_opinion(a, true, err) != ZF_OK) return ZF_ERR;
    json_t *steps = json_object_get(a->body, "steps"), *s;
    size_t i;
    json_array_foreach(steps, i, s) {
        int k = norm_chain_index(&a->chain, norm_str(s, "step"));
        if (k >= to && !json_is_true(json_object_get(s, "superseded"))) json_object_set_new(s, "superseded", json_true());
    }
    json_object_set_new(a->body, "step_index", json_integer(to));
    char note[NORM_OPINION_MAX * 4 + 80];
    snprintf(note, sizeof note, "退回%s：%s", a->chain.steps[to].name, a->in->opinion);
    norm_timeline(a->cx, a->row, "return", a->on_s, note);
    return norm_message_role(a->cx, a->row, a->chain.steps[to].roles[0], "规范性文件审查被退回，请重新办理", err);
}

/* 纠正: the issuer must correct within normative_correct_days, followed as a 执法监督意见书. */
static int follow_correction(Act *a, ZfError *err)
{
    char due_s[ZF_DATE_LEN], source[48];
    long long order_id = 0;
    date_format(add_nd(a->cx->calendar, a->on, store_setting_int(a->cx->store, "normative_correct_days", 30)), due_s);
    json_object_set_new(a->body, "correct_by", json_string(due_s));
    snprintf(source, sizeof source, "normative_doc:%lld", (long long)json_integer_value(json_object_get(a->row, "id")));
    OrderDraft d = {.kind = "opinion", .agency = norm_str(a->row, "issuer"), .problem = a->in->opinion,
                    .measures = "依审查意见纠正该规范性文件，并报告处理情况", .source = source};
    if (app_order_create_in(a->cx, &d, &order_id, err) != ZF_OK) return ZF_ERR;
    json_object_set_new(a->body, "order_id", json_integer(order_id));
    return ZF_OK;
}

static int do_conclude(Act *a, ZfError *err)
{
    if (!status_is(a, "reviewing")) return conflict(err, "该文件不在审查中");
    if (step_index(a) < a->chain.n) return zf_fail(err, 409, "step_out_of_order", "step", "审查步骤尚未全部完成");
    if (a->cx->user && !norm_step_allows(acting_step(a), role(a)))
        return zf_fail(err, 403, "forbidden", "action", "审查结论由“%s”作出", acting_step(a)->name);
    if (check_outcome(a->in->outcome, true, err) != ZF_OK || check_opinion(a, true, err) != ZF_OK) return ZF_ERR;
    json_t *cited;
    char title[600] = "规范性文件审查已作出结论", cites[480];
    if (norm_citations_resolve(a->cx, a->in->citations, &cited, err) != ZF_OK) return ZF_ERR;
    if (cited) {
        norm_citations_text(cited, cites, sizeof cites);
        snprintf(title, sizeof title, "规范性文件审查已作出结论（%s：与上位法%s抵触）", norm_outcome_name(a->in->outcome), cites);
        json_object_set_new(a->body, "citations", cited);
    }
    zf_day reg;
    date_parse(norm_str(a->body, "registered_on"), &reg);
    json_object_set_new(a->row, "status", json_string("concluded"));
    json_object_set_new(a->body, "outcome", json_string(a->in->outcome));
    json_object_set_new(a->body, "conclusion", json_string(a->in->opinion));
    json_object_set_new(a->body, "concluded_on", json_string(a->on_s));
    json_object_set_new(a->body, "review_days", json_integer(a->on - reg));
    norm_timeline(a->cx, a->row, "conclude", a->on_s, norm_outcome_name(a->in->outcome));
    if (strcmp(a->in->outcome, "correct") == 0 && follow_correction(a, err) != ZF_OK) return ZF_ERR;
    return app_message_to_agency_perm(a->cx->store, norm_str(a->row, "issuer"), "normative.file", "normative_review",
                                      title, "/normative/mine", err);
}

/* A published revision leaves the document it revises 已修改. */
static int mark_revised(Act *a, ZfError *err)
{
    json_t *orig;
    long long of = json_integer_value(json_object_get(a->body, "revision_of"));
    if (!of) return ZF_OK;
    if (store_normative_get(a->cx->store, NORMATIVE_DOC, of, &orig, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    if (strcmp(norm_str(orig, "validity") ? norm_str(orig, "validity") : "", "valid") == 0) {
        json_object_set_new(orig, "validity", json_string("amended"));
        json_object_set_new(norm_body(orig), "revised_by", json_pack("{s:O, s:O, s:O}", "id", json_object_get(a->row, "id"), "reg_no",
                                                                     json_object_get(a->row, "reg_no"), "title",
                                                                     json_object_get(a->body, "title")));
        norm_timeline(a->cx, orig, "amended", a->on_s, norm_str(a->row, "reg_no"));
        rc = norm_put(a->cx, orig, err);
    }
    json_decref(orig);
    return rc;
}

static int do_publish(Act *a, ZfError *err)
{
    if (!status_is(a, "reviewing") && !status_is(a, "concluded")) return conflict(err, "文件登记后才能公布");
    if (json_is_string(json_object_get(a->row, "validity"))) return conflict(err, "该文件已公布");
    const char *outcome = norm_str(a->body, "outcome");
    if (outcome && (strcmp(outcome, "correct") == 0 || strcmp(outcome, "revoke") == 0))
        return conflict(err, "审查结论为纠正或提请撤销的文件不予公布");
    json_object_set_new(a->row, "validity", json_string("valid"));
    json_object_set_new(a->body, "listed_on", json_string(a->on_s));
    norm_timeline(a->cx, a->row, "publish", a->on_s, "统一公布");
    return mark_revised(a, err);
}

static int do_repeal(Act *a, ZfError *err)
{
    const char *v = norm_str(a->row, "validity");
    if (!v || strcmp(v, "repealed") == 0) return conflict(err, "只有已公布的有效文件可以废止");
    if (check_opinion(a, false, err) != ZF_OK) return ZF_ERR;
    json_object_set_new(a->row, "validity", json_string("repealed"));
    json_object_set_new(a->body, "repealed_on", json_string(a->on_s));
    norm_timeline(a->cx, a->row, "repeal", a->on_s, a->in->opinion);
    return ZF_OK;
}

static const struct {
    const char *name;
    int (*fn)(Act *a, ZfError *err);
} ACTS[] = {{"register", do_register}, {"hold", do_hold}, {"decline", do_decline}, {"review", do_review}, {"return", do_return},
            {"conclude", do_conclude}, {"publish", do_publish}, {"repeal", do_repeal}};

static int act_in(Act *a, ZfError *err)
{
    for (size_t i = 0; i < sizeof ACTS / sizeof *ACTS; i++) {
        if (!a->in->action || strcmp(a->in->action, ACTS[i].name) != 0) continue;
        if (ACTS[i].fn(a, err) != ZF_OK) return ZF_ERR;
        if (norm_put(a->cx, a->row, err) != ZF_OK) return ZF_ERR;
        norm_audit(a->cx, "normative_act", json_integer_value(json_object_get(a->row, "id")), a->in->action);
        return ZF_OK;
    }
    return zf_fail(err, 400, "invalid_field", "action", "无法识别的操作");
}

int app_normative_act(const AppContext *cx, long long id, const NormativeAct *in, json_t **doc, ZfError *err)
{
    Act a = {.cx = cx, .in = in};
    if (norm_act_day(cx, in->on, &a.on, err) != ZF_OK) return ZF_ERR;
    date_format(a.on, a.on_s);
    norm_chain_load(cx, &a.chain);
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = norm_load(cx, id, &a.row, err);
    if (rc == ZF_OK) {
        a.body = norm_body(a.row);
        if (!json_is_array(json_object_get(a.body, "steps"))) json_object_set_new(a.body, "steps", json_array());
        rc = act_in(&a, err);
    }
    json_decref(a.row);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    return rc == ZF_OK ? app_normative_get(cx, id, doc, err) : ZF_ERR;
}
