/* A 32-byte digest (SM3, SHA-256) and its lowercase hex form: the value type the ledger hashes
 * into and the store keeps, so neither needs the other's header to name it. */
#ifndef ZF_UTIL_DIGEST_H
#define ZF_UTIL_DIGEST_H

#define MERKLE_HASH_LEN 32

typedef struct {
    unsigned char b[MERKLE_HASH_LEN];
} MerkleHash;

/* 64 lowercase hex digits and a NUL. */
void merkle_hex(const MerkleHash *hash, char out[2 * MERKLE_HASH_LEN + 1]);
/* 0, or -1 when hex is not 64 hex digits. */
int merkle_unhex(const char *hex, MerkleHash *out);

#endif
