/* GET /api/v1/dicts: every code table the console shows in Chinese, in one object
 * {"case_kinds":[{"code","name"}…], …}. Thin: the tables live where their concept does
 * (domain/exchange.c, domain/workflow, domain/rules/labels.c, the roles table); never copy one here. */
#include "api/api.h"
#include "domain/exchange.h"
#include "domain/rules/rules.h"
#include "domain/workflow/timeline.h"
#include "domain/workflow/workflow.h"

static json_t *entry(const char *code, const char *name) { return json_pack("{s:s, s:s}", "code", code, "name", name); }

static json_t *workflow_stages(void)
{
    json_t *list = json_array();
    for (int s = 0; s < WF_STAGE_COUNT; s++)
        json_array_append_new(list, entry(workflow_stage_code((WfStage)s), workflow_stage_name((WfStage)s)));
    return list;
}

static json_t *workflow_measures(void)
{
    json_t *list = json_array();
    for (size_t i = 0; case_measure_code(i); i++)
        json_array_append_new(list, entry(case_measure_code(i), case_measure_name(case_measure_code(i))));
    return list;
}

static json_t *pairs(bool (*at)(size_t, const char **, const char **))
{
    json_t *list = json_array();
    const char *code, *name;
    for (size_t i = 0; at(i, &code, &name); i++) json_array_append_new(list, entry(code, name));
    return list;
}

/* Role names from the permission table itself (the security administrator may rename them). */
static int add_roles(HttpRequest *req, json_t *out)
{
    json_t *table, *role, *list = json_array();
    size_t i;
    ZfError err;
    if (store_roles_list(req->store, &table, &err) != ZF_OK) {
        json_decref(list);
        return http_reply_zferror(req, &err), ZF_ERR;
    }
    json_array_foreach(json_object_get(table, "items"), i, role)
        json_array_append_new(list, json_pack("{s:O, s:O}", "code", json_object_get(role, "id"), "name",
                                              json_object_get(role, "name")));
    json_decref(table);
    json_object_set_new(out, "roles", list);
    return ZF_OK;
}

int api_dicts_get(HttpRequest *req)
{
    json_t *out = json_object();
    for (const ExchangeDict *d = exchange_dicts(); d->table; d++) {
        json_t *list = json_array();
        for (size_t i = 0; d->codes[i]; i++) json_array_append_new(list, entry(d->codes[i], d->names[i]));
        json_object_set_new(out, d->table, list);
    }
    json_object_set_new(out, "workflow_stages", workflow_stages());
    json_object_set_new(out, "workflow_measures", workflow_measures());
    json_object_set_new(out, "timeline_actions", pairs(timeline_action_at));
    json_object_set_new(out, "severities", pairs(rules_severity_at));
    json_object_set_new(out, "subject_types", pairs(rules_subject_type_at));
    if (add_roles(req, out) != ZF_OK) {
        json_decref(out);
        return 0;
    }
    return http_reply_json(req, 200, out);
}
