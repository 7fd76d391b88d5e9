/* Orders across levels (docs/sync.md "Orders across levels"): an order an upper level issued about
 * an agency of a lower node goes down to that node (a copy, linked to the upper's id), its agency
 * signs for it and answers there, and the signature and the answer go back up, applied to the
 * upper's order as the agency's own acts; the upper's accept or return comes down again. A middle
 * level relays both ways: its copy is an order like any other for the level below it. */
#include <stdlib.h>
#include <string.h>

#include "app/logged_row.h"
#include "app/messages.h"
#include "app/orders.h"
#include "app/orders_log.h"
#include "app/sync.h"
#include "ledger/sync_sig.h"
#include "store/identity.h"
#include "store/orders.h"
#include "store/sync.h"
#include "util/paths.h"

#define ORDERS_PAGE 200
#define UPPER_USER "上级监督机构"

static const char *str_of(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static json_int_t int_of(const json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }
static bool is(const json_t *o, const char *k, const char *v) { return str_of(o, k) && strcmp(str_of(o, k), v) == 0; }

/* ---- upper side ---- */

static char *signed_text(const json_t *items, size_t *len)
{
    char *text = json_dumps(items, JSON_COMPACT | JSON_SORT_KEYS);
    if (text) *len = strlen(text);
    return text;
}

int app_sync_orders_for_node(Store *st, const char *db_path, const json_t *node, json_t **reply, ZfError *err)
{
    DataScope s;
    json_t *items = json_array(), *page;
    scope_for_region(&s, str_of(node, "region"));
    OrderFilter f = {.issued_only = true, .scope_region_prefix = s.region_prefix};
    for (int p = 1;; p++) {
        if (store_orders_list(st, &f, p, ORDERS_PAGE, &page, err) != ZF_OK) return json_decref(items), ZF_ERR;
        json_t *got = json_object_get(page, "items");
        size_t n = json_array_size(got);
        json_array_extend(items, got);
        json_decref(page);
        if (n < ORDERS_PAGE) break;
    }
    char key[4096], *sig = NULL;
    size_t len;
    char *msg = signed_text(items, &len);
    paths_key_file(db_path, key, sizeof key);
    int rc = msg ? sync_sign(key, msg, len, &sig, err) : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    free(msg);
    if (rc != ZF_OK) return json_decref(items), ZF_ERR;
    *reply = json_pack("{s:o, s:s}", "items", items, "signature", sig);
    free(sig);
    return ZF_OK;
}

/* The node speaks for its agency: the acts run as that agency's own (app_order_act's checks). */
static int act_as_agency(const AppContext *base, const json_t *node, const json_t *row, const char *action,
                         const json_t *response, ZfError *err)
{
    AuthUser u = {0};
    snprintf(u.username, sizeof u.username, "node:%.26s", str_of(node, "name"));
    snprintf(u.display_name, sizeof u.display_name, "下级节点“%s”", str_of(node, "name"));
    snprintf(u.role, sizeof u.role, "%s", "agency_head");
    snprintf(u.agency, sizeof u.agency, "%s", str_of(row, "agency"));
    AppContext cx = *base;
    cx.user = &u;
    scope_for_agency(&cx.scope, u.agency);
    OrderActInput in = {.action = action, .note = str_of(response, "note"),
                        .corrections = json_object_get(response, "corrections")};
    json_t *out;
    if (app_order_act(&cx, int_of(row, "id"), &in, &out, err) != ZF_OK) return ZF_ERR;
    json_decref(out);
    return ZF_OK;
}

/* One answer: the agency's signature (when the upper's order still waits for it), then its answer
 * when it is the round the upper waits for; an answer already applied changes nothing. */
static int answer_one(const AppContext *cx, const json_t *node, const json_t *a, ZfError *err)
{
    DataScope s;
    json_t *row = NULL, *resp = json_object_get(a, "response");
    json_int_t id = int_of(a, "order_id");
    scope_for_region(&s, str_of(node, "region"));
    if (store_order_get(cx->store, id, &row, err) != ZF_OK) return ZF_ERR;
    const char *region = str_of(row, "agency_region");
    int rc = ZF_OK;
    if (!region || strncmp(region, s.region_prefix, strlen(s.region_prefix)) != 0 || is(row, "status", "draft"))
        rc = zf_fail(err, 404, "not_found", NULL, "监督文书不存在或不属于该下级节点");
    if (rc == ZF_OK && is(row, "status", "issued") && (json_is_true(json_object_get(a, "received")) || resp)) {
        rc = act_as_agency(cx, node, row, "receive", NULL, err);
        json_decref(row), row = NULL;
        if (rc == ZF_OK) rc = store_order_get(cx->store, id, &row, err);
    }
    if (rc == ZF_OK && json_is_object(resp) && (is(row, "status", "received") || is(row, "status", "returned")) &&
        int_of(resp, "round") == int_of(row, "rounds") + 1)
        rc = act_as_agency(cx, node, row, "respond", resp, err);
    json_decref(row);
    return rc;
}

static json_t *apply_answer(const AppContext *cx, const json_t *node, const json_t *a)
{
    ZfError err;
    int rc = answer_one(cx, node, a, &err);
    return json_pack("{s:O, s:s}", "order_id", json_object_get(a, "order_id"), "result", rc == ZF_OK ? "ok" : err.message);
}

int app_sync_order_answers_accept(const AppContext *cx, const json_t *node, const json_t *body, json_t **reply, ZfError *err)
{
    json_t *answers = json_object_get(body, "answers"), *a, *results = json_array();
    size_t i;
    if (!json_is_array(answers) || json_array_size(answers) > 1000)
        return json_decref(results), zf_fail(err, 400, "invalid_answers", "answers", "答复格式错误（应为 answers 数组，至多 1000 项）");
    if (is(node, "status", "refused"))
        return json_decref(results), zf_fail(err, 409, "node_refused", NULL, "%s", str_of(node, "refused_reason") ?: "该下级节点已被拒收");
    json_array_foreach(answers, i, a) json_array_append_new(results, apply_answer(cx, node, a));
    *reply = json_pack("{s:o}", "results", results);
    return ZF_OK;
}

/* ---- lower side ---- */

static json_t *link_of(const json_t *links, json_int_t upper_id)
{
    size_t i;
    json_t *l;
    json_array_foreach(links, i, l) if (int_of(l, "upper_id") == upper_id) return l;
    return NULL;
}

static int tell_agency(Store *st, const json_t *row, const char *what, ZfError *err)
{
    char title[400], link[64];
    snprintf(title, sizeof title, "%s %s，请签收并于 %s 前反馈整改情况", what, str_of(row, "doc_no") ?: "", str_of(row, "due_on") ?: "");
    snprintf(link, sizeof link, "/supervision/orders/%lld", (long long)int_of(row, "id"));
    return app_message_to_agency_perm(st, str_of(row, "agency"), "orders.respond", "order_received", title, link, err);
}

static int timeline(Store *st, json_int_t id, const char *action, const char *from, const char *to, const char *note,
                    const char *on, ZfError *err)
{
    OrderTimelineRow t = {id, NULL, on, UPPER_USER, action, from, to, note ? note : ""};
    return app_order_timeline_add(st, &t, err);
}

/* A new order from above: stored as issued there, addressed to the agency, linked to the upper's id. */
static int add_copy(Store *st, const json_t *u, ZfError *err)
{
    char now[32];
    char region[7] = "";
    store_agency_region(st, str_of(u, "agency"), region);
    if (!region[0]) return ZF_OK; /* not an agency of ours (yet): the next exchange tries again */
    json_t *row = json_deep_copy(u);
    app_utc_now(now);
    json_object_del(row, "id");
    json_object_del(row, "agency_name");
    json_object_del(row, "agency_region");
    json_object_set_new(row, "finding_ids", json_array()); /* the upper's findings are not ours */
    json_object_set_new(row, "created_by", json_string(UPPER_USER));
    json_object_set_new(row, "created_at", json_string(now));
    json_object_set_new(row, "updated_at", json_string(now));
    json_object_set_new(json_object_get(row, "body"), "upper_order", json_pack("{s:O, s:O}", "id", json_object_get(u, "id"),
                                                                               "region", json_object_get(u, "region")));
    int rc = app_order_put(st, row, err);
    json_int_t id = int_of(row, "id");
    if (rc == ZF_OK) rc = timeline(st, id, "issue", "draft", str_of(row, "status"), "上级监督机构下发", str_of(row, "issued_on"), err);
    json_t *link = json_pack("{s:I, s:O, s:i, s:i}", "local_id", id, "upper_id", json_object_get(u, "id"), "sent_received", 0,
                             "sent_round", 0);
    if (rc == ZF_OK) rc = store_sync_order_link_put(st, link, err);
    if (rc == ZF_OK) rc = tell_agency(st, row, "收到上级", err);
    json_decref(link);
    json_decref(row);
    return rc;
}

/* The upper accepted or returned the answer: the copy follows (its period and rounds as the upper's). */
static int follow_decision(Store *st, const json_t *u, const json_t *link, ZfError *err)
{
    json_t *row;
    if (store_order_get(st, int_of(link, "local_id"), &row, err) != ZF_OK) return ZF_ERR;
    bool decided = is(u, "status", "accepted") || is(u, "status", "returned");
    if (!decided || !is(row, "status", "responded") || int_of(u, "rounds") < int_of(row, "rounds"))
        return json_decref(row), ZF_OK;
    char now[32], from[16];
    app_utc_now(now);
    snprintf(from, sizeof from, "%s", str_of(row, "status"));
    static const char *const COPIED[] = {"status", "due_on", "deadline_wd", "rounds", "accepted_on", "last_act_on",
                                         "escalation", "late", NULL};
    for (int i = 0; COPIED[i]; i++) json_object_set(row, COPIED[i], json_object_get(u, COPIED[i]));
    json_t *ub = json_object_get(u, "body"), *body = json_object_get(row, "body");
    json_object_set(body, "accepted", json_object_get(ub, "accepted") ?: json_null());
    json_t *returns = json_object_get(ub, "returns");
    json_object_set_new(body, "returns", returns ? json_incref(returns) : json_array());
    json_object_set_new(row, "reminded", json_string(""));
    json_object_set_new(row, "updated_at", json_string(now));
    bool returned = is(u, "status", "returned");
    json_t *last = returned ? json_array_get(json_object_get(ub, "returns"), json_array_size(json_object_get(ub, "returns")) - 1)
                            : json_object_get(ub, "accepted");
    int rc = app_order_put(st, row, err);
    if (rc == ZF_OK)
        rc = timeline(st, int_of(row, "id"), returned ? "return" : "accept", from, str_of(u, "status"), str_of(last, "note"),
                      str_of(u, "last_act_on"), err);
    if (rc == ZF_OK && returned) rc = tell_agency(st, row, "整改反馈被上级退回：", err);
    json_decref(row);
    return rc;
}

int app_sync_orders_apply(Store *st, const json_t *reply, long *applied, ZfError *err)
{
    json_t *upper, *links, *items = json_object_get(reply, "items"), *u;
    size_t i, len;
    *applied = 0;
    if (!json_is_array(items)) return zf_fail(err, 502, "bad_reply", NULL, "上级节点的监督文书答复不完整");
    if (store_sync_upper_get(st, &upper, err) != ZF_OK) return ZF_ERR;
    char *msg = signed_text(items, &len);
    int ok = msg && sync_verify(str_of(upper, "upper_key"), msg, len, str_of(reply, "signature"));
    free(msg);
    json_decref(upper);
    if (!ok) return zf_fail(err, 502, "down_signature", NULL, "上级下发监督文书的签名无效，拒绝应用");
    if (store_sync_order_links(st, &links, err) != ZF_OK) return ZF_ERR;
    int rc = store_begin(st, err);
    json_array_foreach(items, i, u) {
        if (rc != ZF_OK) break;
        json_t *link = link_of(links, int_of(u, "id"));
        rc = link ? follow_decision(st, u, link, err) : add_copy(st, u, err);
        (*applied)++;
    }
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    json_decref(links);
    return rc;
}

int app_sync_order_answers(Store *st, json_t **answers, ZfError *err)
{
    json_t *links, *l, *row;
    size_t i;
    if (store_sync_order_links(st, &links, err) != ZF_OK) return ZF_ERR;
    *answers = json_array();
    json_array_foreach(links, i, l) {
        if (store_order_get(st, int_of(l, "local_id"), &row, err) != ZF_OK) continue;
        json_t *resp = json_object_get(json_object_get(row, "body"), "response");
        bool received = !is(row, "status", "issued"), answered = is(row, "status", "responded") && json_is_object(resp);
        json_int_t round = answered ? int_of(resp, "round") : 0;
        if ((received && !int_of(l, "sent_received")) || round > int_of(l, "sent_round")) {
            json_t *a = json_pack("{s:O, s:O, s:b}", "order_id", json_object_get(l, "upper_id"), "local_id",
                                  json_object_get(l, "local_id"), "received", received);
            if (round > int_of(l, "sent_round")) json_object_set(a, "response", resp);
            json_array_append_new(*answers, a);
        }
        json_decref(row);
    }
    json_decref(links);
    return ZF_OK;
}

int app_sync_order_answers_sent(Store *st, const json_t *answers, ZfError *err)
{
    json_t *a;
    size_t i;
    int rc = store_begin(st, err);
    json_array_foreach(answers, i, a) {
        json_t *resp = json_object_get(a, "response");
        json_t *link = json_pack("{s:O, s:O, s:i, s:I}", "local_id", json_object_get(a, "local_id"), "upper_id",
                                 json_object_get(a, "order_id"), "sent_received", 1, "sent_round",
                                 resp ? int_of(resp, "round") : 0);
        if (rc == ZF_OK && !resp) { /* keep the round already sent */
            json_t *links;
            if ((rc = store_sync_order_links(st, &links, err)) == ZF_OK) {
                size_t j;
                json_t *old;
                json_array_foreach(links, j, old) if (int_of(old, "local_id") == int_of(a, "local_id"))
                    json_object_set(link, "sent_round", json_object_get(old, "sent_round"));
                json_decref(links);
            }
        }
        if (rc == ZF_OK) rc = store_sync_order_link_put(st, link, err);
        json_decref(link);
    }
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    return rc;
}
