/* Downward sync (docs/sync.md "Downward"): an upper level publishes law texts and its 权责清单 /
 * 裁量基准; the levels below pull them, apply them with the same validation as at the top (the law
 * parser, the import contract), keep their own additions, publish them again for their own lower
 * levels, and record what changed. */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/import.h"
#include "app/sync.h"
#include "app/sync_down.h"
#include "domain/laws.h"
#include "ledger/sync_sig.h"
#include "store/laws.h"
#include "store/standing.h"
#include "store/sync.h"
#include "util/paths.h"

#define DOWN_ITEMS_MAX 200
#define ONLY_REFERENCE "上级只下发权责清单和裁量基准，其他记录不下发"

static const char *str_of(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

void sync_down_sha256_hex(const char *data, size_t len, char out[65])
{
    unsigned char md[32];
    unsigned int md_len = 0;
    EVP_Digest(data, len, md, &md_len, EVP_sha256(), NULL);
    for (unsigned i = 0; i < md_len && i < 32; i++) snprintf(out + 2 * i, 3, "%02x", md[i]);
    out[64] = '\0';
}

/* Loads and publishes one law text inside the caller's transaction; *change names what happened. */
static int law_apply(Store *st, const char *name, const char *text, size_t len, const char **change, ZfError *err)
{
    char hash[65], stored[65];
    Law law;
    int published;
    sync_down_sha256_hex(text, len, hash);
    if (store_law_hash(st, name, stored, err) != ZF_OK) return ZF_ERR;
    *change = !stored[0] ? "added" : strcmp(stored, hash) ? "changed" : "unchanged";
    if (strcmp(*change, "unchanged") != 0) {
        if (law_parse(text, len, name, &law, err) != ZF_OK) return ZF_ERR;
        int rc = store_law_put(st, name, hash, &law, err);
        law_free(&law);
        if (rc == ZF_OK) rc = store_laws_reindex(st, err);
        if (rc != ZF_OK) return ZF_ERR;
    }
    return store_sync_publish(st, "law", name, text, hash, &published, err);
}

int app_sync_publish_law(Store *st, const char *file_name, const char *text, size_t len, json_t **out, ZfError *err)
{
    const char *change;
    if (!file_name || !strstr(file_name, ".md") || strchr(file_name, '/'))
        return zf_fail(err, 400, "invalid_law_file", NULL, "法律法规文件名应为 名称(日期).md");
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = law_apply(st, file_name, text, len, &change, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    if (rc == ZF_OK) *out = json_pack("{s:s, s:s, s:s}", "kind", "law", "key", file_name, "change", change);
    return rc;
}

typedef struct {
    Store *st;
    json_t *changes;
    json_t *refused;
} Records;

/* Publishing or applying a 权责清单/裁量基准 line: called inside the import's transaction, before
 * the record is stored, so the publish and the record commit together. */
static const char *accept_reference(const StoredRecord *rec, void *ctx)
{
    Records *r = ctx;
    if (rec->keys.type != REC_POWER && rec->keys.type != REC_BENCHMARK) return ONLY_REFERENCE;
    StoredStanding standing;
    ZfError err;
    char key[160], hash[65];
    int changed;
    char *body = strndup(rec->body, rec->body_len);
    snprintf(key, sizeof key, "%s:%s", record_type_name(rec->keys.type), rec->keys.key);
    sync_down_sha256_hex(rec->body, rec->body_len, hash);
    int rc = body ? store_record_standing(r->st, rec, NULL, NULL, &standing, &err) : ZF_ERR;
    if (rc == ZF_OK) rc = store_sync_publish(r->st, "record", key, body, hash, &changed, &err);
    free(body);
    if (rc != ZF_OK) return IMPORT_ACCEPT_STORE_FAILED;
    json_array_append_new(r->changes, json_pack("{s:s, s:s, s:s}", "kind", "record", "key", key, "change",
                                                standing == STORED_NONE ? "added" : changed ? "changed" : "unchanged"));
    return NULL;
}

static void refused_line(long long line, const char *key, const char *error, void *ctx)
{
    json_array_append_new(((Records *)ctx)->refused,
                          json_pack("{s:I, s:s, s:s}", "line", (json_int_t)line, "key", key ? key : "", "error", error));
}

static int import_reference(Store *st, FILE *in, Records *r, ZfError *err)
{
    ImportHooks hooks = {.on_reject = refused_line, .ctx = r, .accept = accept_reference};
    ImportSummary sum;
    r->st = st;
    return import_stream(st, in, &hooks, &sum, err);
}

int app_sync_publish_records(Store *st, FILE *in, json_t **out, ZfError *err)
{
    Records r = {.changes = json_array(), .refused = json_array()};
    int rc = import_reference(st, in, &r, err);
    if (rc == ZF_OK) *out = json_pack("{s:o, s:o}", "changes", r.changes, "errors", r.refused);
    else json_decref(r.changes), json_decref(r.refused);
    return rc;
}

static char *items_message(const json_t *items, size_t *len)
{
    char *text = json_dumps(items, JSON_COMPACT | JSON_SORT_KEYS);
    if (text) *len = strlen(text);
    return text;
}

int app_sync_down_items(Store *st, const char *db_path, long long after, json_t **reply, ZfError *err)
{
    json_t *items;
    char key[4096], *sig = NULL;
    size_t len;
    if (store_sync_published_after(st, after, DOWN_ITEMS_MAX, &items, err) != ZF_OK) return ZF_ERR;
    char *msg = items_message(items, &len);
    paths_key_file(db_path, key, sizeof key);
    int rc = msg ? sync_sign(key, msg, len, &sig, err) : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    free(msg);
    if (rc != ZF_OK) return json_decref(items), ZF_ERR;
    *reply = json_pack("{s:o, s:s}", "items", items, "signature", sig);
    free(sig);
    return ZF_OK;
}

/* One item that is not an exchange line, by its kind; an unknown kind is a bad item (an upper of a
 * later version may publish more kinds than this level knows). */
static int apply_one(Store *st, const char *kind, const char *key, const char *body, const char **change, ZfError *err)
{
    if (strcmp(kind, "law") == 0) return law_apply(st, key, body, strlen(body), change, err);
    if (strcmp(kind, "rule_config") == 0) return sync_down_apply_rule_config(st, body, change, err);
    if (strcmp(kind, "code_table") == 0) return sync_down_apply_code_table(st, key, body, change, err);
    return zf_fail(err, 400, "unknown_kind", NULL, "本级不认识上级下发的数据类别“%s”", kind);
}

/* The laws one by one (each its own parse), the records as one stream through the import. */
static int apply_items(Store *st, json_t *items, json_t *changes, json_t *refused, ZfError *err)
{
    size_t i, n = 0;
    json_t *it;
    char *lines = NULL;
    size_t lines_len = 0;
    FILE *mem = open_memstream(&lines, &lines_len);
    if (!mem) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    int rc = store_begin(st, err);
    json_array_foreach(items, i, it) {
        const char *kind = str_of(it, "kind"), *body = str_of(it, "body") ?: "";
        if (rc != ZF_OK) break;
        if (kind && strcmp(kind, "record") == 0) {
            fprintf(mem, "%s\n", body);
            n++;
            continue;
        }
        const char *change;
        ZfError why;
        if (apply_one(st, kind ?: "", str_of(it, "key") ?: "", body, &change, &why) == ZF_OK)
            json_array_append_new(changes, json_pack("{s:s, s:O, s:s}", "kind", kind, "key", json_object_get(it, "key"), "change", change));
        else if (why.status >= 500) rc = zf_fail(err, why.status, why.code, NULL, "%s", why.message);
        else json_array_append_new(refused, json_pack("{s:I, s:O, s:s}", "line", (json_int_t)i + 1, "key", json_object_get(it, "key"), "error", why.message));
    }
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    fclose(mem);
    if (rc == ZF_OK && n) {
        FILE *in = fmemopen(lines, lines_len, "r");
        Records r = {.changes = changes, .refused = refused};
        rc = in ? import_reference(st, in, &r, err) : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        if (in) fclose(in);
    }
    free(lines);
    return rc;
}

static int record_down(Store *st, long long from, long long to, size_t lines, json_t *changes, json_t *refused, ZfError *err)
{
    char now[32];
    long long id;
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_t *row = json_pack("{s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:i, s:O, s:O}", "direction", "down", "node_id", 0,
                            "from_seq", (json_int_t)from, "to_seq", (json_int_t)to, "lines", (json_int_t)lines, "imported",
                            (json_int_t)(lines - json_array_size(refused)), "rejected", (json_int_t)json_array_size(refused),
                            "head_size", 0, "changes", changes, "errors", refused);
    json_t *f = json_pack("{s:I, s:s}", "down_cursor", (json_int_t)to, "last_push_at", now);
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = store_sync_batch_record(st, row, &id, err);
    if (rc == ZF_OK) rc = store_sync_upper_update(st, f, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    json_decref(row);
    json_decref(f);
    return rc;
}

int app_sync_down_apply(Store *st, const json_t *reply, long *applied, ZfError *err)
{
    json_t *upper, *items = json_object_get(reply, "items");
    size_t len;
    *applied = 0;
    if (!json_is_array(items)) return zf_fail(err, 502, "bad_reply", NULL, "上级节点的下发答复不完整");
    if (!json_array_size(items)) return ZF_OK;
    if (store_sync_upper_get(st, &upper, err) != ZF_OK) return ZF_ERR;
    char *msg = items_message(items, &len);
    int ok = msg && sync_verify(str_of(upper, "upper_key"), msg, len, str_of(reply, "signature"));
    long long from = json_integer_value(json_object_get(upper, "down_cursor"));
    free(msg);
    json_decref(upper);
    if (!ok) return zf_fail(err, 502, "down_signature", NULL, "上级下发数据的签名无效，拒绝应用");
    json_t *changes = json_array(), *refused = json_array();
    long long to = json_integer_value(json_object_get(json_array_get(items, json_array_size(items) - 1), "seq"));
    int rc = apply_items(st, items, changes, refused, err);
    if (rc == ZF_OK) rc = record_down(st, from, to, json_array_size(items), changes, refused, err);
    json_decref(changes);
    json_decref(refused);
    if (rc == ZF_OK) *applied = (long)json_array_size(items);
    return rc;
}
