/* /api/v1/observations and /api/v1/observer/cases: 特邀监督员 and 派驻律师 (docs/observers.md) submit
 * observations, follow their own and list the cases in their scope (public fields). Thin: the
 * rules are app/observations.c. */
#include "api/api.h"
#include "api/params.h"
#include "app/observations.h"
#include "http/auth.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

int api_observations_create(HttpRequest *req)
{
    json_t *body = http_body_json(req), *out = NULL;
    if (!body) return 0;
    ZfError err;
    ObservationInput in = {str(body, "content"), str(body, "agency"), str(body, "case_no"), str(body, "place")};
    AppContext cx = api_context(req);
    int rc = app_observation_create(&cx, &in, &out, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    auth_audit(req, "observation_create", NULL, "ok", req->auth->role);
    return http_reply_json(req, 201, out);
}

int api_observations_list(HttpRequest *req)
{
    int page, size;
    json_t *out;
    ZfError err;
    if (param_page(req, &page, &size)) return 0;
    AppContext cx = api_context(req);
    if (app_observations_list(&cx, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_observer_cases(HttpRequest *req)
{
    const char *q;
    int page, size;
    json_t *out;
    ZfError err;
    if (param_text(req, "q", 100, &q) || param_page(req, &page, &size)) return 0;
    AppContext cx = api_context(req);
    if (app_observer_cases(&cx, q, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}
