/* /api/v1/regions?parent=CODE: GB/T 2260 divisions for pickers (provinces when no parent). */
#include "api/api.h"
#include "api/params.h"
#include "http/server.h"

#define MAX_CHILDREN 512

int api_regions_list(HttpRequest *req)
{
    const char *parent;
    const char *codes[MAX_CHILDREN];
    if (param_code(req, "parent", "0123456789", 6, 6, &parent) != ZF_OK) return 0;
    const Regions *r = req->server->regions;
    if (!r) return http_reply_error(req, 503, "regions_unavailable", NULL, "行政区划数据未加载");
    if (parent && !regions_name(r, parent)) return http_reply_error(req, 404, "not_found", "parent", "行政区划不存在");
    size_t n = regions_children(r, parent, codes, MAX_CHILDREN);
    json_t *items = json_array();
    for (size_t i = 0; i < n && i < MAX_CHILDREN; i++)
        json_array_append_new(items, json_pack("{s:s, s:s}", "code", codes[i], "name", regions_name(r, codes[i])));
    return http_reply_json(req, 200, json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items)));
}
