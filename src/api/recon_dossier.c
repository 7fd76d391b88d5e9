/* GET /api/v1/reconsiderations/{id}/dossier.zip: the e-dossier (app/recon_dossier.c). It carries
 * the applicant's personal data unmasked, so every download is audited. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>

#include "api/api.h"
#include "api/params.h"
#include "app/recon_dossier.h"
#include "http/auth.h"
#include "http/response.h"

int api_recon_dossier(HttpRequest *req)
{
    AppContext cx = api_context(req);
    long long id;
    void *zip;
    size_t len;
    char case_no[160], name[200], target[32];
    ZfError err;
    if (param_path_id(req, "id", "行政复议案件编号", &id) != ZF_OK) return 0;
    if (app_recon_dossier(&cx, id, &zip, &len, case_no, sizeof case_no, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    snprintf(target, sizeof target, "reconsideration:%lld", id);
    auth_audit(req, "reconsideration_dossier_export", target, "ok", "行政复议电子卷宗");
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, zip, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(zip);
        return http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    }
    MHD_add_response_header(resp, "Content-Type", "application/zip");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    snprintf(name, sizeof name, "%s电子卷宗.zip", case_no);
    http_add_disposition(resp, "reconsideration-dossier.zip", name);
    return http_queue(req, 200, resp);
}
