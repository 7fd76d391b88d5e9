/* /api/v1/leads: the 线索中心 board, one lead, a lead entered by a supervisor, and the acts on a lead
 * (docs/leads.md). Thin: every rule is app/leads.c and domain/leads.c. */
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "app/leads.h"
#include "http/auth.h"
#include "store/leads.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static const char *const SOURCES[] = {"hotline_12345", "complaint", "petition", "reconsideration", "litigation",
                                      "social_supervisor", "lawyer", "review", "other", NULL};
static const char *const STATUSES[] = {"received", "triaged", "dispatched", "answered", "verified", "closed",
                                       "converted", NULL};
static const char *const YES[] = {"1", "0", NULL};

int api_leads_list(HttpRequest *req)
{
    LeadFilter f = {0};
    const char *overdue;
    int page, size;
    json_t *out;
    ZfError err;
    if (param_enum(req, "source", SOURCES, &f.source) || param_enum(req, "status", STATUSES, &f.status) ||
        param_code(req, "agency", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 18, &f.agency) ||
        param_enum(req, "overdue", YES, &overdue) || param_text(req, "q", 100, &f.q) || param_page(req, &page, &size))
        return 0;
    AppContext cx = api_context(req);
    char today[ZF_DATE_LEN];
    date_format(cx.today, today);
    if (overdue && strcmp(overdue, "1") == 0) f.overdue_before = today;
    if (app_leads_list(&cx, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_lead_get(HttpRequest *req)
{
    long long id;
    json_t *lead;
    ZfError err;
    if (param_path_id(req, "id", "线索不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    if (app_lead_get(&cx, id, &lead, &err) != ZF_OK) return http_reply_zferror(req, &err);
    /* the reporter is shown unmasked on this page only: every such read is audited */
    if (json_is_object(json_object_get(lead, "reporter")))
        auth_audit(req, "read_personal", http_param(req, "id"), "ok", "线索反映人");
    return http_reply_json(req, 200, lead);
}

int api_leads_create(HttpRequest *req)
{
    json_t *body = http_body_json(req), *lead = NULL, *reporter;
    if (!body) return 0;
    ZfError err;
    reporter = json_object_get(body, "reporter");
    LeadInput in = {str(body, "source"), str(body, "source_ref"), str(body, "received_at"), str(body, "content"),
                    str(body, "category"), str(body, "region"), str(body, "agency"), str(body, "case_no"),
                    str(body, "place"), str(reporter, "name"), str(reporter, "phone"), false};
    AppContext cx = api_context(req);
    int rc = app_lead_create(&cx, &in, &lead, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    auth_audit(req, "lead_create", NULL, "ok", str(lead, "source"));
    return http_reply_json(req, 201, lead);
}

int api_lead_action(HttpRequest *req)
{
    long long id;
    if (param_path_id(req, "id", "线索不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *lead = NULL, *dup, *wd;
    if (!body) return 0;
    ZfError err;
    dup = json_object_get(body, "duplicate_of");
    wd = json_object_get(body, "deadline_wd");
    bool bad_wd = wd && !json_is_null(wd) &&
                  (!json_is_integer(wd) || json_integer_value(wd) < 0 || json_integer_value(wd) > 60);
    if (bad_wd || (dup && !json_is_null(dup) && !json_is_integer(dup))) {
        json_decref(body);
        return http_reply_error(req, 400, "invalid_field", bad_wd ? "deadline_wd" : "duplicate_of",
                                bad_wd ? "办理期限应为 1 至 60 个工作日" : "重复线索的编号应为整数");
    }
    LeadActInput in = {str(body, "action"), str(body, "note"), str(body, "reason"), str(body, "agency"),
                       json_integer_value(dup), (int)json_integer_value(wd), str(body, "on"), str(body, "kind"),
                       str(body, "measures"), json_object_get(body, "basis"), str(body, "case_no")};
    AppContext cx = api_context(req);
    int rc = app_lead_act(&cx, id, &in, &lead, &err);
    if (rc != ZF_OK) {
        if (err.status == 409 || err.status == 422 || err.status == 403)
            auth_audit(req, "lead_refused", http_param(req, "id"), "refused", err.message);
        json_decref(body);
        return http_reply_zferror(req, &err);
    }
    auth_audit(req, "lead_act", http_param(req, "id"), "ok", in.action);
    json_decref(body);
    return http_reply_json(req, 200, lead);
}
