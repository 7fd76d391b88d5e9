/* POST /api/v1/public/reconsiderations/files?case_no=&id_no=&phone=&name=F&purpose=P: the
 * applicant's own files on the portal, no login (app/reconsideration_portal_files.c). The body is
 * the file, streamed to a temp file; the route refuses it past recon_portal_file_max_mib before
 * reading it; its type is judged by its bytes (PDF, JPEG or PNG), whatever its name or
 * Content-Type says. Replies {id, purpose, purpose_name, name, media_type, size}. */
#include <stdio.h>
#include <time.h>

#include "api/api.h"
#include "api/params.h"
#include "api/stored_file.h"
#include "app/reconsideration_portal_files.h"
#include "domain/attachment.h"
#include "http/auth.h"
#include "http/response.h"
#include "http/upload.h"

size_t api_recon_portal_file_limit(HttpRequest *req, char *why, size_t cap)
{
    size_t most = recon_portal_file_max_bytes(req->store);
    snprintf(why, cap, "每个材料文件不能超过 %zu MiB", most >> 20);
    return most;
}

static int content_type(HttpRequest *req, const MediaType **type, ZfError *err)
{
    AttachmentRule rule = {recon_portal_file_max_bytes(req->store), RECON_PORTAL_TYPES};
    const HttpUpload *u = req->upload;
    return attachment_content_check(AK_DOCUMENT, &rule, u->head, u->head_len, u->size, type, err);
}

int api_public_recon_files_create(HttpRequest *req)
{
    const char *name, *purpose, *case_no, *id_no, *phone;
    const MediaType *type = NULL;
    long long id = 0, now = (long long)time(NULL);
    char addr[64];
    json_t *out;
    ZfError err;
    if (!req->upload) return http_reply_error(req, 500, "internal_error", NULL, "材料应以流式上传接收（routes.c）");
    if (param_text(req, "name", ATTACHMENT_NAME_MAX, &name) != ZF_OK || param_text(req, "purpose", 16, &purpose) != ZF_OK ||
        param_text(req, "case_no", 128, &case_no) != ZF_OK || param_text(req, "id_no", 30, &id_no) != ZF_OK ||
        param_text(req, "phone", 20, &phone) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    auth_client_addr(req, addr, sizeof addr);
    int rc = app_recon_public_file_check(&cx, case_no, id_no, phone, purpose, addr, now, &id, &err);
    if (rc == ZF_OK) rc = attachment_name_check(name, &err);
    if (rc == ZF_OK) rc = content_type(req, &type, &err);
    if (rc == ZF_OK) rc = api_upload_adopt(req, &err);
    ReconFile f = {purpose, name, type ? type->mime : NULL, req->upload->sm3, (long long)req->upload->size};
    if (rc == ZF_OK) rc = app_recon_public_file_add(&cx, id, &f, &out, &err);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 201, out);
}
