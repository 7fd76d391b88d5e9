/* GET /api/v1/focus-agencies?year=YYYY: 重点督查对象 (app/focus.c). */
#include "api/api.h"
#include "api/params.h"
#include "app/focus.h"

int api_focus_agencies(HttpRequest *req)
{
    long year;
    json_t *out;
    ZfError err;
    AppContext cx = api_context(req);
    int y, m, d;
    date_to_ymd(cx.today, &y, &m, &d);
    if (param_int(req, "year", 2000, 2100, y, &year) != ZF_OK) return 0;
    if (app_focus_list(&cx, (int)year, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}
