/* Photos of a lead (issue 15, docs/leads.md "Photos"): sent by the complainant with the tracking code
 * (POST /public/complaints/{code}/photos) or by the observer who filed the lead (POST
 * /observations/{id}/photos), read by whoever may see the lead (GET /leads/{id}/photos/{pid}). The
 * body is streamed to a temp file like an order's attachment; it must be a JPEG, PNG or WebP by its
 * bytes, whatever its Content-Type; it is stored under its SM3 and recorded by app/lead_photos.c. */
#include <stdio.h>
#include <time.h>

#include "api/api.h"
#include "api/params.h"
#include "api/stored_file.h"
#include "app/complaints.h"
#include "app/lead_photos.h"
#include "app/observations.h"
#include "domain/attachment.h"
#include "http/auth.h"
#include "http/upload.h"

size_t api_lead_photo_body_limit(HttpRequest *req, char *why, size_t cap)
{
    size_t most = app_lead_photo_max_bytes(req->store);
    snprintf(why, cap, "照片不能超过 %zu MiB", most >> 20);
    return most;
}

/* The file's checks, in the order a client can fix them, then the file stored and recorded:
 * 201 {"photos": n}, the lead's count, and nothing internal. */
static int add_photo(HttpRequest *req, const AppContext *cx, long long id, long long now)
{
    const char *name;
    const MediaType *type = NULL;
    int count = 0;
    ZfError err;
    if (param_text(req, "name", ATTACHMENT_NAME_MAX, &name) != ZF_OK) return 0;
    AttachmentRule rule = {app_lead_photo_max_bytes(req->store), LEAD_PHOTO_TYPES};
    HttpUpload *u = req->upload;
    int rc = attachment_name_check(name, &err);
    if (rc == ZF_OK) rc = attachment_content_check(AK_PHOTO, &rule, u->head, u->head_len, u->size, &type, &err);
    if (rc == ZF_OK) rc = app_lead_photo_check(cx, id, now, &err);
    if (rc == ZF_OK) rc = api_upload_adopt(req, &err);
    LeadPhotoFile f = {name, type ? type->mime : NULL, u->sm3, (long long)u->size};
    if (rc == ZF_OK) rc = app_lead_photo_add(cx, id, &f, now, &count, &err);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    return http_reply_json(req, 201, json_pack("{s:i}", "photos", count));
}

static int no_stream(HttpRequest *req)
{
    return http_reply_error(req, 500, "internal_error", NULL, "照片应以流式上传接收（routes.c）");
}

int api_public_complaint_photos_create(HttpRequest *req)
{
    AppContext cx = api_context(req);
    char addr[64];
    long long id, now = (long long)time(NULL);
    ZfError err;
    if (!req->upload) return no_stream(req);
    auth_client_addr(req, addr, sizeof addr);
    if (app_complaint_photo_lead(&cx, http_param(req, "tracking_code"), addr, now, &id, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    return add_photo(req, &cx, id, now);
}

int api_observation_photos_create(HttpRequest *req)
{
    AppContext cx = api_context(req);
    long long id;
    ZfError err;
    if (!req->upload) return no_stream(req);
    if (param_path_id(req, "id", "监督意见不存在", &id) != ZF_OK) return 0;
    if (app_observation_photo_lead(&cx, id, &err) != ZF_OK) return http_reply_zferror(req, &err);
    int rc = add_photo(req, &cx, id, (long long)time(NULL));
    auth_audit(req, "observation_photo", http_param(req, "id"), req->status < 300 ? "ok" : "refused", NULL);
    return rc;
}

int api_lead_photo_get(HttpRequest *req)
{
    long long id, pid;
    json_t *p;
    ZfError err;
    if (param_path_id(req, "id", "线索不存在", &id) != ZF_OK || param_path_id(req, "pid", "照片不存在", &pid) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    if (app_lead_photo(&cx, id, pid, &p, &err) != ZF_OK) return http_reply_zferror(req, &err);
    int rc = api_reply_stored_row(req, p, pid, "lead_photo_download", http_param(req, "id"));
    json_decref(p);
    return rc;
}
