/* SM3 Merkle tree in the shape of RFC 6962 §2.1: leaf = SM3(0x00 || data), node =
 * SM3(0x01 || left || right), MTH for any size, inclusion and consistency proofs and their
 * verification. Pure: no I/O, no clock; subtree hashes come from the caller through a callback,
 * so the same code serves an in-memory array, the SQLite cache and the tests. */
#ifndef ZF_MERKLE_H
#define ZF_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#include "util/digest.h"

#define MERKLE_MAX_PATH 64 /* a proof for any 64-bit size has at most 64 hashes */


/* An SM3 context reused across hashes (OpenSSL EVP); one per thread. */
typedef struct MerkleHasher MerkleHasher;
MerkleHasher *merkle_hasher_new(void);
void merkle_hasher_free(MerkleHasher *h);

void merkle_sm3(MerkleHasher *h, const void *data, size_t len, MerkleHash *out);
void merkle_leaf_hash(MerkleHasher *h, const void *data, size_t len, MerkleHash *out);
void merkle_node_hash(MerkleHasher *h, const MerkleHash *left, const MerkleHash *right, MerkleHash *out);

/* A leaf hash in two halves, so most of an event can be hashed on another thread before its
 * position in the log is known: begin hashes 0x00 || data with h's algorithm (h stays free for
 * other use), finish adds the rest and gives SM3(0x00 || data || rest). */
typedef struct MerkleLeafDraft MerkleLeafDraft;
MerkleLeafDraft *merkle_draft_new(void);
void merkle_draft_free(MerkleLeafDraft *d);
void merkle_draft_begin(MerkleHasher *h, MerkleLeafDraft *d, const void *data, size_t len);
void merkle_draft_finish(MerkleLeafDraft *d, const void *rest, size_t len, MerkleHash *out);

/* Hash of the complete subtree of 2^level leaves starting at leaf index << level.
 * Returns 0, or non-zero when the hash cannot be had (the error propagates). */
typedef int (*MerkleNodeFn)(void *ctx, unsigned level, uint64_t index, MerkleHash *out);

/* MTH(D[start:end]) where [start, end) is a subtree of the RFC 6962 recursion (start is a
 * multiple of the largest power of two below end - start, as every recursion step gives). */
int merkle_subtree(MerkleHasher *h, MerkleNodeFn fn, void *ctx, uint64_t start, uint64_t end, MerkleHash *out);
/* MTH of the first `size` leaves; SM3("") for size 0. */
int merkle_root(MerkleHasher *h, MerkleNodeFn fn, void *ctx, uint64_t size, MerkleHash *out);
/* MTH of an array of leaf hashes (convenience over merkle_root). */
void merkle_root_of(MerkleHasher *h, const MerkleHash *leaves, uint64_t n, MerkleHash *out);

/* RFC 6962 PATH(index, D[size]), leaf-side first. *len receives the count. */
int merkle_inclusion_proof(MerkleHasher *h, MerkleNodeFn fn, void *ctx, uint64_t index, uint64_t size,
                           MerkleHash path[MERKLE_MAX_PATH], size_t *len);
/* RFC 6962 PROOF(m, D[n]) for 0 < m <= n (empty when m == n). */
int merkle_consistency_proof(MerkleHasher *h, MerkleNodeFn fn, void *ctx, uint64_t m, uint64_t n,
                             MerkleHash path[MERKLE_MAX_PATH], size_t *len);

/* RFC 9162 §2.1.3.2: 1 when leaf (already SM3(0x00||data)) is at index of a tree of size with root. */
int merkle_verify_inclusion(MerkleHasher *h, const MerkleHash *leaf, uint64_t index, uint64_t size,
                            const MerkleHash *path, size_t len, const MerkleHash *root);
/* RFC 9162 §2.1.4.2: 1 when the tree of size m with root_m is a prefix of size n with root_n. */
int merkle_verify_consistency(MerkleHasher *h, uint64_t m, uint64_t n, const MerkleHash *root_m,
                              const MerkleHash *root_n, const MerkleHash *path, size_t len);

/* Incremental tree: the roots of the complete subtrees of the binary decomposition of size
 * (frontier[k] valid when bit k of size is set). Appending is O(1) amortized. */
typedef struct {
    uint64_t size;
    MerkleHash frontier[64];
} MerkleFrontier;

/* Appends a leaf hash. When on_node is non-NULL it is told of every complete subtree formed
 * (level >= 1) so the caller can cache it; a non-zero return aborts and is returned. */
typedef int (*MerkleNodeSink)(void *ctx, unsigned level, uint64_t index, const MerkleHash *hash);
int merkle_frontier_push(MerkleHasher *h, MerkleFrontier *f, const MerkleHash *leaf, MerkleNodeSink on_node,
                         void *ctx);
void merkle_frontier_root(MerkleHasher *h, const MerkleFrontier *f, MerkleHash *out);


#endif
