/* The witnesses of a lower level's ledger (docs/sync.md "Witnessing"): what the upper level signed
 * must be the root this ledger still has at that size, signed by the key the upper enrolled with. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/sync.h"
#include "ledger/ledger.h"
#include "ledger/sync_sig.h"
#include "store/sync.h"

static const char *str_of(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static bool root_still(Ledger *l, uint64_t size, const char *root_hex)
{
    MerkleHash root;
    char hex[2 * MERKLE_HASH_LEN + 1];
    uint64_t have;
    ZfError err;
    if (ledger_size(l, &have, &err) != ZF_OK || have < size || ledger_root_at(l, size, &root, &err) != ZF_OK) return false;
    merkle_hex(&root, hex);
    return strcmp(hex, root_hex) == 0;
}

static void check_one(Ledger *l, const json_t *upper, const json_t *w, SyncWitnessFn fn, void *ctx, long long *problems)
{
    char msg[512], text[600], key_id[STH_KEY_ID_LEN + 1];
    ZfError err;
    long long size = json_integer_value(json_object_get(w, "tree_size"));
    const char *root = str_of(w, "root");
    bool own_key = sth_key_id(str_of(upper, "upper_key"), key_id, &err) == ZF_OK &&
                   strcmp(key_id, str_of(w, "upper_key_id") ?: "") == 0;
    SignedHead h;
    char *pem = NULL;
    int found = 0;
    ledger_latest_head(l, &h, &pem, &found, &err);
    free(pem);
    size_t len = sync_witness_message(found ? h.key_id : "", (uint64_t)size, root ? root : "",
                                      json_integer_value(json_object_get(w, "head_time")), msg, sizeof msg);
    bool sig = own_key && len && sync_verify(str_of(upper, "upper_key"), msg, len, str_of(w, "signature"));
    bool same = root && root_still(l, (uint64_t)size, root);
    if (sig && same) {
        snprintf(text, sizeof text, "上级“%s”于 %s 见证树头 %lld 条（签名有效，与本地账本一致）", str_of(upper, "url"),
                 str_of(w, "received_at"), size);
        fn("witness", size, text, ctx);
        return;
    }
    snprintf(text, sizeof text, "上级于 %s 见证的树头 %lld 条%s", str_of(w, "received_at"), size,
             !sig ? "：见证签名无效" : "：与本地账本在该条数的根不一致（本地历史已被改写）");
    fn("witness_invalid", size, text, ctx);
    (*problems)++;
}

int app_sync_witness_check(Store *st, SyncWitnessFn fn, void *ctx, long long *problems, ZfError *err)
{
    json_t *upper, *items, *w;
    size_t i;
    Ledger *l;
    *problems = 0;
    if (store_sync_upper_get(st, &upper, err) != ZF_OK) return err->status == 404 ? ZF_OK : ZF_ERR;
    if (store_sync_witnesses(st, &items, err) != ZF_OK) return json_decref(upper), ZF_ERR;
    int rc = ledger_open(st, &l, err);
    if (rc == ZF_OK) {
        json_array_foreach(items, i, w) check_one(l, upper, w, fn, ctx, problems);
        ledger_close(l);
    }
    json_decref(items);
    json_decref(upper);
    return rc;
}
