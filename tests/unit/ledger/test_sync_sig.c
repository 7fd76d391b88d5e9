/* Unit tests for ledger/sync_sig: a node request signed with an SM2 key verifies under its public
 * key and under no other, a changed byte of the body or path breaks it, and the witness message has
 * exactly the documented bytes (docs/sync.md). Uses a temporary directory only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ledger/sth.h"
#include "ledger/sync_sig.h"

static char dir[64], key_a[128], key_b[128];
static char *pub_a, *pub_b;

static int setup(void **state)
{
    (void)state;
    ZfError err;
    snprintf(dir, sizeof dir, "/tmp/zhifa-test-syncsig-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(key_a, sizeof key_a, "%s/a.pem", dir);
    snprintf(key_b, sizeof key_b, "%s/b.pem", dir);
    if (sth_key_generate(key_a, &pub_a, &err) != ZF_OK) return -1;
    if (sth_key_generate(key_b, &pub_b, &err) != ZF_OK) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    free(pub_a);
    free(pub_b);
    unlink(key_a);
    unlink(key_b);
    rmdir(dir);
    return 0;
}

static void test_request_signed_by_the_node_verifies_only_under_its_key(void **state)
{
    (void)state;
    ZfError err;
    size_t len;
    const char body[] = "{\"from\":0,\"to\":3}";
    char *msg = sync_request_message("POST", "/api/v1/sync/batches", 1796653627, body, strlen(body), &len);
    assert_non_null(msg);
    const char want[] = "zhifa-sync-v1\nPOST\n/api/v1/sync/batches\n1796653627\n{\"from\":0,\"to\":3}";
    assert_int_equal(len, strlen(want));
    assert_memory_equal(msg, want, len);
    char *sig = NULL;
    assert_int_equal(sync_sign(key_a, msg, len, &sig, &err), ZF_OK);
    assert_int_equal(sync_verify(pub_a, msg, len, sig), 1);
    assert_int_equal(sync_verify(pub_b, msg, len, sig), 0);
    msg[len - 2] = '4'; /* "to":4 */
    assert_int_equal(sync_verify(pub_a, msg, len, sig), 0);
    assert_int_equal(sync_verify(pub_a, msg, len, "not base64!"), 0);
    assert_int_equal(sync_verify(NULL, msg, len, sig), 0);
    free(sig);
    free(msg);
}

static void test_witness_message_is_the_documented_bytes(void **state)
{
    (void)state;
    char out[256];
    size_t n = sync_witness_message("ab12", 38, "49cc", 1796653627, out, sizeof out);
    const char want[] = "zhifa-witness-v1\nab12\n38\n49cc\n1796653627\n";
    assert_int_equal(n, strlen(want));
    assert_string_equal(out, want);
    assert_int_equal(sync_witness_message("ab12", 38, "49cc", 1796653627, out, 10), 0); /* too small: refused */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_request_signed_by_the_node_verifies_only_under_its_key),
        cmocka_unit_test(test_witness_message_is_the_documented_bytes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
