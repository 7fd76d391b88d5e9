/* See stored_file.h. */
#include "api/stored_file.h"

#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/media_sniff.h"
#include "http/auth.h"
#include "http/upload.h"
#include "http/response.h"
#include "http/server.h"
#include "ledger/ledger.h"

static int open_content(HttpRequest *req, const StoredFile *f, int *fd, ZfError *err)
{
    char path[4200];
    struct stat sb;
    ledger_attachment_path(req->server->db_path, f->sm3, path, sizeof path);
    *fd = open(path, O_RDONLY | O_CLOEXEC);
    if (*fd >= 0 && fstat(*fd, &sb) == 0 && sb.st_size == (off_t)f->size) return ZF_OK;
    if (*fd >= 0) close(*fd);
    return zf_fail(err, 500, "attachment_missing", NULL, "附件文件缺失或大小已改变，请运行 zhifa verify 检查存证");
}

int api_reply_stored_file(HttpRequest *req, const StoredFile *f, const char *audit_action, const char *audit_target)
{
    ZfError err;
    int fd;
    if (!f->sm3 || !f->mime) return http_reply_error(req, 500, "internal", NULL, "附件记录不完整");
    if (open_content(req, f, &fd, &err) != ZF_OK) return http_reply_zferror(req, &err);
    struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)f->size, fd);
    if (!resp) {
        close(fd);
        return http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    }
    char fallback[64];
    const MediaType *t = media_by_mime(f->mime);
    snprintf(fallback, sizeof fallback, "attachment-%lld%s", f->id, t ? t->ext : "");
    MHD_add_response_header(resp, "Content-Type", f->mime);
    MHD_add_response_header(resp, "Cache-Control", "private, no-store");
    http_add_disposition(resp, fallback, f->name);
    auth_audit(req, audit_action, audit_target, "ok", f->name);
    return http_queue(req, 200, resp);
}

int api_reply_stored_row(HttpRequest *req, const json_t *row, long long id, const char *audit_action,
                         const char *audit_target)
{
    StoredFile f = {json_string_value(json_object_get(row, "sm3")), json_string_value(json_object_get(row, "media_type")),
                    json_string_value(json_object_get(row, "name")), json_integer_value(json_object_get(row, "size")), id};
    return api_reply_stored_file(req, &f, audit_action, audit_target);
}

int api_upload_adopt(HttpRequest *req, ZfError *err)
{
    HttpUpload *u = req->upload;
    if (ledger_attachment_adopt(req->server->db_path, u->sm3, u->fd, u->path, u->size, err) != ZF_OK) return ZF_ERR;
    http_upload_consumed(u);
    return ZF_OK;
}
