/* /api/v1/reconsiderations/{id}/attachments: the respondent's evidence and the organ's materials.
 * The body is streamed to a temp file; its type is judged by its bytes against the kinds of
 * attachment a case accepts; the file is stored under its SM3 digest and recorded by
 * app/reconsideration_files.c. Append-only. */
#include "api/api.h"
#include "api/params.h"
#include "api/stored_file.h"
#include "app/reconsideration.h"
#include "domain/attachment.h"
#include "http/auth.h"
#include "http/response.h"
#include "http/upload.h"

static int content_type(HttpRequest *req, const HttpUpload *u, const MediaType **type, ZfError *err)
{
    AttachmentRule rule;
    for (int k = 0; k < AK_COUNT; k++) {
        api_attachment_kind_rule(req->store, (AttachmentKind)k, &rule);
        if (attachment_content_check((AttachmentKind)k, &rule, u->head, u->head_len, u->size, type, err) == ZF_OK)
            return ZF_OK;
    }
    api_attachment_kind_rule(req->store, AK_DOCUMENT, &rule);
    return attachment_content_check(AK_DOCUMENT, &rule, u->head, u->head_len, u->size, type, err);
}

int api_recon_attachments_create(HttpRequest *req)
{
    long long id;
    const char *name, *purpose;
    const MediaType *type;
    json_t *out;
    ZfError err;
    if (!req->upload) return http_reply_error(req, 500, "internal_error", NULL, "附件应以流式上传接收（routes.c）");
    if (param_path_id(req, "id", "行政复议案件不存在", &id) != ZF_OK ||
        param_text(req, "name", ATTACHMENT_NAME_MAX, &name) != ZF_OK || param_text(req, "purpose", 16, &purpose) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    int rc = app_recon_attach_check(&cx, id, purpose, &err);
    if (rc == ZF_OK) rc = attachment_name_check(name, &err);
    if (rc == ZF_OK) rc = content_type(req, req->upload, &type, &err);
    if (rc == ZF_OK) rc = api_upload_adopt(req, &err);
    ReconFile f = {purpose, name, rc == ZF_OK ? type->mime : NULL, req->upload->sm3, (long long)req->upload->size};
    if (rc == ZF_OK) rc = app_recon_attach(&cx, id, &f, &out, &err);
    if (rc != ZF_OK) {
        if (err.status == 415 || err.status == 413 || err.status == 409 || err.status == 403)
            auth_audit(req, "reconsideration_refused", http_param(req, "id"), "refused", err.message);
        return http_reply_zferror(req, &err);
    }
    auth_audit(req, "reconsideration_attach", http_param(req, "id"), "ok", name);
    return http_reply_json(req, 201, out);
}

int api_recon_attachment_get(HttpRequest *req)
{
    long long id, aid;
    json_t *a;
    ZfError err;
    if (param_path_id(req, "id", "行政复议案件不存在", &id) != ZF_OK || param_path_id(req, "aid", "附件不存在", &aid) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    if (app_recon_attachment(&cx, id, aid, &a, &err) != ZF_OK) return http_reply_zferror(req, &err);
    int rc = api_reply_stored_row(req, a, aid, "reconsideration_attachment_download", http_param(req, "id"));
    json_decref(a);
    return rc;
}
