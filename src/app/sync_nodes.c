/* The upper level's side of a node's life (docs/sync.md "Nodes", "Authentication"): registered with
 * a token shown once, enrolled with its SM2 key, every later request signed with that key. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/sync.h"
#include "ledger/sth.h"
#include "ledger/sync_sig.h"
#include "store/sync.h"
#include "util/paths.h"
#include "util/text.h"

static void utc_now(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static bool region_code_ok(const char *r)
{
    if (!r || strlen(r) != 6) return false;
    for (int i = 0; i < 6; i++)
        if (!isdigit((unsigned char)r[i])) return false;
    return strcmp(r, "000000") != 0;
}

int app_sync_node_add(Store *st, const char *name, const char *region, char token[TOKEN_HEX_LEN + 1], json_t **row,
                      ZfError *err)
{
    size_t chars = name ? text_utf8_chars(name) : 0;
    if (!name || !text_utf8_valid(name, strlen(name)) || text_blank(name) || chars > 64)
        return zf_fail(err, 400, "invalid_name", "name", "节点名称应为 1–64 个字符");
    if (!region_code_ok(region))
        return zf_fail(err, 400, "invalid_region", "region", "行政区划代码应为 6 位数字（GB/T 2260）");
    char hash[65];
    long long id;
    if (random_token(token) != ZF_OK) return zf_fail(err, 500, "random_failed", NULL, "无法生成令牌");
    sha256_hex(token, hash);
    if (store_sync_node_add(st, name, region, hash, &id, err) != ZF_OK) return ZF_ERR;
    *row = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "name", name, "region", region, "status", "pending");
    return ZF_OK;
}

static int refuse(ZfError *err, const char *code, const char *message)
{
    return zf_fail(err, 401, code, NULL, "%s", message);
}

static bool time_fresh(const char *t, long long now)
{
    char *end;
    long long v = t ? strtoll(t, &end, 10) : 0;
    return t && *t && !*end && llabs(v - now) <= SYNC_CLOCK_SKEW_S;
}

int app_sync_authenticate(Store *st, const SyncCall *c, json_t **node, ZfError *err)
{
    char hash[65];
    *node = NULL;
    if (!c->token || strlen(c->token) != TOKEN_HEX_LEN)
        return refuse(err, "node_token_required", "缺少或格式错误的节点令牌（Authorization: Zhifa-Node 令牌）");
    sha256_hex(c->token, hash);
    if (store_sync_node_by_token(st, hash, node, err) != ZF_OK)
        return err->status >= 500 ? ZF_ERR : refuse(err, "node_unknown", "下级节点令牌无效");
    if (!time_fresh(c->time, c->now)) {
        json_decref(*node), *node = NULL;
        return refuse(err, "node_clock", "请求时间缺失或与上级时钟相差超过 5 分钟（X-Zhifa-Time）");
    }
    const char *key = c->enrol_key ? c->enrol_key : json_string_value(json_object_get(*node, "public_key"));
    if (key && !*key) key = NULL; /* an enrolment without a key: nothing can verify it */
    size_t len;
    char *msg = sync_request_message(c->method, c->path, strtoll(c->time, NULL, 10), c->body, c->body_len, &len);
    int ok = msg && key && sync_verify(key, msg, len, c->signature);
    free(msg);
    if (ok) return ZF_OK;
    json_decref(*node), *node = NULL;
    return refuse(err, key ? "node_signature" : "node_not_enrolled",
                  key ? "节点请求的签名无效（X-Zhifa-Signature）" : "下级节点尚未登记密钥，请先执行 zhifa sync enrol");
}

int app_sync_enrol_accept(Store *st, const char *db_path, const json_t *node, const char *public_pem, json_t **reply,
                          ZfError *err)
{
    char key_id[STH_KEY_ID_LEN + 1], own_id[STH_KEY_ID_LEN + 1], path[4096], now[32];
    if (json_string_value(json_object_get(node, "public_key")))
        return zf_fail(err, 409, "already_enrolled", NULL, "该令牌已登记过节点，不能重复使用");
    if (sth_key_id(public_pem, key_id, err) != ZF_OK) return ZF_ERR;
    char *own = NULL;
    paths_key_file(db_path, path, sizeof path);
    if (sth_key_public(path, &own, err) != ZF_OK || sth_key_id(own, own_id, err) != ZF_OK) return free(own), ZF_ERR;
    utc_now(now);
    json_t *f = json_pack("{s:s, s:s, s:s, s:s}", "public_key", public_pem, "key_id", key_id, "status", "active",
                          "enrolled_at", now);
    int rc = store_sync_node_update(st, json_integer_value(json_object_get(node, "id")), f, err);
    json_decref(f);
    if (rc == ZF_OK)
        *reply = json_pack("{s:s, s:s, s:O, s:O}", "upper_key", own, "upper_key_id", own_id, "node_name",
                           json_object_get(node, "name"), "region", json_object_get(node, "region"));
    free(own);
    return rc;
}

json_t *app_sync_cursor(const json_t *node)
{
    return json_pack("{s:O, s:{s:O, s:O}}", "cursor", json_object_get(node, "cursor"), "head", "tree_size",
                     json_object_get(node, "head_size"), "root", json_object_get(node, "head_root"));
}
