/* GET /api/v1/reconsiderations/yearly?year=YYYY (default this year) and its .xlsx: the yearly
 * statistical table of 行政复议 by the contested act's kind (app/reconsideration_yearly.c). */
#include "api/api.h"
#include "api/list_export.h"
#include "api/params.h"
#include "app/reconsideration_yearly.h"
#include "http/response.h"

int api_recons_yearly(HttpRequest *req)
{
    int y, m, d;
    long year;
    json_t *out;
    ZfError err;
    AppContext cx = api_context(req);
    date_to_ymd(cx.today, &y, &m, &d);
    if (param_int(req, "year", 2000, 2100, y, &year) != ZF_OK) return 0;
    if (app_recons_yearly(&cx, (int)year, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    json_array_append(json_object_get(out, "items"), json_object_get(out, "totals")); /* the table's last line */
    return http_reply_json(req, 200, out);
}

static const ListExportColumn COLUMNS[] = {
    {"name", "被申请复议的行政行为类别", 22, LX_TEXT, NULL}, {"received", "收到申请（件）", 12, LX_NUMBER, NULL},
    {"accepted", "受理（件）", 10, LX_NUMBER, NULL},           {"rejected", "不予受理（件）", 12, LX_NUMBER, NULL},
    {"concluded", "审结（件）", 10, LX_NUMBER, NULL},          {"maintain", "维持", 8, LX_NUMBER, NULL},
    {"dismiss", "驳回", 8, LX_NUMBER, NULL},                   {"revoke", "撤销", 8, LX_NUMBER, NULL},
    {"change", "变更", 8, LX_NUMBER, NULL},                    {"confirm_illegal", "确认违法", 10, LX_NUMBER, NULL},
    {"order_perform", "责令履行", 10, LX_NUMBER, NULL},        {"mediated", "调解（和解）", 12, LX_NUMBER, NULL},
    {"corrected", "纠错（件）", 10, LX_NUMBER, NULL},          {"correction_rate", "纠错率（%）", 10, LX_NUMBER, NULL},
};

int api_recons_yearly_export(HttpRequest *req)
{
    static const ListExport ex = {"reconsideration_yearly_export", "行政复议年度统计表", "reconsideration-yearly.xlsx",
                                  "行政复议年度统计表.xlsx", api_recons_yearly,
                                  (int)(sizeof COLUMNS / sizeof *COLUMNS), COLUMNS};
    return list_export_reply(req, &ex);
}
