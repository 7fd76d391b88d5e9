/* Unit tests for ledger/sth: SM2 key files, signing and verifying tree heads with the explicit
 * distinguishing ID, the exact signed message, base64. Uses a temporary directory only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ledger/sth.h"

static char dir[64], key[128];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/zhifa-test-sth-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(key, sizeof key, "%s/k.pem", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(key);
    rmdir(dir);
    return 0;
}

static void sample(SignedHead *h)
{
    memset(h, 0, sizeof *h);
    h->tree_size = 12345;
    for (int i = 0; i < 32; i++) h->root.b[i] = (unsigned char)i;
    h->time = 1779264000;
}

static void test_message_is_the_exact_documented_bytes(void **state)
{
    (void)state;
    SignedHead h;
    char msg[256];
    sample(&h);
    size_t n = sth_message(h.tree_size, &h.root, h.time, msg, sizeof msg);
    const char *want = "zhifa-sth-v1\n12345\n000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n1779264000\n";
    assert_int_equal(n, strlen(want));
    assert_string_equal(msg, want);
}

static void test_key_file_is_private_and_not_overwritten(void **state)
{
    (void)state;
    char *pem = NULL, *again = NULL;
    ZfError err;
    assert_int_equal(sth_key_generate(key, &pem, &err), ZF_OK);
    struct stat st;
    assert_int_equal(stat(key, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_non_null(strstr(pem, "BEGIN PUBLIC KEY"));
    assert_int_equal(sth_key_generate(key, &again, &err), ZF_ERR); /* O_EXCL: never replaces a key */
    assert_int_equal(sth_key_public(key, &again, &err), ZF_OK);
    assert_string_equal(again, pem);
    free(pem);
    free(again);
}

static void test_sign_then_verify_and_every_change_fails(void **state)
{
    (void)state;
    SignedHead h, t;
    ZfError err;
    char *pem;
    sample(&h);
    assert_int_equal(sth_sign(key, &h, &err), ZF_OK);
    assert_true(h.sig_len > 60 && h.sig_len <= 72);
    assert_int_equal(sth_key_public(key, &pem, &err), ZF_OK);
    char id[STH_KEY_ID_LEN + 1];
    assert_int_equal(sth_key_id(pem, id, &err), ZF_OK);
    assert_string_equal(id, h.key_id);
    assert_true(sth_verify(pem, &h));
    t = h, t.tree_size++;
    assert_false(sth_verify(pem, &t));
    t = h, t.time--;
    assert_false(sth_verify(pem, &t));
    t = h, t.root.b[31] ^= 1;
    assert_false(sth_verify(pem, &t));
    t = h, t.sig[10] ^= 1;
    assert_false(sth_verify(pem, &t));
    assert_false(sth_verify(NULL, &h));
    assert_false(sth_verify("not a key", &h));
    free(pem);
}

/* The signature is over the ID "1234567812345678": verifying with any other ID fails, which is
 * what makes the explicit ID matter for other SM2 implementations. */
static void test_signature_binds_the_distinguishing_id(void **state)
{
    (void)state;
    SignedHead h;
    ZfError err;
    char *pem, msg[256];
    sample(&h);
    assert_int_equal(sth_sign(key, &h, &err), ZF_OK);
    assert_int_equal(sth_key_public(key, &pem, &err), ZF_OK);
    size_t len = sth_message(h.tree_size, &h.root, h.time, msg, sizeof msg);
    BIO *b = BIO_new_mem_buf(pem, -1);
    EVP_PKEY *k = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
    const char *ids[] = {STH_SM2_ID, "0000000000000000"};
    for (int i = 0; i < 2; i++) {
        EVP_MD_CTX *m = EVP_MD_CTX_new();
        EVP_PKEY_CTX *p = EVP_PKEY_CTX_new(k, NULL);
        EVP_PKEY_CTX_set1_id(p, ids[i], (int)strlen(ids[i]));
        EVP_MD_CTX_set_pkey_ctx(m, p);
        assert_int_equal(EVP_DigestVerifyInit(m, NULL, EVP_sm3(), NULL, k), 1);
        int ok = EVP_DigestVerify(m, h.sig, h.sig_len, (const unsigned char *)msg, len) == 1;
        assert_int_equal(ok, i == 0);
        EVP_MD_CTX_free(m);
        EVP_PKEY_CTX_free(p);
    }
    EVP_PKEY_free(k);
    BIO_free(b);
    free(pem);
}

static void test_base64_round_trip(void **state)
{
    (void)state;
    unsigned char data[71], back[80];
    for (int n = 0; n <= 71; n++) {
        for (int i = 0; i < n; i++) data[i] = (unsigned char)(i * 37 + n);
        char *b = sth_base64(data, (size_t)n);
        long got = sth_unbase64(b, back, sizeof back);
        assert_int_equal(got, n);
        if (n) assert_memory_equal(back, data, (size_t)n);
        free(b);
    }
    assert_int_equal(sth_unbase64("abc", back, sizeof back), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_message_is_the_exact_documented_bytes),
        cmocka_unit_test(test_key_file_is_private_and_not_overwritten),
        cmocka_unit_test(test_sign_then_verify_and_every_change_fails),
        cmocka_unit_test(test_signature_binds_the_distinguishing_id),
        cmocka_unit_test(test_base64_round_trip),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
