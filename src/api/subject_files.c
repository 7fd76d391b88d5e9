/* See subject_files.h. */
#include "api/subject_files.h"

#include "api/api.h"
#include "api/params.h"
#include "api/stored_file.h"
#include "domain/attachment.h"
#include "http/auth.h"
#include "http/response.h"
#include "http/upload.h"

int api_upload_content_type(HttpRequest *req, const MediaType **type, ZfError *err)
{
    const HttpUpload *u = req->upload;
    AttachmentRule rule;
    for (int k = 0; k < AK_COUNT; k++) {
        api_attachment_kind_rule(req->store, (AttachmentKind)k, &rule);
        if (attachment_content_check((AttachmentKind)k, &rule, u->head, u->head_len, u->size, type, err) == ZF_OK)
            return ZF_OK;
    }
    api_attachment_kind_rule(req->store, AK_DOCUMENT, &rule);
    return attachment_content_check(AK_DOCUMENT, &rule, u->head, u->head_len, u->size, type, err);
}

int api_subject_files_create(HttpRequest *req, const SubjectFiles *sf)
{
    long long id;
    const char *name, *purpose;
    const MediaType *type;
    json_t *out;
    ZfError err;
    if (!req->upload) return http_reply_error(req, 500, "internal_error", NULL, "附件应以流式上传接收（routes.c）");
    if (param_path_id(req, "id", sf->id_label, &id) != ZF_OK || param_text(req, "name", ATTACHMENT_NAME_MAX, &name) != ZF_OK ||
        param_text(req, "purpose", 16, &purpose) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    int rc = sf->check(&cx, id, purpose, &err);
    if (rc == ZF_OK) rc = attachment_name_check(name, &err);
    if (rc == ZF_OK) rc = api_upload_content_type(req, &type, &err);
    /* the file first: a transaction that then fails leaves a file a later upload reuses */
    if (rc == ZF_OK) rc = api_upload_adopt(req, &err);
    UploadedFile f = {purpose, name, rc == ZF_OK ? type->mime : NULL, req->upload->sm3, (long long)req->upload->size};
    if (rc == ZF_OK) rc = sf->attach(&cx, id, &f, &out, &err);
    if (rc != ZF_OK) {
        if (err.status == 415 || err.status == 413 || err.status == 409 || err.status == 403)
            auth_audit(req, sf->audit_refused, http_param(req, "id"), "refused", err.message);
        return http_reply_zferror(req, &err);
    }
    auth_audit(req, sf->audit_ok, http_param(req, "id"), "ok", name);
    return http_reply_json(req, 201, out);
}

int api_subject_file_get(HttpRequest *req, const SubjectFiles *sf)
{
    long long id, aid;
    json_t *a;
    ZfError err;
    if (param_path_id(req, "id", sf->id_label, &id) != ZF_OK || param_path_id(req, "aid", "附件不存在", &aid) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    if (sf->get(&cx, id, aid, &a, &err) != ZF_OK) return http_reply_zferror(req, &err);
    int rc = api_reply_stored_row(req, a, aid, sf->audit_read, http_param(req, "id"));
    json_decref(a);
    return rc;
}
