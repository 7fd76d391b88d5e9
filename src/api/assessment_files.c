/* /api/v1/assessment/plans/{id}/files: a unit's 佐证材料. The body is streamed to a temp file; its
 * type is judged by its bytes against the kinds of attachment a case accepts; the file is stored
 * under its SM3 digest and recorded (with an attachment.add event) by app/assessment_fill.c. */
#include <string.h>

#include "api/api.h"
#include "api/assessment.h"
#include "api/params.h"
#include "api/stored_file.h"
#include "api/subject_files.h"
#include "app/assessment.h"
#include "domain/attachment.h"
#include "http/auth.h"
#include "http/upload.h"

int api_assess_files_create(HttpRequest *req)
{
    long long id;
    const char *name, *unit;
    const MediaType *type;
    json_t *out = NULL;
    ZfError err;
    if (!req->upload) return http_reply_error(req, 500, "internal_error", NULL, "附件应以流式上传接收（routes.c）");
    if (param_path_id(req, "id", "考核方案不存在", &id) != ZF_OK || param_text(req, "name", ATTACHMENT_NAME_MAX, &name) != ZF_OK ||
        param_text(req, "unit", 18, &unit) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    int rc = unit ? app_assess_file_check(&cx, id, unit, &err)
                  : zf_fail(&err, 400, "invalid_param", "unit", "请指明被考核单位");
    if (rc == ZF_OK) rc = attachment_name_check(name, &err);
    if (rc == ZF_OK) rc = api_upload_content_type(req, &type, &err);
    if (rc == ZF_OK) rc = api_upload_adopt(req, &err);
    AssessFile f = {unit, name, rc == ZF_OK ? type->mime : NULL, req->upload->sm3, (long long)req->upload->size};
    if (rc == ZF_OK) rc = app_assess_file_add(&cx, id, &f, &out, &err);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    auth_audit(req, "assessment_file", http_param(req, "id"), "ok", name);
    return http_reply_json(req, 201, out);
}

int api_assess_file_get(HttpRequest *req)
{
    long long id, fid;
    json_t *f;
    ZfError err;
    if (param_path_id(req, "id", "考核方案不存在", &id) != ZF_OK || param_path_id(req, "fid", "佐证材料不存在", &fid) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    if (app_assess_file_get(&cx, id, fid, &f, &err) != ZF_OK) return http_reply_zferror(req, &err);
    int rc = api_reply_stored_row(req, f, fid, "assessment_file_download", http_param(req, "id"));
    json_decref(f);
    return rc;
}
