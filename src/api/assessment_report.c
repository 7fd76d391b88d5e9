/* GET /api/v1/assessment/plans/{id}/report.pdf: the plan's result report (render/assessment_pdf.c)
 * for those who see every unit (the owner, the region's leaders); a unit's users get 404. Rendered
 * at the request from the live ranking; not a sealed document. */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/assessment.h"
#include "api/params.h"
#include "app/assessment.h"
#include "http/auth.h"
#include "http/response.h"
#include "render/assessment_pdf.h"

int api_assess_report(HttpRequest *req)
{
    long long id;
    json_t *plan = NULL, *ranking = NULL;
    unsigned char *pdf = NULL;
    size_t len = 0;
    char today[ZF_DATE_LEN];
    ZfError err;
    if (param_path_id(req, "id", "考核方案不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    int rc = app_assess_plan_get(&cx, id, &plan, &err);
    if (rc == ZF_OK && !json_is_true(json_object_get(plan, "sees_all")))
        rc = zf_fail(&err, 404, "not_found", NULL, "考核方案不存在");
    if (rc == ZF_OK) rc = app_assess_ranking(&cx, id, &ranking, &err);
    date_format(cx.today, today);
    if (rc == ZF_OK) rc = assessment_report_pdf(plan, ranking, today, &pdf, &len, &err);
    json_decref(plan);
    json_decref(ranking);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, pdf, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(pdf);
        return http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    }
    MHD_add_response_header(resp, "Content-Type", "application/pdf");
    MHD_add_response_header(resp, "Cache-Control", "private, no-store");
    http_add_disposition(resp, "assessment-report.pdf", "法治督察考核结果报告.pdf");
    auth_audit(req, "assessment_report", http_param(req, "id"), "ok", "");
    return http_queue_framable(req, 200, resp);
}
