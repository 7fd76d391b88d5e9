/* A refused node set active again (docs/sync.md "A refused node"): after the upper level's system
 * administrator has looked into the rewritten ledger, the node is trusted afresh — its recorded head
 * is cleared, so its next batch proves consistency from nothing, and the act is audited. */
#include <string.h>

#include "app/sync.h"
#include "store/identity.h"
#include "store/sync.h"

static const char *str_of(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

int app_sync_node_find(Store *st, const char *name, json_t **node, ZfError *err)
{
    json_t *items, *it;
    size_t i;
    *node = NULL;
    if (store_sync_nodes_list(st, &items, err) != ZF_OK) return ZF_ERR;
    json_array_foreach(items, i, it) {
        if (!*node && name && strcmp(str_of(it, "name") ?: "", name) == 0) *node = json_incref(it);
    }
    json_decref(items);
    return *node ? ZF_OK : zf_fail(err, 404, "node_not_found", NULL, "没有名为“%s”的下级节点", name ? name : "");
}

int app_sync_node_reinstate(Store *st, const json_t *node, ZfError *err)
{
    if (strcmp(str_of(node, "status") ?: "", "refused") != 0)
        return zf_fail(err, 409, "node_not_refused", NULL, "下级节点“%s”未被拒收，无需恢复", str_of(node, "name"));
    json_t *f = json_pack("{s:s, s:n, s:i, s:n, s:n}", "status", "active", "refused_reason", "head_size", 0, "head_root",
                          "head_time");
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = store_sync_node_update(st, json_integer_value(json_object_get(node, "id")), f, err);
    if (rc == ZF_OK) {
        AuditEntry e = {"cli", NULL, "", "sync_node_reinstate", str_of(node, "name"), "ok",
                        str_of(node, "refused_reason")};
        rc = store_audit_append(st, &e) == ZF_OK ? ZF_OK : zf_fail(err, 500, "audit_failed", NULL, "审计日志写入失败");
    }
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    json_decref(f);
    return rc;
}
