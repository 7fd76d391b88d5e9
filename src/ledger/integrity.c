/* One case against the newest signed head: each of its events is recomputed from its stored
 * bytes and proven included under the signed root; the current record must equal the latest
 * case.import event. What the case page's integrity panel shows (✓ verified / ✗ broken). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/event.h"
#include "ledger/ledger.h"
#include "store/findings.h"
#include "store/ledger_store.h"

typedef struct {
    Ledger *l;
    MerkleHasher *h;
    const SignedHead *head;
    int head_ok;
    json_t *events, *problems;
    char *last_case; /* body of the latest case.import event */
    size_t last_len;
    int pending, broken;
    ZfError *err;
    int failed;
} CaseCheck;

static void add_problem(CaseCheck *c, const char *kind, long long seq, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void add_problem(CaseCheck *c, const char *kind, long long seq, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->broken = 1;
    json_array_append_new(c->problems, json_pack("{s:s, s:I, s:s}", "kind", kind, "seq", (json_int_t)seq, "message", msg));
}

static int check_one(const LedgerEventRow *r, void *ctx)
{
    CaseCheck *c = ctx;
    MerkleHash leaf, path[MERKLE_MAX_PATH];
    size_t len = 0;
    char hex[2 * MERKLE_HASH_LEN + 1];
    merkle_leaf_hash(c->h, r->body, r->body_len, &leaf);
    merkle_hex(&leaf, hex);
    const char *state = "pending";
    if (ledger_event_seq(r->body, r->body_len) != (long long)r->seq) {
        state = "broken";
        add_problem(c, "reordered", (long long)r->seq, "序号 %" PRIu64 " 的事件内容中的序号不符（事件被移动或改动）", r->seq);
    } else if (c->head_ok && r->seq < c->head->tree_size) {
        ZfError e;
        int proven = ledger_inclusion(c->l, r->seq, c->head->tree_size, path, &len, &e) == ZF_OK &&
                     merkle_verify_inclusion(c->h, &leaf, r->seq, c->head->tree_size, path, len, &c->head->root);
        state = proven ? "verified" : "broken";
        if (!proven)
            add_problem(c, "changed", (long long)r->seq,
                        "序号 %" PRIu64 " 的事件无法在签名树头下得到证明（记录被修改或日志被改动）", r->seq);
    } else {
        c->pending = 1;
    }
    json_t *ev = json_pack("{s:I, s:s, s:s, s:s, s:s}", "seq", (json_int_t)r->seq, "type", r->type, "time", r->time,
                           "leaf_hash", hex, "status", state);
    if (len) {
        json_t *p = json_array();
        for (size_t i = 0; i < len; i++) merkle_hex(&path[i], hex), json_array_append_new(p, json_string(hex));
        json_object_set_new(ev, "proof", p);
    }
    json_array_append_new(c->events, ev);
    if (strcmp(r->type, LEDGER_CASE_IMPORT) == 0) {
        char *copy = malloc(r->body_len + 1);
        if (!copy) return c->failed = 1;
        memcpy(copy, r->body, r->body_len);
        free(c->last_case);
        c->last_case = copy, c->last_len = r->body_len;
    }
    return 0;
}

/* The current body of case_no, or NULL (malloc'd). */
static char *current_record(Store *st, const char *case_no, size_t *len)
{
    char *body = NULL;
    ZfError e;
    if (store_record_get(st, REC_CASE, case_no, &body, &e) != ZF_OK) return NULL;
    *len = strlen(body);
    return body;
}

int ledger_case_integrity(Store *st, const char *db_path, const char *case_no, json_t **out, ZfError *err)
{
    (void)db_path;
    CaseCheck c = {0};
    SignedHead head;
    char *pem = NULL;
    int found = 0;
    size_t rlen = 0;
    char *record = current_record(st, case_no, &rlen);
    if (ledger_open(st, &c.l, err) != ZF_OK) {
        free(record);
        return ZF_ERR;
    }
    int rc = ledger_latest_head(c.l, &head, &pem, &found, err);
    c.h = merkle_hasher_new();
    c.head = &head;
    c.events = json_array();
    c.problems = json_array();
    c.err = err;
    if (rc == ZF_OK && found) {
        char id[STH_KEY_ID_LEN + 1];
        ZfError e;
        c.head_ok = pem && sth_verify(pem, &head) && sth_key_id(pem, id, &e) == ZF_OK && strcmp(id, head.key_id) == 0;
        if (!c.head_ok) add_problem(&c, "head_signature", -1, "最新签名树头的 SM2 签名无效（树头或公钥被改）");
    }
    LedgerDb *db = NULL;
    if (rc == ZF_OK) rc = ledger_db_open(st, &db, err);
    if (rc == ZF_OK) rc = ledger_db_subject_events(db, case_no, check_one, &c, err);
    ledger_db_close(db);
    if (rc == ZF_OK && c.failed) rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    if (rc == ZF_OK && !record && json_array_size(c.events) == 0)
        rc = zf_fail(err, 404, "not_found", "case_no", "案件不存在：%s", case_no);
    if (rc == ZF_OK && record && !c.last_case)
        add_problem(&c, "record_unlogged", -1, "案件记录在存证日志中没有对应事件（绕过存证写入）");
    else if (rc == ZF_OK && record && !ledger_event_data_is(c.last_case, c.last_len, record, rlen))
        add_problem(&c, "record_changed", -1, "案件当前记录与最近一次存证事件不符（记录被修改）");
    if (rc == ZF_OK) {
        const char *status = c.broken ? "broken" : c.pending ? "pending" : json_array_size(c.events) ? "verified" : "empty";
        *out = json_pack("{s:s, s:s, s:o, s:o, s:o}", "case_no", case_no, "status", status, "head",
                         found ? ledger_head_json(&head, NULL) : json_null(), "events", c.events, "problems",
                         c.problems);
        c.events = c.problems = NULL;
    }
    json_decref(c.events);
    json_decref(c.problems);
    free(c.last_case);
    free(record);
    free(pem);
    merkle_hasher_free(c.h);
    ledger_close(c.l);
    return rc;
}
