/* /api/v1/public/challenge, /public/complaints, /public/agencies: 群众投诉 on the anonymous portal
 * (docs/leads.md). Parse → app/complaints.c → reply; the client's address is the one the rate
 * limits count (http/auth.h auth_client_addr). Nothing internal is returned: a tracking code on
 * filing, the status fields on tracking, code and name of agencies. */
#include <time.h>

#include "api/api.h"
#include "api/params.h"
#include "app/complaints.h"
#include "http/auth.h"
#include "store/agencies.h"

static const char *str(const json_t *o, const char *k)
{
    const char *v = json_string_value(json_object_get(o, k));
    return v && v[0] ? v : NULL;
}

int api_public_challenge(HttpRequest *req)
{
    AppContext cx = api_context(req);
    char addr[64];
    json_t *out;
    ZfError err;
    auth_client_addr(req, addr, sizeof addr);
    if (app_portal_challenge(&cx, addr, (long long)time(NULL), &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

int api_public_complaints_create(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    json_t *ch = json_object_get(body, "challenge");
    ComplaintInput in = {{str(body, "content"), str(body, "agency"), str(body, "place"), str(body, "name"),
                          str(body, "phone")},
                         str(ch, "id"), str(ch, "nonce")};
    AppContext cx = api_context(req);
    char addr[64], code[TRACKING_CODE_LEN + 1];
    ZfError err;
    auth_client_addr(req, addr, sizeof addr);
    int rc = app_complaint_file(&cx, &in, addr, (long long)time(NULL), code, &err);
    json_decref(body);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 201, json_pack("{s:s}", "tracking_code", code));
}

int api_public_complaint_get(HttpRequest *req)
{
    AppContext cx = api_context(req);
    char addr[64];
    json_t *out;
    ZfError err;
    auth_client_addr(req, addr, sizeof addr);
    if (app_complaint_track(&cx, http_param(req, "tracking_code"), addr, (long long)time(NULL), &out, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

/* The agencies a complaint may name: code and name only, matching q, at most 50. */
int api_public_agencies(HttpRequest *req)
{
    AgencyFilter f = {0};
    json_t *list, *items = json_array(), *rec;
    ZfError err;
    size_t i;
    if (param_text(req, "q", 64, &f.q) != ZF_OK) return json_decref(items), 0;
    if (store_agencies_list(req->store, &f, 1, 50, &list, &err) != ZF_OK) {
        json_decref(items);
        return http_reply_zferror(req, &err);
    }
    json_array_foreach(json_object_get(list, "items"), i, rec) {
        json_t *code = json_object_get(rec, "code"), *name = json_object_get(rec, "name");
        if (json_is_string(code) && json_is_string(name))
            json_array_append_new(items, json_pack("{s:O, s:O}", "code", code, "name", name));
    }
    json_decref(list);
    return http_reply_json(req, 200, json_pack("{s:o}", "items", items));
}
