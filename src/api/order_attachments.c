/* /api/v1/orders/{id}/attachments: the files of a supervision order — the supervisor's evidence and
 * the agency's answer (docs/orders.md). The body is streamed to a temp file; its type is judged by
 * its bytes against the kinds of attachment a case accepts (settings attachment_<kind>_*); the file
 * is stored under its SM3 digest and recorded by app/orders_attach.c. Append-only. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "api/stored_file.h"
#include "app/orders.h"
#include "domain/attachment.h"
#include "http/auth.h"
#include "http/response.h"
#include "http/upload.h"

/* The first kind whose rule takes the content (a photo, a recording, a document …); else the
 * refusal of the document kind, the most usual answer to a supervisor. */
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

int api_order_attachments_create(HttpRequest *req)
{
    long long id;
    const char *name, *purpose;
    const MediaType *type;
    json_t *out;
    ZfError err;
    if (!req->upload) return http_reply_error(req, 500, "internal_error", NULL, "附件应以流式上传接收（routes.c）");
    if (param_path_id(req, "id", "监督文书不存在", &id) != ZF_OK || param_text(req, "name", ATTACHMENT_NAME_MAX, &name) != ZF_OK ||
        param_text(req, "purpose", 16, &purpose) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    int rc = app_order_attach_check(&cx, id, purpose, &err);
    if (rc == ZF_OK) rc = attachment_name_check(name, &err);
    if (rc == ZF_OK) rc = content_type(req, req->upload, &type, &err);
    /* the file first: a transaction that then fails leaves a file a later upload reuses */
    if (rc == ZF_OK) rc = api_upload_adopt(req, &err);
    OrderFile f = {purpose, name, rc == ZF_OK ? type->mime : NULL, req->upload->sm3, (long long)req->upload->size};
    if (rc == ZF_OK) rc = app_order_attach(&cx, id, &f, &out, &err);
    if (rc != ZF_OK) {
        if (err.status == 415 || err.status == 413 || err.status == 409 || err.status == 403)
            auth_audit(req, "order_attach_refused", http_param(req, "id"), "refused", err.message);
        return http_reply_zferror(req, &err);
    }
    auth_audit(req, "order_attach", http_param(req, "id"), "ok", name);
    return http_reply_json(req, 201, out);
}

int api_order_attachment_get(HttpRequest *req)
{
    long long id, aid;
    json_t *a;
    ZfError err;
    if (param_path_id(req, "id", "监督文书不存在", &id) != ZF_OK || param_path_id(req, "aid", "附件不存在", &aid) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    if (app_order_attachment(&cx, id, aid, &a, &err) != ZF_OK) return http_reply_zferror(req, &err);
    int rc = api_reply_stored_row(req, a, aid, "order_attachment_download", http_param(req, "id"));
    json_decref(a);
    return rc;
}
