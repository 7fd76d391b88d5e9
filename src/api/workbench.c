/* GET /api/v1/workbench: the 工作台's tiles for the caller (app/workbench.h). */
#include "api/api.h"
#include "app/workbench.h"

int api_workbench(HttpRequest *req)
{
    AppContext cx = api_context(req);
    json_t *out;
    ZfError err;
    if (!req->auth) return http_reply_error(req, 401, "unauthenticated", NULL, "请先登录");
    if (app_workbench(&cx, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}
