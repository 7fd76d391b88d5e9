/* Unit tests for the ledger over a real SQLite store in a temporary directory: the stored tree
 * (frontier + node cache) gives the same roots and proofs as a naive recomputation from the
 * stored event bytes, across chunk boundaries and reloads; heads are signed once per new size;
 * verify finds nothing on an intact log and the changed row on a tampered one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ledger/ledger.h"

#define N 300

static char dir[64], db[128];
static Store *st;
static MerkleHash leaves[N];

/* Independent recomputation: read the bytes back with plain sqlite3 and hash them here. */
static void read_leaves(void)
{
    sqlite3 *c;
    sqlite3_stmt *q;
    MerkleHasher *h = merkle_hasher_new();
    assert_int_equal(sqlite3_open(db, &c), SQLITE_OK);
    sqlite3_prepare_v2(c, "SELECT body FROM ledger_events ORDER BY seq", -1, &q, NULL);
    int i = 0;
    while (sqlite3_step(q) == SQLITE_ROW && i < N)
        merkle_leaf_hash(h, sqlite3_column_text(q, 0), (size_t)sqlite3_column_bytes(q, 0), &leaves[i++]);
    assert_int_equal(i, N);
    sqlite3_finalize(q);
    sqlite3_close(c);
    merkle_hasher_free(h);
}

static int setup(void **state)
{
    (void)state;
    ZfError err;
    snprintf(dir, sizeof dir, "/tmp/zhifa-test-ledger-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(db, sizeof db, "%s/t.db", dir);
    if (store_open(db, STORE_OPEN_CREATE, &st, &err) != ZF_OK) return -1;
    Ledger *l;
    if (ledger_open(st, &l, &err) != ZF_OK) return -1;
    /* three transactions of uneven sizes, with a reload between them */
    int cut[] = {0, 37, 200, N};
    for (int b = 0; b < 3; b++) {
        if (store_begin(st, &err) != ZF_OK) return -1;
        ledger_reset(l);
        for (int i = cut[b]; i < cut[b + 1]; i++) {
            json_t *d = json_pack("{s:i, s:s}", "n", i, "text", "执法记录");
            uint64_t seq;
            int rc = ledger_add(l, LEDGER_CASE_IMPORT, "案件", d, &seq, &err);
            json_decref(d);
            if (rc != ZF_OK || seq != (uint64_t)i) return -1;
        }
        if (store_commit(st, &err) != ZF_OK) return -1;
    }
    ledger_close(l);
    read_leaves();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    store_close(st);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_stored_roots_equal_naive_roots_for_every_size(void **state)
{
    (void)state;
    Ledger *l;
    ZfError err;
    MerkleHasher *h = merkle_hasher_new();
    assert_int_equal(ledger_open(st, &l, &err), ZF_OK);
    for (uint64_t n = 0; n <= N; n++) {
        MerkleHash got, want;
        assert_int_equal(ledger_root_at(l, n, &got, &err), ZF_OK);
        merkle_root_of(h, leaves, n, &want);
        assert_memory_equal(got.b, want.b, 32);
    }
    ledger_close(l);
    merkle_hasher_free(h);
}

static void test_stored_proofs_verify_against_naive_roots(void **state)
{
    (void)state;
    Ledger *l;
    ZfError err;
    MerkleHasher *h = merkle_hasher_new();
    assert_int_equal(ledger_open(st, &l, &err), ZF_OK);
    static const uint64_t sizes[] = {1, 63, 64, 65, 127, 128, 129, 200, 255, 256, 257, N};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        uint64_t n = sizes[s];
        MerkleHash root, path[MERKLE_MAX_PATH];
        size_t len;
        merkle_root_of(h, leaves, n, &root);
        for (uint64_t i = 0; i < n; i += (n > 70 ? 7 : 1)) {
            assert_int_equal(ledger_inclusion(l, i, n, path, &len, &err), ZF_OK);
            assert_true(merkle_verify_inclusion(h, &leaves[i], i, n, path, len, &root));
        }
        for (uint64_t m = 1; m <= n; m += (n > 70 ? 11 : 1)) {
            MerkleHash rm;
            merkle_root_of(h, leaves, m, &rm);
            assert_int_equal(ledger_consistency(l, m, n, path, &len, &err), ZF_OK);
            assert_true(merkle_verify_consistency(h, m, n, &rm, &root, path, len));
        }
    }
    MerkleHash none[MERKLE_MAX_PATH];
    size_t none_len;
    assert_int_equal(ledger_inclusion(l, N, N, none, &none_len, &err), ZF_ERR);
    ledger_close(l);
    merkle_hasher_free(h);
}

static void test_heads_are_signed_once_per_size(void **state)
{
    (void)state;
    ZfError err;
    SignedHead a, b;
    int created, fresh;
    assert_int_equal(ledger_init_key(st, db, &created, &err), ZF_OK);
    assert_true(created);
    assert_int_equal(ledger_sign_head(st, db, &a, &fresh, &err), ZF_OK);
    assert_true(fresh);
    assert_int_equal(a.tree_size, N);
    MerkleHasher *h = merkle_hasher_new();
    MerkleHash root;
    merkle_root_of(h, leaves, N, &root);
    assert_memory_equal(a.root.b, root.b, 32);
    merkle_hasher_free(h);
    assert_int_equal(ledger_sign_head(st, db, &b, &fresh, &err), ZF_OK);
    assert_false(fresh); /* nothing new: the same head */
    assert_int_equal(b.time, a.time);
    assert_int_equal(ledger_init_key(st, db, &created, &err), ZF_OK);
    assert_false(created);
}

typedef struct {
    int count;
    char kinds[400];
    long long first_pos;
} Seen;

static void seen(const char *kind, long long pos, const char *msg, void *ctx)
{
    (void)msg;
    Seen *s = ctx;
    if (!s->count++) s->first_pos = pos;
    strncat(s->kinds, kind, sizeof s->kinds - strlen(s->kinds) - 2);
    strcat(s->kinds, " ");
}

static void test_verify_intact_then_tampered(void **state)
{
    (void)state;
    ZfError err;
    LedgerVerifyStats vs;
    Seen s = {0};
    assert_int_equal(ledger_verify(st, db, seen, &s, &vs, &err), ZF_OK);
    assert_int_equal(vs.problems, 0);
    assert_int_equal(vs.events, N);
    sqlite3 *c;
    assert_int_equal(sqlite3_open(db, &c), SQLITE_OK);
    assert_int_equal(sqlite3_exec(c, "UPDATE ledger_events SET body = replace(body, '\"n\":150', '\"n\":151') WHERE seq = 150",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(c);
    assert_int_equal(ledger_verify(st, db, seen, &s, &vs, &err), ZF_OK);
    assert_true(vs.problems >= 2);
    assert_int_equal(s.first_pos, 150);
    assert_non_null(strstr(s.kinds, "changed"));
    assert_non_null(strstr(s.kinds, "head_mismatch"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stored_roots_equal_naive_roots_for_every_size),
        cmocka_unit_test(test_stored_proofs_verify_against_naive_roots),
        cmocka_unit_test(test_heads_are_signed_once_per_size),
        cmocka_unit_test(test_verify_intact_then_tampered),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
