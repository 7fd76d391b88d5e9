/* Unit tests for ledger/merkle: SM3 known answers, RFC 6962 roots, inclusion and consistency
 * proofs. Expected values come from an independent naive implementation in this file (recursive
 * MTH/PATH/PROOF straight from RFC 6962 §2.1, hashing through OpenSSL's one-shot EVP_Digest) and
 * from vectors computed with the openssl command line; proofs are also checked by a recursive
 * verifier written here. No files, no clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/merkle.h"

/* ---- the independent reference ---- */

static void ref_sm3(const unsigned char *data, size_t len, MerkleHash *out)
{
    unsigned int n = 0;
    assert_int_equal(EVP_Digest(data, len, out->b, &n, EVP_sm3(), NULL), 1);
    assert_int_equal(n, 32);
}

static void ref_leaf(const char *data, MerkleHash *out)
{
    size_t n = strlen(data);
    unsigned char buf[256];
    buf[0] = 0;
    memcpy(buf + 1, data, n);
    ref_sm3(buf, n + 1, out);
}

static void ref_node(const MerkleHash *l, const MerkleHash *r, MerkleHash *out)
{
    unsigned char buf[65];
    buf[0] = 1;
    memcpy(buf + 1, l->b, 32);
    memcpy(buf + 33, r->b, 32);
    ref_sm3(buf, 65, out);
}

static uint64_t ref_k(uint64_t n)
{
    uint64_t k = 1;
    while (2 * k < n) k *= 2;
    return k;
}

/* MTH(D[n]) over leaf hashes. */
static void ref_mth(const MerkleHash *d, uint64_t n, MerkleHash *out)
{
    if (n == 0) {
        ref_sm3((const unsigned char *)"", 0, out);
    } else if (n == 1) {
        *out = d[0];
    } else {
        uint64_t k = ref_k(n);
        MerkleHash a, b;
        ref_mth(d, k, &a);
        ref_mth(d + k, n - k, &b);
        ref_node(&a, &b, out);
    }
}

static void ref_path(uint64_t m, const MerkleHash *d, uint64_t n, MerkleHash *out, size_t *len)
{
    if (n <= 1) return;
    uint64_t k = ref_k(n);
    if (m < k) {
        ref_path(m, d, k, out, len);
        ref_mth(d + k, n - k, &out[(*len)++]);
    } else {
        ref_path(m - k, d + k, n - k, out, len);
        ref_mth(d, k, &out[(*len)++]);
    }
}

static void ref_subproof(uint64_t m, const MerkleHash *d, uint64_t n, int b, MerkleHash *out, size_t *len)
{
    if (m == n) {
        if (!b) ref_mth(d, n, &out[(*len)++]);
        return;
    }
    uint64_t k = ref_k(n);
    if (m <= k) {
        ref_subproof(m, d, k, b, out, len);
        ref_mth(d + k, n - k, &out[(*len)++]);
    } else {
        ref_subproof(m - k, d + k, n - k, 0, out, len);
        ref_mth(d, k, &out[(*len)++]);
    }
}

/* Recursive inclusion verifier: rebuilds the root from the leaf, consuming the path from its
 * root end (the path is leaf-side first). */
static int ref_root_from_path(uint64_t m, uint64_t n, const MerkleHash *leaf, const MerkleHash *path, size_t *i,
                              MerkleHash *out)
{
    if (n == 1) {
        *out = *leaf;
        return 1;
    }
    if (*i == 0) return 0;
    uint64_t k = ref_k(n);
    MerkleHash sib = path[--*i], sub;
    if (m < k) {
        if (!ref_root_from_path(m, k, leaf, path, i, &sub)) return 0;
        ref_node(&sub, &sib, out);
    } else {
        if (!ref_root_from_path(m - k, n - k, leaf, path, i, &sub)) return 0;
        ref_node(&sib, &sub, out);
    }
    return 1;
}

static int ref_verify_inclusion(uint64_t m, uint64_t n, const MerkleHash *leaf, const MerkleHash *path, size_t len,
                                const MerkleHash *root)
{
    size_t i = len;
    MerkleHash r;
    return ref_root_from_path(m, n, leaf, path, &i, &r) && i == 0 && memcmp(r.b, root->b, 32) == 0;
}

/* ---- fixtures ---- */

#define N_MAX 300
static MerkleHash leaves[N_MAX];

static int setup(void **state)
{
    (void)state;
    for (int i = 0; i < N_MAX; i++) {
        char item[32];
        snprintf(item, sizeof item, "event-%d", i);
        ref_leaf(item, &leaves[i]);
    }
    return 0;
}

static int array_fn(void *ctx, unsigned level, uint64_t index, MerkleHash *out)
{
    const MerkleHash *d = ctx;
    ref_mth(d + (index << level), UINT64_C(1) << level, out);
    return 0;
}

static void hex_is(const MerkleHash *h, const char *hex)
{
    char got[65];
    merkle_hex(h, got);
    assert_string_equal(got, hex);
}

/* ---- tests ---- */

static void test_sm3_known_answers(void **state)
{
    (void)state;
    MerkleHasher *h = merkle_hasher_new();
    MerkleHash d;
    merkle_sm3(h, "abc", 3, &d); /* GB/T 32905-2016 example 1 */
    hex_is(&d, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    const char *abcd16 = "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd";
    merkle_sm3(h, abcd16, 64, &d); /* example 2 */
    hex_is(&d, "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
    merkle_sm3(h, "", 0, &d);
    hex_is(&d, "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
    merkle_hasher_free(h);
}

/* Vectors from the openssl CLI: leaf = printf '\x00a' | openssl dgst -sm3, and so on. */
static void test_tree_of_three_matches_openssl_cli_vectors(void **state)
{
    (void)state;
    MerkleHasher *h = merkle_hasher_new();
    MerkleHash l[3], root;
    merkle_leaf_hash(h, "a", 1, &l[0]);
    merkle_leaf_hash(h, "b", 1, &l[1]);
    merkle_leaf_hash(h, "c", 1, &l[2]);
    hex_is(&l[0], "c688f41bcd570f9651ccb215058a545f66f52ab4eac2968896e1637af9443d8c");
    merkle_root_of(h, l, 2, &root);
    hex_is(&root, "2c537e31416ae684fd8a1552a3bcd5a452274e02a45d67c856405b3a1108ee90");
    merkle_root_of(h, l, 3, &root);
    hex_is(&root, "2706e4e4d41c1ed9c3fe7f7822bf360a67abcc052cc2c00022c1313ec3ded965");
    merkle_hasher_free(h);
}

static void test_leaf_and_node_hashes_use_rfc6962_prefixes(void **state)
{
    (void)state;
    MerkleHasher *h = merkle_hasher_new();
    MerkleHash a, b, n1, n2;
    merkle_leaf_hash(h, "event-0", 7, &a);
    assert_memory_equal(a.b, leaves[0].b, 32);
    merkle_node_hash(h, &leaves[0], &leaves[1], &n1);
    ref_node(&leaves[0], &leaves[1], &n2);
    assert_memory_equal(n1.b, n2.b, 32);
    b = leaves[0];
    merkle_node_hash(h, &b, &leaves[1], &b); /* output aliasing an input */
    assert_memory_equal(b.b, n2.b, 32);
    merkle_hasher_free(h);
}

static void test_roots_match_naive_mth_for_every_size(void **state)
{
    (void)state;
    MerkleHasher *h = merkle_hasher_new();
    MerkleFrontier f = {0};
    for (uint64_t n = 0; n <= N_MAX; n++) {
        MerkleHash want, got, fr;
        ref_mth(leaves, n, &want);
        merkle_root_of(h, leaves, n, &got);
        assert_memory_equal(got.b, want.b, 32);
        merkle_frontier_root(h, &f, &fr);
        assert_memory_equal(fr.b, want.b, 32);
        if (n < N_MAX) merkle_frontier_push(h, &f, &leaves[n], NULL, NULL);
    }
    merkle_hasher_free(h);
}

typedef struct {
    int count;
} SinkCount;

static int sink_check(void *ctx, unsigned level, uint64_t index, const MerkleHash *hash)
{
    SinkCount *c = ctx;
    MerkleHash want;
    ref_mth(leaves + (index << level), UINT64_C(1) << level, &want);
    assert_memory_equal(hash->b, want.b, 32);
    c->count++;
    return 0;
}

static void test_frontier_reports_each_complete_subtree_once(void **state)
{
    (void)state;
    MerkleHasher *h = merkle_hasher_new();
    MerkleFrontier f = {0};
    SinkCount c = {0};
    for (int i = 0; i < 256; i++) merkle_frontier_push(h, &f, &leaves[i], sink_check, &c);
    assert_int_equal(c.count, 255); /* a perfect tree of 256 leaves has 255 inner nodes */
    merkle_hasher_free(h);
}

static void test_inclusion_proofs_match_rfc6962_path_and_verify(void **state)
{
    (void)state;
    MerkleHasher *h = merkle_hasher_new();
    static const uint64_t sizes[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 100, 127, 128, 129, 255, 257, 300};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        uint64_t n = sizes[s];
        MerkleHash root;
        ref_mth(leaves, n, &root);
        for (uint64_t m = 0; m < n; m++) {
            MerkleHash got[MERKLE_MAX_PATH], want[MERKLE_MAX_PATH];
            size_t glen = 0, wlen = 0;
            assert_int_equal(merkle_inclusion_proof(h, array_fn, leaves, m, n, got, &glen), 0);
            ref_path(m, leaves, n, want, &wlen);
            assert_int_equal(glen, wlen);
            if (wlen) assert_memory_equal(got, want, wlen * sizeof *want);
            assert_true(merkle_verify_inclusion(h, &leaves[m], m, n, got, glen, &root));
            assert_true(ref_verify_inclusion(m, n, &leaves[m], got, glen, &root));
            /* wrong leaf, wrong index, a flipped bit: all refused (a wrong size can coincide in
             * shape, e.g. index 0 of 3 and of 4: the signed head binds size and root together) */
            assert_false(merkle_verify_inclusion(h, &leaves[(m + 1) % N_MAX], m, n, got, glen, &root));
            if (n > 1) assert_false(merkle_verify_inclusion(h, &leaves[m], (m + 1) % n, n, got, glen, &root));
            if (glen) {
                got[glen / 2].b[7] ^= 1;
                assert_false(merkle_verify_inclusion(h, &leaves[m], m, n, got, glen, &root));
            }
        }
    }
    merkle_hasher_free(h);
}

static void test_inclusion_rejects_out_of_range(void **state)
{
    (void)state;
    MerkleHasher *h = merkle_hasher_new();
    MerkleHash p[MERKLE_MAX_PATH], root;
    size_t len;
    assert_int_not_equal(merkle_inclusion_proof(h, array_fn, leaves, 5, 5, p, &len), 0);
    ref_mth(leaves, 5, &root);
    assert_false(merkle_verify_inclusion(h, &leaves[5], 5, 5, p, 0, &root));
    merkle_hasher_free(h);
}

static void test_consistency_proofs_match_rfc6962_and_verify(void **state)
{
    (void)state;
    MerkleHasher *h = merkle_hasher_new();
    for (uint64_t n = 1; n <= 70; n++) {
        MerkleHash rn;
        ref_mth(leaves, n, &rn);
        for (uint64_t m = 1; m <= n; m++) {
            MerkleHash rm, got[MERKLE_MAX_PATH], want[MERKLE_MAX_PATH];
            size_t glen = 0, wlen = 0;
            ref_mth(leaves, m, &rm);
            assert_int_equal(merkle_consistency_proof(h, array_fn, leaves, m, n, got, &glen), 0);
            if (m < n) ref_subproof(m, leaves, n, 1, want, &wlen);
            assert_int_equal(glen, wlen);
            if (wlen) assert_memory_equal(got, want, wlen * sizeof *want);
            assert_true(merkle_verify_consistency(h, m, n, &rm, &rn, got, glen));
            if (m < n) {
                MerkleHash other;
                ref_mth(leaves + 1, m, &other); /* a different history of the same length */
                assert_false(merkle_verify_consistency(h, m, n, &other, &rn, got, glen));
                assert_false(merkle_verify_consistency(h, m, n, &rm, &rm, got, glen));
                got[0].b[0] ^= 0x80;
                assert_false(merkle_verify_consistency(h, m, n, &rm, &rn, got, glen));
            }
        }
    }
    merkle_hasher_free(h);
}

/* A tree whose leaves are all the same: the perfect subtree of level k is H(v[k-1], v[k-1]),
 * so proofs over 2^40 leaves run in microseconds and stay exact. */
static MerkleHash level_value[64];

static int level_fn(void *ctx, unsigned level, uint64_t index, MerkleHash *out)
{
    (void)ctx, (void)index;
    *out = level_value[level];
    return 0;
}

static void test_large_sizes_use_64_bit_arithmetic(void **state)
{
    (void)state;
    MerkleHasher *h = merkle_hasher_new();
    MerkleHash path[MERKLE_MAX_PATH], root, leaf, r2, cpath[MERKLE_MAX_PATH];
    size_t len, clen;
    uint64_t n = (UINT64_C(1) << 40) + 3, m = (UINT64_C(1) << 40) - 5;
    level_value[0] = leaves[0];
    for (int k = 1; k < 64; k++) ref_node(&level_value[k - 1], &level_value[k - 1], &level_value[k]);
    assert_int_equal(merkle_root(h, level_fn, NULL, n, &root), 0);
    level_fn(NULL, 0, m, &leaf);
    assert_int_equal(merkle_inclusion_proof(h, level_fn, NULL, m, n, path, &len), 0);
    assert_int_equal(len, 41);
    assert_true(merkle_verify_inclusion(h, &leaf, m, n, path, len, &root));
    assert_int_equal(merkle_root(h, level_fn, NULL, m, &r2), 0);
    assert_int_equal(merkle_consistency_proof(h, level_fn, NULL, m, n, cpath, &clen), 0);
    assert_true(merkle_verify_consistency(h, m, n, &r2, &root, cpath, clen));
    merkle_hasher_free(h);
}

static void test_hex_round_trip(void **state)
{
    (void)state;
    char hex[65];
    MerkleHash back;
    merkle_hex(&leaves[3], hex);
    assert_int_equal(merkle_unhex(hex, &back), 0);
    assert_memory_equal(back.b, leaves[3].b, 32);
    assert_int_not_equal(merkle_unhex("zz", &back), 0);
    hex[10] = 'g';
    assert_int_not_equal(merkle_unhex(hex, &back), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sm3_known_answers),
        cmocka_unit_test(test_tree_of_three_matches_openssl_cli_vectors),
        cmocka_unit_test(test_leaf_and_node_hashes_use_rfc6962_prefixes),
        cmocka_unit_test(test_roots_match_naive_mth_for_every_size),
        cmocka_unit_test(test_frontier_reports_each_complete_subtree_once),
        cmocka_unit_test(test_inclusion_proofs_match_rfc6962_path_and_verify),
        cmocka_unit_test(test_inclusion_rejects_out_of_range),
        cmocka_unit_test(test_consistency_proofs_match_rfc6962_and_verify),
        cmocka_unit_test(test_large_sizes_use_64_bit_arithmetic),
        cmocka_unit_test(test_hex_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
