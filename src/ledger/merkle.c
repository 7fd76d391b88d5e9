/* RFC 6962 Merkle tree over SM3 (see merkle.h). Pure computation: the only outside call is
 * OpenSSL's SM3. Proof generation follows RFC 6962 §2.1.1/§2.1.2 literally (recursive on the
 * largest power of two below n); verification follows RFC 9162's iterative algorithms, so the
 * two sides share no code path. */
#include "ledger/merkle.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

struct MerkleHasher {
    EVP_MD_CTX *ctx;
    EVP_MD *sm3;
};

MerkleHasher *merkle_hasher_new(void)
{
    MerkleHasher *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->ctx = EVP_MD_CTX_new();
    h->sm3 = EVP_MD_fetch(NULL, "SM3", NULL);
    if (!h->ctx || !h->sm3) {
        merkle_hasher_free(h);
        return NULL;
    }
    return h;
}

void merkle_hasher_free(MerkleHasher *h)
{
    if (!h) return;
    EVP_MD_CTX_free(h->ctx);
    EVP_MD_free(h->sm3);
    free(h);
}

/* SM3 cannot fail on valid memory once fetched; a failure here is a broken OpenSSL. */
static void digest3(MerkleHasher *h, const void *a, size_t na, const void *b, size_t nb, const void *c,
                    size_t nc, MerkleHash *out)
{
    unsigned int len = 0;
    if (!EVP_DigestInit_ex2(h->ctx, h->sm3, NULL) || (na && !EVP_DigestUpdate(h->ctx, a, na)) ||
        (nb && !EVP_DigestUpdate(h->ctx, b, nb)) || (nc && !EVP_DigestUpdate(h->ctx, c, nc)) ||
        !EVP_DigestFinal_ex(h->ctx, out->b, &len) || len != MERKLE_HASH_LEN)
        abort();
}

void merkle_sm3(MerkleHasher *h, const void *data, size_t len, MerkleHash *out)
{
    digest3(h, data, len, NULL, 0, NULL, 0, out);
}

void merkle_leaf_hash(MerkleHasher *h, const void *data, size_t len, MerkleHash *out)
{
    static const unsigned char prefix = 0x00;
    digest3(h, &prefix, 1, data, len, NULL, 0, out);
}

struct MerkleLeafDraft {
    EVP_MD_CTX *ctx;
};

MerkleLeafDraft *merkle_draft_new(void)
{
    MerkleLeafDraft *d = calloc(1, sizeof *d);
    if (d && !(d->ctx = EVP_MD_CTX_new())) {
        free(d);
        return NULL;
    }
    return d;
}

void merkle_draft_free(MerkleLeafDraft *d)
{
    if (!d) return;
    EVP_MD_CTX_free(d->ctx);
    free(d);
}

void merkle_draft_begin(MerkleHasher *h, MerkleLeafDraft *d, const void *data, size_t len)
{
    static const unsigned char prefix = 0x00;
    if (!EVP_DigestInit_ex2(d->ctx, h->sm3, NULL) || !EVP_DigestUpdate(d->ctx, &prefix, 1) ||
        (len && !EVP_DigestUpdate(d->ctx, data, len)))
        abort();
}

void merkle_draft_finish(MerkleLeafDraft *d, const void *rest, size_t len, MerkleHash *out)
{
    unsigned int n = 0;
    if ((len && !EVP_DigestUpdate(d->ctx, rest, len)) || !EVP_DigestFinal_ex(d->ctx, out->b, &n) ||
        n != MERKLE_HASH_LEN)
        abort();
}

void merkle_node_hash(MerkleHasher *h, const MerkleHash *left, const MerkleHash *right, MerkleHash *out)
{
    static const unsigned char prefix = 0x01;
    MerkleHash l = *left, r = *right; /* out may alias an input */
    digest3(h, &prefix, 1, l.b, MERKLE_HASH_LEN, r.b, MERKLE_HASH_LEN, out);
}

/* Largest power of two strictly below n (n >= 2). */
static uint64_t split_point(uint64_t n)
{
    uint64_t k = 1;
    while (k << 1 < n) k <<= 1;
    return k;
}

static unsigned log2_exact(uint64_t n)
{
    unsigned l = 0;
    while ((UINT64_C(1) << l) < n) l++;
    return l;
}

int merkle_subtree(MerkleHasher *h, MerkleNodeFn fn, void *ctx, uint64_t start, uint64_t end, MerkleHash *out)
{
    uint64_t n = end - start;
    if (end <= start) return -1;
    if ((n & (n - 1)) == 0 && start % n == 0) return fn(ctx, log2_exact(n), start / n, out);
    uint64_t k = split_point(n);
    MerkleHash l, r;
    int rc = merkle_subtree(h, fn, ctx, start, start + k, &l);
    if (rc == 0) rc = merkle_subtree(h, fn, ctx, start + k, end, &r);
    if (rc == 0) merkle_node_hash(h, &l, &r, out);
    return rc;
}

int merkle_root(MerkleHasher *h, MerkleNodeFn fn, void *ctx, uint64_t size, MerkleHash *out)
{
    if (size == 0) {
        merkle_sm3(h, "", 0, out);
        return 0;
    }
    return merkle_subtree(h, fn, ctx, 0, size, out);
}

typedef struct {
    MerkleHasher *h;
    const MerkleHash *leaves;
} ArrayNodes;

static int array_node(void *ctx, unsigned level, uint64_t index, MerkleHash *out)
{
    ArrayNodes *a = ctx;
    if (level == 0) {
        *out = a->leaves[index];
        return 0;
    }
    MerkleHash l, r;
    array_node(ctx, level - 1, index * 2, &l);
    array_node(ctx, level - 1, index * 2 + 1, &r);
    merkle_node_hash(a->h, &l, &r, out);
    return 0;
}

void merkle_root_of(MerkleHasher *h, const MerkleHash *leaves, uint64_t n, MerkleHash *out)
{
    ArrayNodes a = {h, leaves};
    merkle_root(h, array_node, &a, n, out);
}

/* PATH(m, D[start:end]) appended leaf-side first. */
static int path_of(MerkleHasher *h, MerkleNodeFn fn, void *ctx, uint64_t m, uint64_t start, uint64_t end,
                   MerkleHash *path, size_t *len)
{
    uint64_t n = end - start;
    if (n <= 1) return 0;
    uint64_t k = split_point(n);
    int rc;
    if (m < k) {
        if ((rc = path_of(h, fn, ctx, m, start, start + k, path, len)) != 0) return rc;
        rc = merkle_subtree(h, fn, ctx, start + k, end, &path[*len]);
    } else {
        if ((rc = path_of(h, fn, ctx, m - k, start + k, end, path, len)) != 0) return rc;
        rc = merkle_subtree(h, fn, ctx, start, start + k, &path[*len]);
    }
    if (rc == 0) (*len)++;
    return rc;
}

int merkle_inclusion_proof(MerkleHasher *h, MerkleNodeFn fn, void *ctx, uint64_t index, uint64_t size,
                           MerkleHash path[MERKLE_MAX_PATH], size_t *len)
{
    *len = 0;
    if (index >= size) return -1;
    return path_of(h, fn, ctx, index, 0, size, path, len);
}

/* SUBPROOF(m, D[start:end], b) of RFC 6962 §2.1.2. */
static int subproof(MerkleHasher *h, MerkleNodeFn fn, void *ctx, uint64_t m, uint64_t start, uint64_t end,
                    int b, MerkleHash *path, size_t *len)
{
    uint64_t n = end - start;
    int rc;
    if (m == n) {
        if (b) return 0;
        rc = merkle_subtree(h, fn, ctx, start, end, &path[*len]);
        if (rc == 0) (*len)++;
        return rc;
    }
    uint64_t k = split_point(n);
    if (m <= k) {
        if ((rc = subproof(h, fn, ctx, m, start, start + k, b, path, len)) != 0) return rc;
        rc = merkle_subtree(h, fn, ctx, start + k, end, &path[*len]);
    } else {
        if ((rc = subproof(h, fn, ctx, m - k, start + k, end, 0, path, len)) != 0) return rc;
        rc = merkle_subtree(h, fn, ctx, start, start + k, &path[*len]);
    }
    if (rc == 0) (*len)++;
    return rc;
}

int merkle_consistency_proof(MerkleHasher *h, MerkleNodeFn fn, void *ctx, uint64_t m, uint64_t n,
                             MerkleHash path[MERKLE_MAX_PATH], size_t *len)
{
    *len = 0;
    if (m == 0 || m > n) return -1;
    if (m == n) return 0;
    return subproof(h, fn, ctx, m, 0, n, 1, path, len);
}

static int same(const MerkleHash *a, const MerkleHash *b) { return memcmp(a->b, b->b, MERKLE_HASH_LEN) == 0; }

int merkle_verify_inclusion(MerkleHasher *h, const MerkleHash *leaf, uint64_t index, uint64_t size,
                            const MerkleHash *path, size_t len, const MerkleHash *root)
{
    if (index >= size) return 0;
    uint64_t fn = index, sn = size - 1;
    MerkleHash r = *leaf;
    for (size_t i = 0; i < len; i++) {
        if (sn == 0) return 0;
        if ((fn & 1) || fn == sn) {
            merkle_node_hash(h, &path[i], &r, &r);
            while (!(fn & 1) && fn != 0) fn >>= 1, sn >>= 1;
        } else {
            merkle_node_hash(h, &r, &path[i], &r);
        }
        fn >>= 1, sn >>= 1;
    }
    return sn == 0 && same(&r, root);
}

int merkle_verify_consistency(MerkleHasher *h, uint64_t m, uint64_t n, const MerkleHash *root_m,
                              const MerkleHash *root_n, const MerkleHash *path, size_t len)
{
    if (m == 0 || m > n) return 0;
    if (m == n) return len == 0 && same(root_m, root_n);
    if (len == 0) return 0;
    size_t i = 0;
    MerkleHash fr, sr;
    if ((m & (m - 1)) == 0) fr = sr = *root_m; /* m a power of two: the old root is the first node */
    else fr = sr = path[i++];
    uint64_t fn = m - 1, sn = n - 1;
    while (fn & 1) fn >>= 1, sn >>= 1;
    for (; i < len; i++) {
        if (sn == 0) return 0;
        if ((fn & 1) || fn == sn) {
            merkle_node_hash(h, &path[i], &fr, &fr);
            merkle_node_hash(h, &path[i], &sr, &sr);
            while (!(fn & 1) && fn != 0) fn >>= 1, sn >>= 1;
        } else {
            merkle_node_hash(h, &sr, &path[i], &sr);
        }
        fn >>= 1, sn >>= 1;
    }
    return sn == 0 && same(&fr, root_m) && same(&sr, root_n);
}

int merkle_frontier_push(MerkleHasher *h, MerkleFrontier *f, const MerkleHash *leaf, MerkleNodeSink on_node,
                         void *ctx)
{
    MerkleHash acc = *leaf;
    unsigned k = 0;
    uint64_t new_size = f->size + 1;
    while (f->size & (UINT64_C(1) << k)) {
        merkle_node_hash(h, &f->frontier[k], &acc, &acc);
        k++;
        int rc = on_node ? on_node(ctx, k, (new_size >> k) - 1, &acc) : 0;
        if (rc) return rc;
    }
    f->frontier[k] = acc;
    f->size = new_size;
    return 0;
}

void merkle_frontier_root(MerkleHasher *h, const MerkleFrontier *f, MerkleHash *out)
{
    int have = 0;
    MerkleHash acc;
    if (f->size == 0) {
        merkle_sm3(h, "", 0, out);
        return;
    }
    for (unsigned k = 0; k < 64; k++) {
        if (!(f->size & (UINT64_C(1) << k))) continue;
        if (have) merkle_node_hash(h, &f->frontier[k], &acc, &acc);
        else acc = f->frontier[k], have = 1;
    }
    *out = acc;
}
