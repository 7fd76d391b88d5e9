/* /api/v1/sync/…: a lower node's calls (enrol, cursor, batches: perm "node", authenticated here by
 * its token and signature, never by a session) and the 多级汇聚 pages' reads (sync.read).
 * Contract: docs/sync.md. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "api/api.h"
#include "api/params.h"
#include "app/sync.h"
#include "http/auth.h"
#include "store/sync.h"

static const char *header(HttpRequest *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

/* The node calling, or a 401 reply (and NULL). enrol_key: the key being enrolled, for the enrolment. */
static json_t *node_of_request(HttpRequest *req, const char *enrol_key)
{
    const char *auth = header(req, MHD_HTTP_HEADER_AUTHORIZATION);
    SyncCall c = {.token = auth && strncasecmp(auth, "Zhifa-Node ", 11) == 0 ? auth + 11 : NULL,
                  .time = header(req, "X-Zhifa-Time"),
                  .signature = header(req, "X-Zhifa-Signature"),
                  .method = req->method,
                  .path = req->path,
                  .body = req->body,
                  .body_len = req->body_len,
                  .now = (long long)time(NULL),
                  .enrol_key = enrol_key};
    json_t *node;
    ZfError err;
    if (app_sync_authenticate(req->store, &c, &node, &err) != ZF_OK) {
        auth_audit(req, "sync_denied", req->path, "denied", err.code);
        http_reply_zferror(req, &err);
        return NULL;
    }
    snprintf(req->token_user, sizeof req->token_user, "node:%s", json_string_value(json_object_get(node, "name")));
    req->user = req->token_user;
    return node;
}

int api_sync_enrol(HttpRequest *req)
{
    json_t *body = http_body_json(req), *reply;
    if (!body) return 0;
    const char *key = json_string_value(json_object_get(body, "public_key"));
    if (key && strlen(key) > 4096) key = NULL;
    /* the token first (401), then the key: the signature is checked with the key being enrolled */
    json_t *node = node_of_request(req, key ? key : "");
    if (!node) return json_decref(body), 0;
    ZfError err;
    int rc = app_sync_enrol_accept(req->store, req->server->db_path, node, key, &reply, &err);
    json_decref(body);
    auth_audit(req, "sync_enrol", json_string_value(json_object_get(node, "name")), rc == ZF_OK ? "ok" : "refused",
               rc == ZF_OK ? NULL : err.code);
    json_decref(node);
    return rc == ZF_OK ? http_reply_json(req, 200, reply) : http_reply_zferror(req, &err);
}

int api_sync_cursor(HttpRequest *req)
{
    json_t *node = node_of_request(req, NULL);
    if (!node) return 0;
    json_t *out = app_sync_cursor(node);
    json_decref(node);
    return http_reply_json(req, 200, out);
}

int api_sync_batches_create(HttpRequest *req)
{
    json_t *node = node_of_request(req, NULL), *ack;
    if (!node) return 0;
    ZfError err;
    int rc = app_sync_receive(req->store, req->server->db_path, node, req->body ? req->body : "", req->body_len,
                              req->calendar, req->today, &ack, &err);
    char detail[96];
    snprintf(detail, sizeof detail, "%s", rc == ZF_OK ? "" : err.code);
    auth_audit(req, "sync_batch", json_string_value(json_object_get(node, "name")), rc == ZF_OK ? "ok" : "refused",
               rc == ZF_OK ? NULL : detail);
    json_decref(node);
    return rc == ZF_OK ? http_reply_json(req, 200, ack) : http_reply_zferror(req, &err);
}

/* Downward: what this level published after ?after=N, signed (docs/sync.md "Downward"). */
int api_sync_down(HttpRequest *req)
{
    json_t *node = node_of_request(req, NULL), *reply;
    if (!node) return 0;
    json_decref(node);
    const char *after = http_query(req, "after");
    char *end = NULL;
    long long n = after ? strtoll(after, &end, 10) : 0;
    if (after && (!*after || *end || n < 0))
        return http_reply_error(req, 400, "invalid_after", "after", "after 应为非负整数");
    ZfError err;
    if (app_sync_down_items(req->store, req->server->db_path, n, &reply, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, reply);
}

/* Orders across levels (docs/sync.md): the orders about the node's agencies, signed. */
int api_sync_orders(HttpRequest *req)
{
    json_t *node = node_of_request(req, NULL), *reply;
    if (!node) return 0;
    ZfError err;
    int rc = app_sync_orders_for_node(req->store, req->server->db_path, node, &reply, &err);
    json_decref(node);
    return rc == ZF_OK ? http_reply_json(req, 200, reply) : http_reply_zferror(req, &err);
}

/* The node's agencies' signatures and answers, applied as their own acts. */
int api_sync_order_answers(HttpRequest *req)
{
    json_t *node = node_of_request(req, NULL), *reply;
    if (!node) return 0;
    json_t *body = http_body_json(req);
    if (!body) return json_decref(node), 0;
    AppContext cx = api_context(req);
    ZfError err;
    int rc = app_sync_order_answers_accept(&cx, node, body, &reply, &err);
    auth_audit(req, "sync_order_answers", json_string_value(json_object_get(node, "name")), rc == ZF_OK ? "ok" : "refused",
               rc == ZF_OK ? NULL : err.code);
    json_decref(body);
    json_decref(node);
    return rc == ZF_OK ? http_reply_json(req, 200, reply) : http_reply_zferror(req, &err);
}

/* The names people read for the codes the rows carry (STYLE: no codes shown to people). */
static const char *name_of(const char *const names[][2], const char *code)
{
    for (int i = 0; code && names[i][0]; i++)
        if (strcmp(names[i][0], code) == 0) return names[i][1];
    return "未知";
}

static const char *const NODE_STATUS[][2] = {{"pending", "待登记"}, {"active", "正常"}, {"refused", "已拒收"}, {NULL, NULL}};
static const char *const DIRECTION[][2] = {{"in", "下级报送"}, {"out", "向上级报送"}, {"down", "上级下发"}, {NULL, NULL}};
static const char *const CHANGE[][2] = {{"added", "新增"}, {"changed", "已更新"}, {"unchanged", "无变化"}, {NULL, NULL}};

static void name_nodes(json_t *items)
{
    size_t i;
    json_t *n;
    json_array_foreach(items, i, n) {
        json_object_set_new(n, "status_name", json_string(name_of(NODE_STATUS, json_string_value(json_object_get(n, "status")))));
        name_nodes(json_object_get(n, "children"));
    }
}

static void name_batches(json_t *items)
{
    size_t i, j;
    json_t *b, *c;
    json_array_foreach(items, i, b) {
        json_object_set_new(b, "direction_name", json_string(name_of(DIRECTION, json_string_value(json_object_get(b, "direction")))));
        json_array_foreach(json_object_get(b, "changes"), j, c)
            json_object_set_new(c, "change_name", json_string(name_of(CHANGE, json_string_value(json_object_get(c, "change")))));
    }
}

int api_sync_nodes_list(HttpRequest *req)
{
    json_t *items;
    ZfError err;
    if (store_sync_nodes_list(req->store, &items, &err) != ZF_OK) return http_reply_zferror(req, &err);
    name_nodes(items);
    return http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}

int api_sync_batches_list(HttpRequest *req)
{
    int page, size;
    const char *dir = http_query(req, "direction");
    if (param_page(req, &page, &size) != ZF_OK) return 0;
    if (dir && strcmp(dir, "in") != 0 && strcmp(dir, "out") != 0 && strcmp(dir, "down") != 0)
        return http_reply_error(req, 400, "invalid_direction", "direction", "方向应为下级报送、向上级报送或上级下发");
    json_t *out;
    ZfError err;
    if (store_sync_batches_list(req->store, dir, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    name_batches(json_object_get(out, "items"));
    return http_reply_json(req, 200, out);
}

int api_sync_upstream(HttpRequest *req)
{
    json_t *out;
    ZfError err;
    if (app_sync_status(req->store, req->server->db_path, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}
