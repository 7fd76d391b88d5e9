/* /api/v1/agencies: the agencies a user may see (his own; his region and below; all for the
 * system administrator, who assigns users to them). */
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "store/agencies.h"

/* Data scope of the request as store filter fields; false when the user may see nothing. */
bool api_scope_filter(const HttpRequest *req, const char **agency, const char **region_prefix)
{
    *agency = NULL, *region_prefix = NULL;
    switch (req->scope.kind) {
    case SCOPE_AGENCY: /* an agency user with no agency (a row edited by hand) sees nothing, not everything */
        *agency = req->scope.agency;
        return req->scope.agency[0] != '\0';
    case SCOPE_REGION: *region_prefix = req->scope.region_prefix[0] ? req->scope.region_prefix : NULL; return true;
    case SCOPE_NONE: return req->auth && strcmp(req->auth->role, "sysadmin") == 0;
    }
    return false;
}

int api_agencies_list(HttpRequest *req)
{
    AgencyFilter f = {0};
    const char *region;
    char prefix[7] = "";
    int page, size;
    json_t *out;
    ZfError err;
    if (param_code(req, "region", "0123456789", 6, 6, &region) != ZF_OK || param_text(req, "q", 64, &f.q) != ZF_OK ||
        param_page(req, &page, &size) != ZF_OK)
        return 0;
    if (!api_scope_filter(req, &f.scope_agency, &f.scope_region_prefix))
        return http_reply_json(req, 200, json_pack("{s:[], s:i, s:i, s:i}", "items", "total", 0, "page", page, "size", size));
    if (region) {
        DataScope s;
        scope_for_region(&s, region);
        memcpy(prefix, s.region_prefix, sizeof prefix);
        f.region_prefix = prefix[0] ? prefix : NULL;
    }
    if (store_agencies_list(req->store, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}
