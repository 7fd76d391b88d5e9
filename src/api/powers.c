/* /api/v1/powers: 权责清单 items held by agencies in the user's data scope; one item with its
 * discretion benchmark and its legal basis resolved to articles of the law library. */
#include <string.h>

#include "api/api.h"
#include "api/elements.h"
#include "api/params.h"
#include "app/law_links.h"
#include "store/elements.h"

static const char *const power_kinds[] = {"penalty", "license", "coercion", "inspection", "levy", "payment",
                                          "confirmation", "reward", "ruling", "other", NULL};
#define CODE_CHARS "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

int api_powers_list(HttpRequest *req)
{
    PowerFilter f = {0};
    int page, size;
    json_t *out;
    ZfError err;
    if (param_code(req, "agency", CODE_CHARS, 1, 18, &f.agency) != ZF_OK ||
        param_enum(req, "kind", power_kinds, &f.kind) != ZF_OK || param_text(req, "q", 64, &f.q) != ZF_OK ||
        param_page(req, &page, &size) != ZF_OK)
        return 0;
    if (!api_scope_filter(req, &f.scope_agency, &f.scope_region_prefix))
        return http_reply_json(req, 200, json_pack("{s:[], s:i, s:i, s:i}", "items", "total", 0, "page", page, "size", size));
    if (store_powers_list(req->store, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

static json_t *visible_power(HttpRequest *req, const char *code)
{
    json_t *rec = element_load(req, REC_POWER, code);
    if (rec && !element_power_visible(req, rec)) json_decref(rec), rec = NULL;
    return rec;
}

int api_power_get(HttpRequest *req)
{
    const char *code = element_key_param(req, "code", "权责事项");
    if (!code) return 0;
    json_t *rec = visible_power(req, code);
    if (!rec) return http_reply_error(req, 404, "not_found", NULL, "权责事项不存在");
    json_t *agencies = json_array(), *a;
    size_t i;
    json_array_foreach(json_object_get(rec, "agencies"), i, a)
        json_array_append_new(agencies, json_pack("{s:O, s:o}", "code", a, "name", element_agency_name(req, json_string_value(a))));
    json_t *bench = element_load(req, REC_BENCHMARK, code);
    json_t *links = app_law_links(req->store, json_object_get(rec, "basis"));
    return http_reply_json(req, 200, json_pack("{s:o, s:o, s:o, s:o}", "power", rec, "agencies", agencies, "basis",
                                                links, "benchmark", bench ? bench : json_null()));
}

int api_power_put(HttpRequest *req)
{
    const char *code = element_key_param(req, "code", "权责事项");
    if (!code) return 0;
    json_t *rec = element_body(req, REC_POWER, "code", code);
    if (!rec) return 0;
    return element_put(req, rec, element_power_visible, "agencies", "实施主体不存在或均不在本人数据范围内");
}
