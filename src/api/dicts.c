/* GET /api/v1/dicts: every code table the console shows in Chinese, in one object
 * {"case_kinds":[{"code","name"}…], …}. Thin: the tables live where their concept does
 * (domain/exchange.c, domain/workflow, domain/rules/labels.c, domain/audit_names.c,
 * domain/media_sniff.c, the roles, permissions and users tables); never copy one here. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "domain/audit_names.h"
#include "domain/authz.h"
#include "domain/case_substance.h"
#include "domain/exchange.h"
#include "domain/media_sniff.h"
#include "domain/leads.h"
#include "domain/orders.h"
#include "domain/assessment_labels.h"
#include "domain/review_labels.h"
#include "app/documents.h"
#include "app/leads_view.h"
#include "store/settings.h"
#include "domain/rules/rules.h"
#include "domain/workflow/timeline.h"
#include "domain/workflow/workflow.h"
#include "domain/messages.h"

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
/* 督办问诊: the kinds with their current default period (settings order_<kind>_wd), statuses, acts. */
static json_t *order_kinds(Store *st)
{
    json_t *a = json_array();
    char name[48];
    for (int k = 0; k < ORDER_KIND_COUNT; k++) {
        const OrderKindDef *d = order_kind((OrderKind)k);
        snprintf(name, sizeof name, "order_%s_wd", d->code);
        json_array_append_new(a, json_pack("{s:s, s:s, s:i, s:b}", "code", d->code, "name", d->title, "default_wd",
                                           store_setting_int(st, name, d->default_wd), "answer_required",
                                           d->answer_required));
    }
    return a;
}

static json_t *code_table(const char *(*code)(int), const char *(*name)(int), int n)
{
    json_t *a = json_array();
    for (int i = 0; i < n; i++) json_array_append_new(a, entry(code(i), name(i)));
    return a;
}
/* The supervision rules by ID with their Chinese titles (the catalogue itself is GET /rules). */
static const char *rule_code(int i) { return rules_id((size_t)i); }
static const char *rule_name(int i) { return rules_title((size_t)i); }
static const char *status_code(int i) { return order_status_code((OrderStatus)i); }
static const char *status_name(int i) { return order_status_name((OrderStatus)i); }
static const char *action_code(int i) { return order_action_code((OrderAction)i); }
static const char *action_name(int i) { return order_action_name((OrderAction)i); }

/* 线索中心: the sources with their current periods (settings lead_<source>_wd), statuses, acts, reasons. */
static json_t *lead_sources(Store *st)
{
    json_t *a = json_array();
    for (int i = 0; lead_source_at(i); i++)
        json_array_append_new(a, json_pack("{s:s, s:s, s:i}", "code", lead_source_at(i)->code, "name",
                                           lead_source_at(i)->name, "default_wd",
                                           app_lead_period_wd(st, lead_source_at(i)->code)));
    return a;
}
static const char *lead_status_c(int i) { return lead_status_code((LeadStatus)i); }
static const char *lead_status_n(int i) { return lead_status_name((LeadStatus)i); }
static const char *lead_action_c(int i) { return lead_action_code((LeadAction)i); }
static const char *lead_action_n(int i) { return lead_action_name((LeadAction)i); }
static const char *lead_reject_c(int i) { return lead_reject_code((LeadRejectReason)i); }
static const char *lead_reject_n(int i) { return lead_reject_name((LeadRejectReason)i); }

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

/* Permissions by their description in the permissions table (the one place they are named). */
static int add_permissions(HttpRequest *req, json_t *out)
{
    json_t *table, *perm, *list = json_array();
    size_t i;
    ZfError err;
    if (store_roles_list(req->store, &table, &err) != ZF_OK) {
        json_decref(list);
        return http_reply_zferror(req, &err), ZF_ERR;
    }
    json_array_foreach(json_object_get(table, "permissions"), i, perm)
        json_array_append_new(list, json_pack("{s:O, s:O}", "code", json_object_get(perm, "name"), "name",
                                              json_object_get(perm, "description")));
    json_decref(table);
    json_object_set_new(out, "permissions", list);
    return ZF_OK;
}

/* Who did it, as people call him: username → display name, for the operators written in
 * timelines, approvals and audit records; "system" and "portal" are the writers no one logs in as. */
static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The names of the users the caller may know of (domain/authz.c scope_names_user), not every login. */
static int add_users(HttpRequest *req, json_t *out)
{
    json_t *table, *user, *list = json_array();
    size_t i;
    ZfError err;
    if (store_users_list(req->store, NULL, 1, 100000, &table, &err) != ZF_OK) {
        json_decref(list);
        return http_reply_zferror(req, &err), ZF_ERR;
    }
    json_array_append_new(list, entry("system", "系统"));
    json_array_append_new(list, entry("portal", "公众门户"));
    const char *self_region = req->auth->region[0] ? req->auth->region : req->auth->agency_region;
    json_array_foreach(json_object_get(table, "items"), i, user) {
        const char *name = json_string_value(json_object_get(user, "display_name"));
        const char *username = json_string_value(json_object_get(user, "username"));
        bool mine = username && strcmp(username, req->auth->username) == 0;
        if (username && (mine || scope_names_user(&req->scope, self_region, str(user, "agency"),
                                                  str(user, "agency_region"), str(user, "region"))))
            json_array_append_new(list, entry(username, name && *name ? name : username));
    }
    json_decref(table);
    json_object_set_new(out, "users", list);
    return ZF_OK;
}

static json_t *media_types(void)
{
    json_t *list = json_array();
    for (size_t i = 0; media_type_at(i); i++)
        json_array_append_new(list, entry(media_type_at(i)->mime, media_type_at(i)->label));
    return list;
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
    json_object_set_new(out, "message_kinds", pairs(message_kind_at));
    json_object_set_new(out, "order_kinds", order_kinds(req->store));
    json_object_set_new(out, "lead_sources", lead_sources(req->store));
    json_object_set_new(out, "lead_statuses", code_table(lead_status_c, lead_status_n, LEAD_STATUS_COUNT));
    json_object_set_new(out, "lead_actions", code_table(lead_action_c, lead_action_n, LEAD_ACTION_COUNT));
    json_object_set_new(out, "lead_reject_reasons", code_table(lead_reject_c, lead_reject_n, LEAD_REJECT_COUNT));
    json_object_set_new(out, "order_statuses", code_table(status_code, status_name, ORDER_STATUS_COUNT));
    json_object_set_new(out, "order_actions", code_table(action_code, action_name, ORDER_ACTION_COUNT));
    api_recon_dicts_add(out); /* 行政复议 (issue 24) */
    json_object_set_new(out, "workflow_measures", workflow_measures());
    json_object_set_new(out, "workflow_case_types", pairs(workflow_case_type_at)); /* issue 20 */
    json_object_set_new(out, "inspection_results", pairs(inspection_result_at));
    json_object_set_new(out, "coercion_measures", pairs(coercion_measure_at));
    json_object_set_new(out, "coercion_dispositions", pairs(coercion_disposition_at));
    json_object_set_new(out, "timeline_actions", pairs(timeline_action_at));
    json_object_set_new(out, "severities", pairs(rules_severity_at));
    json_object_set_new(out, "evidence_kinds", pairs(evidence_kind_at));       /* 案情 (case-record.md) */
    json_object_set_new(out, "defense_outcomes", pairs(defense_outcome_at));
    json_object_set_new(out, "subject_types", pairs(rules_subject_type_at));
    json_object_set_new(out, "rules", code_table(rule_code, rule_name, (int)rules_count()));
    review_labels_add(out); /* 案卷评查 statuses (docs/reviews.md) */
    assessment_labels_add(out); /* 法治督察考核 (docs/assessment.md) */
    json_object_set_new(out, "audit_actions", pairs(audit_action_at));
    json_object_set_new(out, "audit_fields", pairs(audit_field_at));
    json_object_set_new(out, "audit_denials", pairs(audit_denial_at));
    json_object_set_new(out, "media_types", media_types());
    json_object_set_new(out, "document_kinds", app_document_kinds()); /* 执法文书 (documents.md) */
    if (add_roles(req, out) != ZF_OK || add_permissions(req, out) != ZF_OK || add_users(req, out) != ZF_OK) {
        json_decref(out);
        return 0;
    }
    return http_reply_json(req, 200, out);
}
