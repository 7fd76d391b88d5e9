/* See normative_common.h. */
#include "app/normative_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/logged_row.h"
#include "app/messages.h"
#include "app/normative.h"
#include "domain/law_terms.h"
#include "store/normative.h"
#include "store/settings.h"
#include "util/log.h"

const char *norm_str(const json_t *o, const char *key) { return json_string_value(json_object_get(o, key)); }

json_t *norm_body(json_t *row)
{
    json_t *b = json_object_get(row, "body");
    if (!json_is_object(b)) {
        b = json_object();
        json_object_set_new(row, "body", b);
    }
    return b;
}

bool norm_visible(const AppContext *cx, const json_t *row)
{
    if (!cx->user) return true;
    const char *issuer = norm_str(row, "issuer"), *region = norm_str(row, "region");
    return scope_allows(&cx->scope, issuer ? issuer : "", region ? region : "");
}

int norm_load(const AppContext *cx, long long id, json_t **row, ZfError *err)
{
    *row = NULL;
    if (store_normative_get(cx->store, NORMATIVE_DOC, id, row, err) != ZF_OK) return ZF_ERR;
    if (norm_visible(cx, *row)) return ZF_OK;
    json_decref(*row);
    *row = NULL;
    return zf_fail(err, 404, "not_found", NULL, "规范性文件不存在");
}

static int put_doc(Store *st, json_t *row, ZfError *err) { return store_normative_put(st, NORMATIVE_DOC, row, err); }
static int get_doc(Store *st, long long id, json_t **row, ZfError *err)
{
    return store_normative_get(st, NORMATIVE_DOC, id, row, err);
}
static const LoggedTable DOCS = {put_doc, get_doc, LEDGER_NORMATIVE_PUT, "normative_doc:", NULL};

int norm_put(const AppContext *cx, json_t *row, ZfError *err) { return app_logged_put(cx->store, &DOCS, row, err); }

const char *norm_user_name(const AppContext *cx)
{
    if (!cx->user) return "系统";
    return cx->user->display_name[0] ? cx->user->display_name : cx->user->username;
}

void norm_timeline(const AppContext *cx, json_t *row, const char *action, const char *on, const char *note)
{
    char now[32], today[ZF_DATE_LEN];
    json_t *body = norm_body(row), *tl = json_object_get(body, "timeline");
    if (!json_is_array(tl)) {
        tl = json_array();
        json_object_set_new(body, "timeline", tl);
    }
    app_utc_now(now);
    date_format(cx->today, today);
    json_array_append_new(tl, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "time", now, "on", on ? on : today, "user",
                                        cx->user ? cx->user->username : "system", "user_name", norm_user_name(cx),
                                        "action", action, "note", note ? note : ""));
}

void norm_chain_load(const AppContext *cx, NormChain *c)
{
    char text[4096];
    ZfError why;
    store_setting_text(cx->store, "normative_review_chain", "", text, sizeof text);
    if (norm_chain_parse(text, c, &why) != ZF_OK) {
        log_error("normative_chain", "setting normative_review_chain unreadable (%s): built-in chain used", why.message);
        norm_chain_defaults(c);
    }
}

static json_t *opt_name(const char *name) { return name ? json_string(name) : json_null(); }

/* The steps' names and who may act there, and the step waiting now (null when none). */
static void add_chain(json_t *v, const NormChain *c, const char *status, json_int_t current)
{
    json_t *chain = json_array();
    for (int i = 0; i < c->n; i++) json_array_append_new(chain, json_pack("{s:s, s:s}", "step", c->steps[i].code, "name", c->steps[i].name));
    json_object_set_new(v, "chain", chain);
    bool waiting = status && strcmp(status, "reviewing") == 0 && current >= 0 && current < c->n;
    json_object_set_new(v, "current_step", waiting ? json_string(c->steps[current].code) : json_null());
    json_object_set_new(v, "current_step_name", waiting ? json_string(c->steps[current].name) : json_null());
}

json_t *norm_view(const AppContext *cx, const json_t *row)
{
    json_t *v = json_deep_copy(json_object_get(row, "body")), *key, *val;
    const char *k;
    NormChain c;
    if (!json_is_object(v)) v = json_object();
    json_object_foreach((json_t *)row, k, val) if (strcmp(k, "body") != 0) json_object_set(v, k, val);
    const char *status = norm_str(v, "status");
    json_object_set_new(v, "status_name", opt_name(norm_status_name(status)));
    json_object_set_new(v, "validity_name", opt_name(norm_validity_name(norm_str(v, "validity"))));
    json_object_set_new(v, "outcome_name", opt_name(norm_outcome_name(norm_str(v, "outcome"))));
    norm_chain_load(cx, &c);
    key = json_object_get(v, "step_index");
    add_chain(v, &c, status, json_is_integer(key) ? json_integer_value(key) : -1);
    if (!json_is_array(json_object_get(v, "steps"))) json_object_set_new(v, "steps", json_array());
    if (!json_is_array(json_object_get(v, "timeline"))) json_object_set_new(v, "timeline", json_array());
    zf_day due = ZF_DAY_NONE;
    const char *due_s = norm_str(v, "review_due_on");
    bool open = status && strcmp(status, "reviewing") == 0;
    if (open && due_s) date_parse(due_s, &due);
    json_object_set_new(v, "due_colour", json_string(open ? norm_due_colour(cx->today, due, store_setting_int(cx->store, "normative_warn_days", 10)) : "green"));
    return v;
}

int norm_message_role(const AppContext *cx, const json_t *row, const char *role, const char *title, ZfError *err)
{
    json_t *users, *u;
    size_t i;
    char link[64];
    snprintf(link, sizeof link, "/normative/review/%lld", (long long)json_integer_value(json_object_get(row, "id")));
    if (store_normative_users_in_role(cx->store, role, &users, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    json_array_foreach(users, i, u) {
        DataScope s;
        scope_for_user(&s, role, NULL, norm_str(u, "region"), norm_str(u, "agency_region"));
        const char *issuer = norm_str(row, "issuer"), *region = norm_str(row, "region");
        if (rc == ZF_OK && scope_allows(&s, issuer ? issuer : "", region ? region : ""))
            rc = app_message_to_user(cx->store, norm_str(u, "username"), "normative_review", title, link, err);
    }
    json_decref(users);
    return rc;
}

void norm_audit(const AppContext *cx, const char *action, long long id, const char *detail)
{
    char target[40];
    snprintf(target, sizeof target, "normative_doc:%lld", id);
    AuditEntry e = {cx->user ? cx->user->username : NULL, cx->user ? cx->user->role : NULL, "", action, target, "ok",
                    detail};
    if (store_audit_append(cx->store, &e) != ZF_OK) log_error("audit_failed", "%s %s", action, target);
}

int norm_act_day(const AppContext *cx, const char *on, zf_day *day, ZfError *err)
{
    if (!on) {
        *day = cx->today;
        return ZF_OK;
    }
    if (!date_parse(on, day)) return zf_fail(err, 400, "invalid_field", "on", "日期应为真实存在的日期 YYYY-MM-DD");
    if (*day > cx->today) return zf_fail(err, 400, "invalid_field", "on", "日期不能晚于今天");
    return ZF_OK;
}

int norm_index(const AppContext *cx, const json_t *row, ZfError *err)
{
    const json_t *b = json_object_get(row, "body");
    const char *title = norm_str(b, "title"), *text = norm_str(b, "text"), *doc_no = norm_str(b, "doc_no");
    size_t n = strlen(title ? title : "") + strlen(text ? text : "") + strlen(doc_no ? doc_no : "") + 4;
    char *all = malloc(n), *bi = NULL, *uni = NULL;
    if (!all) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    snprintf(all, n, "%s\n%s\n%s", title ? title : "", doc_no ? doc_no : "", text ? text : "");
    int rc = law_terms_index(all, &bi, &uni) == 0
                 ? store_normative_index(cx->store, json_integer_value(json_object_get(row, "id")), bi, uni, err)
                 : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    free(all), free(bi), free(uni);
    return rc;
}
