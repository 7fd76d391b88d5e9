/* /api/v1/reconsiderations: the 行政复议 platform (docs/reconsideration.md). Thin: parameters and
 * bodies are read here, every rule is app/reconsideration*.c and domain/recon_*.c. */
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "app/reconsideration.h"
#include "domain/recon_flow.h"
#include "http/auth.h"
#include "http/response.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static int reply_record(HttpRequest *req, int status, int rc, json_t *record, ZfError *err, const char *what)
{
    if (rc != ZF_OK) {
        if (err->status == 409 || err->status == 422 || err->status == 403)
            auth_audit(req, "reconsideration_refused", http_param(req, "id"), "refused", err->message);
        return http_reply_zferror(req, err);
    }
    auth_audit(req, what, str(record, "case_no"), "ok", str(record, "status"));
    int r = http_reply_json(req, status, record);
    return r;
}

int api_recons_create(HttpRequest *req)
{
    json_t *body = http_body_json(req), *record = NULL;
    if (!body) return 0;
    ZfError err;
    AppContext cx = api_context(req);
    if (str(body, "channel") && strcmp(str(body, "channel"), "portal") == 0) json_object_set_new(body, "channel", json_string("counter"));
    int rc = app_recon_create(&cx, body, &record, &err);
    json_decref(body);
    return reply_record(req, 201, rc, record, &err, "reconsideration_register");
}

int api_recon_action(HttpRequest *req)
{
    long long id;
    if (param_path_id(req, "id", "行政复议案件不存在", &id) != ZF_OK) return 0;
    json_t *body = http_body_json(req), *record = NULL;
    if (!body) return 0;
    ZfError err;
    AppContext cx = api_context(req);
    int rc = app_recon_act(&cx, id, body, &record, &err);
    char what[48] = "reconsideration_";
    const char *action = str(body, "action");
    strncat(what, recon_action(action) ? action : "act", sizeof what - strlen(what) - 1);
    rc = reply_record(req, 200, rc, record, &err, what);
    json_decref(body);
    return rc;
}

int api_recon_get(HttpRequest *req)
{
    long long id;
    json_t *record;
    ZfError err;
    if (param_path_id(req, "id", "行政复议案件不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    if (app_recon_get(&cx, id, &record, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, record);
}

static const char *const STATUSES[] = {"received", "correcting", "accepted", "copy_sent", "answered", "suspended",
                                       "mediated", "decided",  "rejected", "closed",    NULL};
#define CODE_CHARS "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

static int read_filter(HttpRequest *req, ReconFilter *f)
{
    *f = (ReconFilter){0};
    return param_enum(req, "status", STATUSES, &f->status) ||
           param_code(req, "respondent", CODE_CHARS, 1, 18, &f->respondent) || param_text(req, "q", 100, &f->q) ||
           param_date(req, "from", &f->received_from) || param_date(req, "to", &f->received_to);
}

int api_recons_list(HttpRequest *req)
{
    ReconFilter f;
    int page, size;
    json_t *out;
    ZfError err;
    if (read_filter(req, &f) || param_page(req, &page, &size)) return 0;
    AppContext cx = api_context(req);
    if (app_recons_list(&cx, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_recons_stats(HttpRequest *req)
{
    ReconFilter f;
    json_t *out;
    ZfError err;
    if (read_filter(req, &f)) return 0;
    AppContext cx = api_context(req);
    if (app_recons_stats(&cx, &f, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}
