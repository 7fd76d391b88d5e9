/* Downward sync of the rule configuration (docs/sync.md "Downward: the rule configuration"): an
 * upper level publishes its newest rule_config_versions row; a lower level validates it as the rule
 * settings page validates a save, merges it over its own overrides (the upper's win on the
 * (param, sector, region) they set, the lower's others stay) and saves the result as a new version
 * of its own, so its next sweep uses it. */
#include <stdlib.h>
#include <string.h>

#include "app/sync_down.h"
#include "domain/rules/rule_config_json.h"
#include "store/findings.h"
#include "store/sync.h"

#define RULE_CONFIG_KEY "rule_config"
#define UPPER_DEFAULT "上级监督机构"

static const char *str_of(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The validator of PUT /api/v1/rule-config (api/rules.c), not a second one. */
static int validate(json_t *overrides, ZfError *err)
{
    RuleConfig probe = rule_config_defaults();
    return rule_config_apply_json(&probe, overrides, err);
}

/* This level's name as its upper registered it, for the created_by of the levels below; NULL at
 * the top (no upper link). */
static char *own_name(Store *st)
{
    json_t *upper;
    ZfError ignored;
    if (store_sync_upper_get(st, &upper, &ignored) != ZF_OK) return NULL;
    const char *name = str_of(upper, "node_name");
    char *copy = name ? strdup(name) : NULL;
    json_decref(upper);
    return copy;
}

static int latest(Store *st, int *version, json_t **overrides, ZfError *err)
{
    char *text;
    if (store_rule_config_latest(st, version, &text, err) != ZF_OK) return ZF_ERR;
    *overrides = json_loads(text, 0, NULL);
    free(text);
    if (!json_is_array(*overrides)) {
        json_decref(*overrides);
        return zf_fail(err, 500, "rule_config_corrupt", NULL, "本级规则配置已损坏，无法下发");
    }
    return ZF_OK;
}

/* Publishes this level's newest version inside the caller's transaction. */
static int publish_latest(Store *st, int *version, int *changed, ZfError *err)
{
    json_t *overrides;
    char hash[65];
    if (latest(st, version, &overrides, err) != ZF_OK) return ZF_ERR;
    if (validate(overrides, err) != ZF_OK) return json_decref(overrides), ZF_ERR;
    char *from = own_name(st);
    json_t *item = json_pack("{s:o, s:s?}", "overrides", overrides, "from", from);
    char *body = json_dumps(item, JSON_COMPACT | JSON_SORT_KEYS);
    free(from);
    json_decref(item);
    if (!body) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    sync_down_sha256_hex(body, strlen(body), hash);
    int rc = store_sync_publish(st, "rule_config", RULE_CONFIG_KEY, body, hash, changed, err);
    free(body);
    return rc;
}

int app_sync_publish_rule_config(Store *st, json_t **out, ZfError *err)
{
    int version = 0, changed = 0;
    int rc = store_begin(st, err);
    if (rc == ZF_OK) rc = publish_latest(st, &version, &changed, err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    if (rc == ZF_OK)
        *out = json_pack("{s:s, s:s, s:i, s:s}", "kind", "rule_config", "key", RULE_CONFIG_KEY, "version", version,
                         "change", changed ? "published" : "unchanged");
    return rc;
}

static bool same_target(const json_t *a, const json_t *b)
{
    static const char *const keys[] = {"param", "sector", "region"};
    for (size_t i = 0; i < 3; i++) {
        const char *x = str_of(a, keys[i]) ?: "", *y = str_of(b, keys[i]) ?: "";
        if (strcmp(x, y) != 0) return false;
    }
    return true;
}

static bool upper_sets(const json_t *upper, const json_t *o)
{
    size_t i;
    json_t *u;
    json_array_foreach(upper, i, u) {
        if (same_target(u, o)) return true;
    }
    return false;
}

/* The upper's overrides first, then each of the lower's whose target the upper does not set. */
static json_t *merged(const json_t *upper, const json_t *own)
{
    json_t *out = json_deep_copy(upper);
    size_t i;
    json_t *o;
    json_array_foreach(own, i, o) {
        if (!upper_sets(upper, o)) json_array_append(out, o);
    }
    return out;
}

static int save_merged(Store *st, json_t *config, const char *from, ZfError *err)
{
    char by[256];
    int version;
    if (from && *from) snprintf(by, sizeof by, "上级：%s", from);
    else snprintf(by, sizeof by, "%s", UPPER_DEFAULT); /* the top level has no name of its own */
    char *text = json_dumps(config, JSON_COMPACT | JSON_PRESERVE_ORDER);
    int rc = text ? store_rule_config_save(st, text, by, &version, err) : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    free(text);
    if (rc == ZF_OK) rc = store_mark_dirty(st, err); /* new thresholds: the next sweep re-checks everything */
    return rc;
}

static int apply_parsed(Store *st, json_t *item, const char **change, ZfError *err)
{
    json_t *upper = json_object_get(item, "overrides"), *own, *config;
    int version, published;
    if (!json_is_array(upper)) return zf_fail(err, 400, "invalid_field", "overrides", "上级下发的规则配置缺少覆盖配置数组");
    if (validate(upper, err) != ZF_OK) return ZF_ERR;
    if (latest(st, &version, &own, err) != ZF_OK) return ZF_ERR;
    config = merged(upper, own);
    int rc = validate(config, err); /* the merged list may pass the overrides' limit */
    *change = json_equal(config, own) ? "unchanged" : "changed";
    if (rc == ZF_OK && strcmp(*change, "changed") == 0) rc = save_merged(st, config, str_of(item, "from"), err);
    if (rc == ZF_OK) rc = publish_latest(st, &version, &published, err); /* relayed to the levels below */
    json_decref(own);
    json_decref(config);
    return rc;
}

int sync_down_apply_rule_config(Store *st, const char *body, const char **change, ZfError *err)
{
    json_t *item = json_loads(body, 0, NULL);
    if (!json_is_object(item)) {
        json_decref(item);
        return zf_fail(err, 400, "invalid_rule_config", NULL, "上级下发的规则配置不是有效的 JSON 对象");
    }
    int rc = apply_parsed(st, item, change, err);
    json_decref(item);
    return rc;
}
