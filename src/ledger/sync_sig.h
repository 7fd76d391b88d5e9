/* The SM2 signatures of multi-level sync (docs/sync.md): a node's request signed with its ledger
 * key, and the witness an upper level gives on a lower level's head it checked. Same SM2/SM3/ID as
 * the tree heads (util/sm2.c); signatures base64 DER. */
#ifndef ZF_LEDGER_SYNC_SIG_H
#define ZF_LEDGER_SYNC_SIG_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/* Signs msg with the private key in key_path; *sig_b64 malloc'd. */
int sync_sign(const char *key_path, const void *msg, size_t len, char **sig_b64, ZfError *err);
/* 1 when sig_b64 is a valid signature of msg under public_pem, else 0. */
int sync_verify(const char *public_pem, const void *msg, size_t len, const char *sig_b64);

/* "zhifa-sync-v1\n<METHOD>\n<path>\n<time>\n" followed by the body: malloc'd, *len set. */
char *sync_request_message(const char *method, const char *path, long long time, const void *body, size_t body_len,
                           size_t *len);
/* "zhifa-witness-v1\n<lower key id>\n<tree_size>\n<root hex>\n<head time>\n"; returns its length. */
size_t sync_witness_message(const char *lower_key_id, uint64_t tree_size, const char *root_hex, int64_t head_time,
                            char *out, size_t cap);

#endif
