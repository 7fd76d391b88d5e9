/* 电子卷宗: a case's events — and those of the issued supervision orders that name it — with
 * inclusion proofs, the signing head and the public key in one zip (libzip), and the offline check
 * of such a zip. The check reads only the zip: no database. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <zip.h>

#include "ledger/dossier_text.h"
#include "ledger/event.h"
#include "ledger/ledger.h"
#include "store/ledger_store.h"
#include "store/orders.h"
#include "util/datadir.h"
#include "util/zipmem.h"

/* ---- export ---- */

typedef struct {
    uint64_t seq;
    char *type, *time, *body;
    size_t len;
} CaseEvent;

typedef struct {
    CaseEvent *items;
    size_t n, cap;
    int oom;
} CaseEvents;

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) memcpy(d, s, n), d[n] = '\0';
    return d;
}

static int collect_event(const LedgerEventRow *r, void *ctx)
{
    CaseEvents *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        CaseEvent *grown = realloc(c->items, cap * sizeof *grown);
        if (!grown) return c->oom = 1;
        c->items = grown, c->cap = cap;
    }
    CaseEvent *e = &c->items[c->n];
    e->seq = r->seq;
    e->type = strdup(r->type);
    e->time = strdup(r->time);
    e->body = dup_n(r->body, r->body_len);
    e->len = r->body_len;
    if (!e->type || !e->time || !e->body) {
        free(e->type), free(e->time), free(e->body);
        return c->oom = 1;
    }
    c->n++;
    return 0;
}

static void case_events_free(CaseEvents *c)
{
    for (size_t i = 0; i < c->n; i++) free(c->items[i].type), free(c->items[i].time), free(c->items[i].body);
    free(c->items);
}

static int by_seq(const void *a, const void *b)
{
    const CaseEvent *x = a, *y = b;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The case's own events (*n_case of them), then the events of the orders past draft that name it
 * (subjects in *orders), all in log order. */
static int ledger_case_events(Store *st, const char *case_no, CaseEvents *out, size_t *n_case, json_t **orders,
                              ZfError *err)
{
    LedgerDb *db;
    json_t *ids = NULL, *id;
    size_t i;
    char subject[32];
    memset(out, 0, sizeof *out);
    *orders = json_array();
    if (ledger_db_open(st, &db, err) != ZF_OK) return ZF_ERR;
    int rc = ledger_db_subject_events(db, case_no, collect_event, out, err);
    *n_case = out->n;
    if (rc == ZF_OK) rc = store_orders_of_case(st, case_no, &ids, err);
    json_array_foreach(ids, i, id) {
        if (rc != ZF_OK || out->oom) break;
        ledger_order_subject((long long)json_integer_value(id), subject);
        json_array_append_new(*orders, json_string(subject));
        rc = ledger_db_subject_events(db, subject, collect_event, out, err);
    }
    json_decref(ids);
    ledger_db_close(db);
    if (rc == ZF_OK && out->oom) rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (rc == ZF_OK && out->n) qsort(out->items, out->n, sizeof *out->items, by_seq);
    return rc;
}

typedef struct {
    zip_t *za;
    int failed;
} Zip;

/* Adds a copy of data as name; the zip owns the copy. */
static void zip_put(Zip *z, const char *name, const void *data, size_t len)
{
    if (z->failed) return;
    void *copy = malloc(len ? len : 1);
    if (!copy) {
        z->failed = 1;
        return;
    }
    memcpy(copy, data, len);
    zip_source_t *s = zip_source_buffer(z->za, copy, len, 1);
    if (!s) {
        free(copy);
        z->failed = 1;
        return;
    }
    zip_int64_t idx = zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (idx < 0) {
        zip_source_free(s);
        z->failed = 1;
        return;
    }
    /* A dossier holds the parties' names and ID numbers: unzip gives its files the recorded mode,
     * so owner only (libzip's default is 0666). */
    if (zip_file_set_external_attributes(z->za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
                                         (zip_uint32_t)(S_IFREG | 0600) << 16) < 0)
        z->failed = 1;
}

static void zip_put_text(Zip *z, const char *name, const char *text) { zip_put(z, name, text, strlen(text)); }

static void zip_put_json(Zip *z, const char *name, json_t *v)
{
    char *text = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (!text) {
        z->failed = 1;
        return;
    }
    zip_put_text(z, name, text);
    free(text);
}

static json_t *path_json(const MerkleHash *path, size_t len)
{
    json_t *a = json_array();
    char hex[2 * MERKLE_HASH_LEN + 1];
    for (size_t i = 0; i < len; i++) merkle_hex(&path[i], hex), json_array_append_new(a, json_string(hex));
    return a;
}

/* proofs/N.txt: "leaf_index tree_size" then one hash per line, as verify.sh reads it. */
static void zip_put_proof(Zip *z, const char *name, uint64_t seq, uint64_t size, const MerkleHash *path, size_t len)
{
    char text[80 + MERKLE_MAX_PATH * 66];
    size_t n = (size_t)snprintf(text, sizeof text, "%" PRIu64 " %" PRIu64 "\n", seq, size);
    for (size_t i = 0; i < len; i++) {
        merkle_hex(&path[i], text + n);
        n += 2 * MERKLE_HASH_LEN;
        text[n++] = '\n';
    }
    zip_put(z, name, text, n);
}

static void add_attachment(Zip *z, const char *db_path, const CaseEvent *e, json_t *list)
{
    json_t *ev = json_loadb(e->body, e->len, 0, NULL);
    json_t *data = json_object_get(ev, "data");
    const char *d = json_string_value(json_object_get(data, "sm3"));
    char path[4200], name[100], *content;
    size_t len;
    if (d && strlen(d) == 2 * MERKLE_HASH_LEN && strspn(d, "0123456789abcdef") == 2 * MERKLE_HASH_LEN) {
        ledger_attachment_path(db_path, d, path, sizeof path);
        snprintf(name, sizeof name, "attachments/%s", d);
        if (file_read_all(path, &content, &len) == 0) { /* a missing file is reported by verify-dossier */
            zip_put(z, name, content, len);
            free(content);
        }
        json_t *a = json_pack("{s:s, s:O, s:O, s:s, s:I}", "sm3", d, "name", json_object_get(data, "name"),
                              "media_type", json_object_get(data, "media_type"), "file", name, "seq",
                              (json_int_t)e->seq);
        if (a) json_array_append_new(list, a);
    }
    json_decref(ev);
}

static int build_zip(Store *st, const char *db_path, const char *case_no, const CaseEvents *ev, json_t *orders,
                     const SignedHead *h, const char *pem, Zip *z, ZfError *err)
{
    Ledger *l;
    MerkleHasher *hasher = merkle_hasher_new();
    if (!hasher) return zf_fail(err, 500, "sm3_unavailable", NULL, "OpenSSL 不提供 SM3 算法");
    if (ledger_open(st, &l, err) != ZF_OK) {
        merkle_hasher_free(hasher);
        return ZF_ERR;
    }
    json_t *events = json_array(), *attachments = json_array();
    char name[64], hex[2 * MERKLE_HASH_LEN + 1], msg[256], stamp[21];
    int rc = ZF_OK;
    const CaseEvent *last_case = NULL;
    for (size_t i = 0; i < ev->n && rc == ZF_OK; i++) {
        const CaseEvent *e = &ev->items[i];
        MerkleHash path[MERKLE_MAX_PATH], leaf;
        size_t len;
        if (e->seq >= h->tree_size) continue; /* appended after the head: in the next dossier */
        if ((rc = ledger_inclusion(l, e->seq, h->tree_size, path, &len, err)) != ZF_OK) break;
        merkle_leaf_hash(hasher, e->body, e->len, &leaf);
        merkle_hex(&leaf, hex);
        snprintf(name, sizeof name, "events/%012" PRIu64 ".json", e->seq);
        zip_put(z, name, e->body, e->len);
        json_array_append_new(events, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o}", "seq", (json_int_t)e->seq, "type",
                                                e->type, "time", e->time, "file", name, "leaf_hash", hex, "proof",
                                                path_json(path, len)));
        snprintf(name, sizeof name, "proofs/%012" PRIu64 ".txt", e->seq);
        zip_put_proof(z, name, e->seq, h->tree_size, path, len);
        if (strcmp(e->type, LEDGER_ATTACHMENT_ADD) == 0) add_attachment(z, db_path, e, attachments);
        if (strcmp(e->type, LEDGER_CASE_IMPORT) == 0) last_case = e;
    }
    ledger_close(l);
    merkle_hasher_free(hasher);
    if (rc == ZF_OK && last_case) { /* the current record as a readable file: equal to the last case event */
        json_t *evj = json_loadb(last_case->body, last_case->len, 0, NULL);
        zip_put_json(z, "case.json", json_object_get(evj, "data"));
        json_decref(evj);
    }
    size_t mlen = sth_message(h->tree_size, &h->root, h->time, msg, sizeof msg);
    zip_put(z, "head/sth.txt", msg, mlen);
    zip_put(z, "head/sth.sig", h->sig, h->sig_len);
    zip_put_text(z, "head/public_key.pem", pem ? pem : "");
    zip_put_text(z, "README.txt", dossier_readme);
    zip_put_text(z, "verify.sh", dossier_verify_sh);
    ledger_time_text((int64_t)time(NULL), stamp);
    json_t *head = ledger_head_json(h, NULL);
    json_t *m = json_pack("{s:s, s:s, s:s, s:o, s:o, s:O, s:o}", "format", "zhifa-dossier-v1", "case_no", case_no,
                          "exported_at", stamp, "head", head, "events", events, "orders", orders, "attachments",
                          attachments);
    if (m) zip_put_json(z, "manifest.json", m);
    json_decref(m);
    if (rc == ZF_OK && (z->failed || !m)) rc = zf_fail(err, 500, "zip_failed", NULL, "无法生成电子卷宗压缩包");
    return rc;
}

int ledger_dossier(Store *st, const char *db_path, const char *case_no, void **zip, size_t *len, ZfError *err)
{
    CaseEvents ev;
    SignedHead h;
    char *pem = NULL;
    int found;
    Ledger *l;
    size_t n_case;
    json_t *orders;
    if (ledger_case_events(st, case_no, &ev, &n_case, &orders, err) != ZF_OK) {
        case_events_free(&ev);
        json_decref(orders);
        return ZF_ERR;
    }
    if (n_case == 0) {
        case_events_free(&ev);
        json_decref(orders);
        return zf_fail(err, 404, "case_not_in_ledger", "case_no", "案件 %s 在存证日志中没有事件", case_no);
    }
    int rc = ledger_sign_head(st, db_path, NULL, NULL, err); /* cover every event of the case */
    if (rc == ZF_OK) rc = ledger_open(st, &l, err);
    if (rc == ZF_OK) {
        rc = ledger_latest_head(l, &h, &pem, &found, err);
        ledger_close(l);
    }
    ZipMem zm;
    if (rc == ZF_OK && !zipmem_open(&zm)) rc = zf_fail(err, 500, "zip_failed", NULL, "无法创建电子卷宗压缩包");
    if (rc == ZF_OK) {
        Zip z = {zm.za, 0};
        rc = build_zip(st, db_path, case_no, &ev, orders, &h, pem, &z, err);
        if (rc != ZF_OK) zipmem_discard(&zm);
        else if (!zipmem_take(&zm, zip, len)) rc = zf_fail(err, 500, "zip_failed", NULL, "无法生成电子卷宗压缩包");
    }
    free(pem);
    json_decref(orders);
    case_events_free(&ev);
    return rc;
}

/* ---- offline check ---- */

typedef struct {
    zip_t *za;
    LedgerProblemFn fn;
    void *ctx;
    long long problems;
    MerkleHasher *h;
} Check;

static void report(Check *c, const char *kind, long long pos, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void report(Check *c, const char *kind, long long pos, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->problems++;
    if (c->fn) c->fn(kind, pos, msg, c->ctx);
}

/* A member's bytes (malloc'd, NUL-terminated), or NULL when absent or unreadable. */
static char *read_member(zip_t *za, const char *name, size_t *len)
{
    zip_stat_t zs;
    if (zip_stat(za, name, 0, &zs) < 0 || !(zs.valid & ZIP_STAT_SIZE) || zs.size > (1u << 30)) return NULL;
    zip_file_t *f = zip_fopen(za, name, 0);
    char *buf = f ? malloc(zs.size + 1) : NULL;
    zip_int64_t n = buf ? zip_fread(f, buf, zs.size) : -1;
    if (f) zip_fclose(f);
    if (n < 0 || (zip_uint64_t)n != zs.size) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}

/* Parses head/sth.txt strictly: exactly the four lines that were signed. */
static int parse_sth(const char *text, size_t len, SignedHead *h)
{
    char root[65];
    unsigned long long size;
    long long t;
    int used = 0;
    memset(h, 0, sizeof *h);
    if (sscanf(text, STH_PREFIX "\n%llu\n%64[0-9a-f]\n%lld\n%n", &size, root, &t, &used) != 3 || (size_t)used != len)
        return ZF_ERR;
    h->tree_size = size;
    h->time = t;
    if (merkle_unhex(root, &h->root) != 0) return ZF_ERR;
    char again[256]; /* the canonical rendering must give back the same bytes */
    if (sth_message(h->tree_size, &h->root, h->time, again, sizeof again) != len || memcmp(again, text, len) != 0)
        return ZF_ERR;
    return ZF_OK;
}

static int check_head(Check *c, SignedHead *h, char **pem, json_t *manifest)
{
    size_t len, sig_len, pem_len;
    char *sth = read_member(c->za, "head/sth.txt", &len);
    char *sig = read_member(c->za, "head/sth.sig", &sig_len);
    *pem = read_member(c->za, "head/public_key.pem", &pem_len);
    int ok = sth && sig && *pem;
    if (!ok) report(c, "head_missing", -1, "卷宗缺少 head/sth.txt、head/sth.sig 或 head/public_key.pem");
    if (ok && parse_sth(sth, len, h) != ZF_OK) {
        report(c, "head_format", -1, "head/sth.txt 不是规定格式（zhifa-sth-v1 / 树大小 / 根 / 时间）");
        ok = 0;
    }
    if (ok) {
        h->sig_len = sig_len <= sizeof h->sig ? sig_len : 0;
        if (h->sig_len) memcpy(h->sig, sig, sig_len);
        if (!sth_verify(*pem, h)) report(c, "head_signature", -1, "树头的 SM2 签名无效（树头或公钥被改）");
        ZfError e;
        if (sth_key_id(*pem, h->key_id, &e) != ZF_OK) report(c, "key", -1, "公钥文件不是 SM2 公钥");
        json_t *mh = json_object_get(manifest, "head");
        char root_hex[65];
        merkle_hex(&h->root, root_hex);
        if ((uint64_t)json_integer_value(json_object_get(mh, "tree_size")) != h->tree_size ||
            !json_is_string(json_object_get(mh, "root")) ||
            strcmp(json_string_value(json_object_get(mh, "root")), root_hex) != 0)
            report(c, "manifest", -1, "manifest.json 中的树头与 head/sth.txt 不一致");
    }
    free(sth);
    free(sig);
    return ok ? ZF_OK : ZF_ERR;
}

static int path_from_json(json_t *a, MerkleHash *path, size_t *len)
{
    *len = 0;
    if (!json_is_array(a) || json_array_size(a) > MERKLE_MAX_PATH) return ZF_ERR;
    for (size_t i = 0; i < json_array_size(a); i++)
        if (merkle_unhex(json_string_value(json_array_get(a, i)), &path[(*len)++]) != 0) return ZF_ERR;
    return ZF_OK;
}

/* An order's events belong in the case's dossier when its order.put events name the case: those
 * events are in the dossier, proven, so the check needs nothing but the zip. */
static int order_names_case(const char *type, json_t *e, const char *case_no)
{
    json_t *c;
    size_t i;
    if (!type || strcmp(type, LEDGER_ORDER_PUT) != 0) return 0;
    json_array_foreach(json_object_get(json_object_get(e, "data"), "case_nos"), i, c)
        if (json_is_string(c) && strcmp(json_string_value(c), case_no) == 0) return 1;
    return 0;
}

typedef struct {
    json_t *sm3s;          /* digests named by attachment.add events */
    json_t *order_seen;    /* order subject → seq of its first event here */
    json_t *order_naming;  /* order subjects whose order.put names the case */
    char *last_case;       /* body of the last case.import event */
    size_t last_case_len;
} Seen;

static void check_event(Check *c, json_t *ev, const SignedHead *h, const char *case_no, Seen *seen)
{
    json_int_t seq = json_integer_value(json_object_get(ev, "seq"));
    const char *file = json_string_value(json_object_get(ev, "file"));
    MerkleHash path[MERKLE_MAX_PATH], leaf;
    size_t plen, len;
    char *body = file ? read_member(c->za, file, &len) : NULL;
    if (!body) {
        report(c, "event_missing", seq, "卷宗缺少事件 %lld 的文件", (long long)seq);
        return;
    }
    merkle_leaf_hash(c->h, body, len, &leaf);
    if (path_from_json(json_object_get(ev, "proof"), path, &plen) != ZF_OK ||
        !merkle_verify_inclusion(c->h, &leaf, (uint64_t)seq, h->tree_size, path, plen, &h->root))
        report(c, "changed", seq, "事件 %lld 的包含证明不成立（事件内容被改动或证明无效）", (long long)seq);
    if (ledger_event_seq(body, len) != seq)
        report(c, "reordered", seq, "事件文件 %s 内的序号与清单不符", file);
    json_t *e = json_loadb(body, len, 0, NULL);
    const char *subject = json_string_value(json_object_get(e, "subject"));
    const char *type = json_string_value(json_object_get(e, "type"));
    if (subject && strncmp(subject, LEDGER_ORDER_SUBJECT_PREFIX, strlen(LEDGER_ORDER_SUBJECT_PREFIX)) == 0) {
        if (!json_object_get(seen->order_seen, subject)) json_object_set_new(seen->order_seen, subject, json_integer(seq));
        if (order_names_case(type, e, case_no)) json_object_set(seen->order_naming, subject, json_true());
    } else if (!subject || strcmp(subject, case_no) != 0) {
        report(c, "subject", seq, "事件 %lld 不属于案件 %s", (long long)seq, case_no);
    }
    if (type && strcmp(type, LEDGER_ATTACHMENT_ADD) == 0) {
        json_t *d = json_object_get(json_object_get(e, "data"), "sm3");
        if (json_is_string(d)) json_object_set(seen->sm3s, json_string_value(d), json_true());
    }
    if (type && strcmp(type, LEDGER_CASE_IMPORT) == 0) {
        free(seen->last_case);
        seen->last_case = body, seen->last_case_len = len;
        body = NULL;
    }
    json_decref(e);
    free(body);
}

static void check_attachments_in_zip(Check *c, json_t *manifest, json_t *sm3s)
{
    json_t *a;
    size_t i;
    json_array_foreach(json_object_get(manifest, "attachments"), i, a)
    {
        const char *d = json_string_value(json_object_get(a, "sm3"));
        const char *file = json_string_value(json_object_get(a, "file"));
        size_t len;
        char *data = file ? read_member(c->za, file, &len) : NULL;
        char hex[65];
        if (!d || !json_object_get(sm3s, d)) {
            report(c, "attachment_unlogged", -1, "附件 %s 没有对应的存证事件", d ? d : "?");
            free(data);
            continue;
        }
        if (!data) {
            report(c, "attachment_missing", -1, "卷宗缺少附件 %s", d);
            continue;
        }
        MerkleHash h;
        merkle_sm3(c->h, data, len, &h);
        merkle_hex(&h, hex);
        free(data);
        if (strcmp(hex, d) != 0) report(c, "attachment_changed", -1, "附件 %s 的内容已改变", d);
    }
}

int ledger_dossier_verify(const char *zip_path, LedgerProblemFn fn, void *ctx, long long *problems,
                          json_t **summary, ZfError *err)
{
    int zerr = 0;
    Check c = {zip_open(zip_path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr), fn, ctx, 0, NULL};
    if (!c.za) return zf_fail(err, 400, "not_a_dossier", NULL, "无法打开 %s：不是有效的 zip 文件", zip_path);
    size_t len;
    char *text = read_member(c.za, "manifest.json", &len);
    json_t *manifest = text ? json_loadb(text, len, 0, NULL) : NULL;
    free(text);
    const char *case_no = json_string_value(json_object_get(manifest, "case_no"));
    if (!case_no) {
        json_decref(manifest);
        zip_discard(c.za);
        return zf_fail(err, 400, "not_a_dossier", NULL, "%s 不是电子卷宗（缺少有效的 manifest.json）", zip_path);
    }
    if (!(c.h = merkle_hasher_new())) {
        json_decref(manifest);
        zip_discard(c.za);
        return zf_fail(err, 500, "sm3_unavailable", NULL, "OpenSSL 不提供 SM3 算法");
    }
    SignedHead h = {0};
    char *pem = NULL;
    Seen seen = {json_object(), json_object(), json_object(), NULL, 0};
    json_t *ev, *first;
    const char *subject;
    size_t i, n_events = json_array_size(json_object_get(manifest, "events"));
    if (check_head(&c, &h, &pem, manifest) == ZF_OK) {
        json_array_foreach(json_object_get(manifest, "events"), i, ev) check_event(&c, ev, &h, case_no, &seen);
        if (n_events == 0) report(&c, "empty", -1, "卷宗中没有事件");
        json_object_foreach(seen.order_seen, subject, first) {
            if (!json_object_get(seen.order_naming, subject))
                report(&c, "subject", (long long)json_integer_value(first),
                       "事件 %lld 所属的监督文书 %s 未涉及案件 %s", (long long)json_integer_value(first), subject,
                       case_no);
        }
        check_attachments_in_zip(&c, manifest, seen.sm3s);
        char *record = read_member(c.za, "case.json", &len);
        if (seen.last_case && (!record || !ledger_event_data_is(seen.last_case, seen.last_case_len, record, len)))
            report(&c, "record_changed", -1, "case.json 与最近一次 case.import 事件的内容不符");
        free(record);
    }
    if (summary) {
        char root[65];
        merkle_hex(&h.root, root);
        *summary = json_pack("{s:s, s:I, s:I, s:I, s:s, s:I, s:s, s:I}", "case_no", case_no, "events",
                             (json_int_t)n_events, "orders", (json_int_t)json_object_size(seen.order_naming),
                             "tree_size", (json_int_t)h.tree_size, "root", root, "time", (json_int_t)h.time,
                             "key_id", h.key_id, "problems", (json_int_t)c.problems);
    }
    *problems = c.problems;
    free(seen.last_case);
    free(pem);
    json_decref(seen.sm3s);
    json_decref(seen.order_seen);
    json_decref(seen.order_naming);
    json_decref(manifest);
    merkle_hasher_free(c.h);
    zip_discard(c.za);
    return ZF_OK;
}
