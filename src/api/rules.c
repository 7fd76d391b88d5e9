/* /api/v1/rules (the catalogue) and /api/v1/rule-config (versioned thresholds, rules.md §6). */
#include <stdlib.h>

#include "api/api.h"
#include "domain/rules/rule_config_json.h"
#include "app/sweep.h"
#include "app/sync.h"
#include "store/findings.h"
#include "util/log.h"

int api_rules_list(HttpRequest *req)
{
    json_t *items = json_array();
    for (size_t i = 0; i < rules_count(); i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s}", "id", rules_id(i), "title",
                                               rules_title(i), "severity", rules_severity(i), "law",
                                               rules_law(i)));
    return http_reply_json(req, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)rules_count()));
}

static int reply_config(HttpRequest *req, int status)
{
    RuleConfig cfg;
    int version;
    char *text;
    ZfError err;
    if (sweep_load_config(req->store, &cfg, &err) != ZF_OK ||
        store_rule_config_latest(req->store, &version, &text, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    json_t *overrides = json_loads(text, 0, NULL);
    free(text);
    json_t *body = rule_config_describe(&cfg, overrides);
    json_decref(overrides);
    return http_reply_json(req, status, body);
}

int api_rule_config_get(HttpRequest *req) { return reply_config(req, 200); }

/* The setting sync_publish_rule_config = 1: the saved version goes to the levels below at their next
 * exchange. The save stands when this fails: it is logged, and the CLI publishes by hand. */
static void publish_below(HttpRequest *req)
{
    json_t *out;
    ZfError err;
    if (app_sync_publish_rule_config(req->store, &out, &err) != ZF_OK) log_error("rule_config_publish", "%s", err.message);
    else json_decref(out);
}

int api_rule_config_put(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    json_t *overrides = json_object_get(body, "overrides");
    RuleConfig probe = rule_config_defaults();
    ZfError err;
    int version;
    if (rule_config_apply_json(&probe, overrides, &err) != ZF_OK) {
        json_decref(body);
        return http_reply_zferror(req, &err);
    }
    char *text = json_dumps(overrides, JSON_COMPACT | JSON_PRESERVE_ORDER);
    int rc = text ? store_rule_config_save(req->store, text, req->user, &version, &err)
                  : zf_fail(&err, 500, "out_of_memory", NULL, "内存不足");
    free(text);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    store_mark_dirty(req->store, NULL); /* new thresholds: the sweeper re-checks everything */
    if (app_sync_setting(req->store, "sync_publish_rule_config", 0) == 1) publish_below(req);
    return reply_config(req, 200);
}
