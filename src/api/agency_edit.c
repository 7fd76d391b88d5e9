/* /api/v1/agencies/{code}: one 执法主体 in the user's data scope, and its edit (an agency head
 * his own agency; a supervisor the agencies of his region and below). */
#include "api/api.h"
#include "api/elements.h"

static bool agency_record_visible(HttpRequest *req, json_t *rec)
{
    const char *code = json_string_value(json_object_get(rec, "code"));
    const char *region = json_string_value(json_object_get(rec, "region"));
    return scope_allows(&req->scope, code, region);
}

int api_agency_get(HttpRequest *req)
{
    const char *code = element_key_param(req, "code", "执法主体");
    if (!code) return 0;
    json_t *rec = element_load(req, REC_AGENCY, code);
    if (!rec || !agency_record_visible(req, rec)) {
        json_decref(rec);
        return http_reply_error(req, 404, "not_found", NULL, "执法主体不存在");
    }
    const char *parent = json_string_value(json_object_get(rec, "parent"));
    if (parent) json_object_set_new(rec, "parent_name", element_agency_name(req, parent));
    return http_reply_json(req, 200, rec);
}

int api_agency_put(HttpRequest *req)
{
    const char *code = element_key_param(req, "code", "执法主体");
    if (!code) return 0;
    json_t *rec = element_body(req, REC_AGENCY, "code", code);
    if (!rec) return 0;
    json_object_del(rec, "parent_name");
    return element_put(req, rec, agency_record_visible, "region", "执法主体不存在或所在区划不在本人数据范围内");
}
