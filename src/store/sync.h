/* 多级汇聚 (migration 063, docs/sync.md): an upper level's node registry and received batches; a
 * lower level's link upward, its outbox of changed records with the cursor, its acknowledged
 * batches and the witness signatures of its heads. Rows in and out as JSON objects. */
#ifndef ZF_STORE_SYNC_H
#define ZF_STORE_SYNC_H

#include <jansson.h>

#include "store/store.h"

/* Upper side. A new node (status pending); 409 node_name_taken when the name is in use. */
int store_sync_node_add(Store *st, const char *name, const char *region, const char *token_hash, long long *id,
                        ZfError *err);
/* {id,name,region,public_key,key_id,status,refused_reason,cursor,head_size,head_root,head_time,pending,
 *  last_batch_at,created_at,enrolled_at,children}; 404 when no node has this token. */
int store_sync_node_by_token(Store *st, const char *token_hash, json_t **node, ZfError *err);
/* Sets the members present in fields (public_key key_id status refused_reason cursor head_size
 * head_root head_time pending last_batch_at enrolled_at children); the others stay. */
int store_sync_node_update(Store *st, long long id, const json_t *fields, ZfError *err);
/* Every node, by name, with the shape of store_sync_node_by_token without the key. */
int store_sync_nodes_list(Store *st, json_t **items, ZfError *err);

/* Both sides. batch = {direction,node_id|null,from_seq,to_seq,lines,imported,rejected,head_size,head_root,
 * errors:[{line,key,error}]}; a batch already recorded (same direction, node, to_seq) is left as it
 * is. *id receives the row's id. */
int store_sync_batch_record(Store *st, const json_t *batch, long long *id, ZfError *err);
/* The recorded batch with its errors; 404 when none. node_id 0 = none (an 'out' batch). */
int store_sync_batch_find(Store *st, const char *direction, long long node_id, long long to_seq, json_t **batch,
                          ZfError *err);
/* Newest first: {items:[batch + node_name + errors (first 100)], total, page, size}; direction NULL = both. */
int store_sync_batches_list(Store *st, const char *direction, int page, int size, json_t **out, ZfError *err);

/* Lower side. {url,token,upper_key,upper_key_id,node_name,region,cursor,last_push_at,last_error,enrolled_at,
 * lag (changes after the cursor), last_seq}; 404 when not enrolled. */
int store_sync_upper_get(Store *st, json_t **row, ZfError *err);
/* Stores the link (409 already_enrolled when there is one) and queues every stored record once,
 * in export order (agencies → officers → powers → benchmarks → cases → monthly reports). */
int store_sync_upper_enrol(Store *st, const json_t *row, ZfError *err);
/* Sets cursor, down_cursor, last_push_at, last_error when present in fields (last_error null clears it). */
int store_sync_upper_update(Store *st, const json_t *fields, ZfError *err);
/* The records changed after seq, in seq order, at most limit; a non-zero return of fn stops. */
typedef int (*SyncPendingFn)(long long seq, const char *body, size_t len, void *ctx);
int store_sync_pending(Store *st, long long after_seq, int limit, SyncPendingFn fn, void *ctx, ZfError *err);
/* Downward (docs/sync.md "Downward"): an item this level publishes below (kind "law" or "record");
 * a new version (another hash) moves it to a new seq and sets *changed. */
int store_sync_publish(Store *st, const char *kind, const char *key, const char *body, const char *hash, int *changed,
                       ZfError *err);
/* [{seq,kind,key,body,hash}] after seq, in seq order, at most limit. */
int store_sync_published_after(Store *st, long long after_seq, int limit, json_t **items, ZfError *err);
/* Orders across levels, lower side: link = {local_id, upper_id, sent_received, sent_round}; put inserts
 * or replaces the link of local_id. links: every link, by local_id. */
int store_sync_order_link_put(Store *st, const json_t *link, ZfError *err);
int store_sync_order_links(Store *st, json_t **items, ZfError *err);
/* w = {tree_size,root,head_time,upper_key_id,signature}. */
int store_sync_witness_add(Store *st, const json_t *w, ZfError *err);
/* Every witness, oldest first, with received_at. */
int store_sync_witnesses(Store *st, json_t **items, ZfError *err);

#endif
