/* 多级汇聚 (docs/sync.md): the services of both ends. An upper level registers nodes, enrols them,
 * authenticates their requests and receives their batches; a lower level stores its link, builds
 * the next batch from its outbox and records the acknowledgement. The HTTP between them is the
 * caller's (api/sync.c answers, jobs/sync_push.c asks). */
#ifndef ZF_APP_SYNC_H
#define ZF_APP_SYNC_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "app/context.h"
#include "domain/calendar.h"
#include "store/store.h"
#include "util/date.h"
#include "util/secret.h"

#define SYNC_BATCH_BYTES (8u << 20)   /* a batch's lines stop before this */
#define SYNC_CLOCK_SKEW_S 300         /* a request's X-Zhifa-Time may be this far from ours */

/* Upper side. A new node with its token (shown once: only its SHA-256 is kept); *row = the node. */
int app_sync_node_add(Store *st, const char *name, const char *region, char token[TOKEN_HEX_LEN + 1], json_t **row,
                      ZfError *err);

/* The registered node named name (404 node_not_found). */
int app_sync_node_find(Store *st, const char *name, json_t **node, ZfError *err);
/* A refused node active again, its recorded head cleared (its next batch proves consistency from
 * nothing), audited as sync_node_reinstate; 409 node_not_refused when it was not refused. */
int app_sync_node_reinstate(Store *st, const json_t *node, ZfError *err);

/* The node a request comes from: token known, signature (base64) of the request message valid under
 * the node's key — or, when enrolling, under enrol_key, the key being enrolled — and time within
 * SYNC_CLOCK_SKEW_S of now. 401 with a Chinese message otherwise. *node malloc'd. */
typedef struct {
    const char *token, *time, *signature;
    const char *method, *path;
    const char *body;
    size_t body_len;
    long long now;
    const char *enrol_key; /* NULL but for the enrolment */
} SyncCall;
int app_sync_authenticate(Store *st, const SyncCall *call, json_t **node, ZfError *err);

/* The enrolment: stores the node's key (once; 409 already_enrolled after) and answers
 * {upper_key, upper_key_id, node_name, region}. */
int app_sync_enrol_accept(Store *st, const char *db_path, const json_t *node, const char *public_pem, json_t **reply,
                          ZfError *err);
/* {cursor, head:{tree_size, root}} the node's next batch continues from. */
json_t *app_sync_cursor(const json_t *node);
/* One batch (docs/sync.md "A batch"): checked, imported through the import contract, recorded,
 * acknowledged with the witness signature. A duplicate answers the first acknowledgement. */
int app_sync_receive(Store *st, const char *db_path, const json_t *node, const char *body, size_t len,
                     const Calendar *cal, zf_day today, json_t **ack, ZfError *err);

/* Lower side. The enrolment request's body {public_key} for this instance's key. */
int app_sync_enrol_body(Store *st, const char *db_path, json_t **body, ZfError *err);
/* Stores the link after the upper's answer and queues every stored record. */
int app_sync_enrol_store(Store *st, const char *url, const char *token, const json_t *reply, ZfError *err);

/* The next batch after cursor, proving consistency from the upper's head (size, root hex; 0/NULL when
 * it holds none). body == NULL when nothing is pending. */
typedef struct {
    char *body; /* malloc'd JSON text */
    size_t len;
    long long from, to;
    long lines;
    json_t *head; /* the signed head it carries */
} SyncOutBatch;
int app_sync_batch_build(Store *st, const char *db_path, long long cursor, long long upper_size, const char *upper_root,
                         SyncOutBatch *out, ZfError *err);
void app_sync_batch_free(SyncOutBatch *b);
/* The upper's acknowledgement of b: the batch and its bad lines recorded, the witness checked with the
 * upper's key and kept, the cursor moved. */
int app_sync_ack_record(Store *st, const SyncOutBatch *b, const json_t *ack, ZfError *err);
/* A 多级汇聚 setting (sync_push_every_s, sync_batch_lines, sync_heartbeat_every_s) in its full range,
 * 0 included; dflt when absent or not a non-negative number. */
long app_sync_setting(Store *st, const char *name, long dflt);

/* Shared by the batch and the heartbeat: a freshly signed head with its consistency proof from the
 * upper's size; this level's own node registry (the upper shows the whole tree); the upper's witness
 * of head kept when its signature over that very head verifies with the upper's key (else ignored). */
int app_sync_head_and_proof(Store *st, const char *db_path, long long upper_size, json_t **head, json_t **proof,
                            ZfError *err);
json_t *app_sync_nodes_json(Store *st);
int app_sync_keep_witness(Store *st, const json_t *upper, const SyncOutBatch *b, const json_t *w, ZfError *err);

/* Heartbeat (docs/sync.md "Heartbeat"): with nothing pending, is one due (the newest witness older
 * than the setting sync_heartbeat_every_s)? The head-only batch (from = to = cursor, no lines) and
 * the upper's answer recorded (the witness kept, last_push_at moved; no batch row). */
bool app_sync_heartbeat_due(Store *st);
int app_sync_heartbeat_build(Store *st, const char *db_path, long long cursor, long long upper_size, SyncOutBatch *out,
                             ZfError *err);
int app_sync_heartbeat_record(Store *st, const SyncOutBatch *b, const json_t *ack, ZfError *err);
/* Upper side: a heartbeat received (the body has "heartbeat": true) — the head checked as a batch's
 * is (signature, consistency from the head held: a rewritten history is refused the same way), kept
 * as the node's latest, and witnessed. */
int app_sync_receive_heartbeat(Store *st, const char *db_path, const json_t *node, const json_t *body, json_t **ack,
                               ZfError *err);

/* Orders across levels (docs/sync.md "Orders across levels"). Upper side: the orders past draft about
 * the node's agencies, {items, signature} signed as the downward items are; the node's answers
 * ({answers:[{order_id, received, response:{note, corrections, round}}]}) applied as its agency's
 * own acts (receive, respond), each once: *reply = {results:[{order_id, result}]}. */
int app_sync_orders_for_node(Store *st, const char *db_path, const json_t *node, json_t **reply, ZfError *err);
int app_sync_order_answers_accept(const AppContext *cx, const json_t *node, const json_t *body, json_t **reply, ZfError *err);
/* Lower side: the upper's orders applied (the signature checked; a new one copied and linked, a
 * decision on an answered one followed); the answers not yet sent up; marking them sent. */
int app_sync_orders_apply(Store *st, const json_t *reply, long *applied, ZfError *err);
int app_sync_order_answers(Store *st, json_t **answers, ZfError *err);
int app_sync_order_answers_sent(Store *st, const json_t *answers, ZfError *err);

/* `zhifa sync status` and GET /api/v1/sync/upstream: {enrolled, upper, node_name, region, cursor, last_seq,
 * lag, last_head, last_push_at, last_error, witnesses}. */
int app_sync_status(Store *st, const char *db_path, json_t **out, ZfError *err);

/* Downward (docs/sync.md "Downward"). An upper level publishes a law text (validated by the law
 * parser, loaded here too) or 权责清单/裁量基准 lines (validated and imported here by the import
 * contract; other record types refused). *out = {kind, key, change: added|changed|unchanged}. */
int app_sync_publish_law(Store *st, const char *file_name, const char *text, size_t len, json_t **out, ZfError *err);
int app_sync_publish_records(Store *st, FILE *in, json_t **out, ZfError *err);
/* Publishes this level's newest rule configuration version (validated as the rule settings page
 * validates a save); *out = {kind, key, version, change: published | unchanged}. */
int app_sync_publish_rule_config(Store *st, json_t **out, ZfError *err);
/* Stores this level's 行政区划 additions and renames (code<TAB>name lines, checked as
 * regions_overlay_check does) and publishes its live rows; *out = {kind, key, rows}. */
int app_sync_publish_regions(Store *st, const char *text, size_t len, json_t **out, ZfError *err);
/* data/regions.tsv with this level's region_codes over it (docs/sync.md "Code tables"). */
int app_regions_load(Store *st, Regions **out, ZfError *err);
/* What a node pulls: {items:[{seq,kind,key,body,hash}], signature} after seq, signed with this level's key
 * over the items' compact sorted JSON. */
int app_sync_down_items(Store *st, const char *db_path, long long after, json_t **reply, ZfError *err);
/* The lower level applies a pull: the signature checked with the upper's key, each item validated as
 * when published (local additions kept: nothing here is removed), published again for the levels
 * below, recorded as a 'down' batch with what changed; down_cursor moved. *applied = items. */
int app_sync_down_apply(Store *st, const json_t *reply, long *applied, ZfError *err);

/* `zhifa verify` on a lower level: each stored witness checked — the upper's signature with the key
 * from the enrolment, and its root against this ledger's own root at that size. fn(kind, size,
 * message, ctx) for each: kind "witness" (valid) or "witness_invalid"; *problems counts the latter. */
typedef void (*SyncWitnessFn)(const char *kind, long long size, const char *message, void *ctx);
int app_sync_witness_check(Store *st, SyncWitnessFn fn, void *ctx, long long *problems, ZfError *err);

#endif
