/* /api/v1/normative-docs/{id}/file: the full text of a filed normative document as a file
 * (docs/normative-docs.md). The body is streamed to a temp file (bounded by the setting
 * normative_file_max_mib before it is read), its type judged by its bytes and its text extracted
 * (app/normative_file.c); the file is stored under its SM3 in the file store. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "api/api.h"
#include "api/params.h"
#include "api/stored_file.h"
#include "app/normative_file.h"
#include "domain/attachment.h"
#include "http/auth.h"
#include "http/upload.h"

size_t api_normative_file_body_limit(HttpRequest *req, char *why, size_t cap)
{
    size_t most = app_normative_file_max_bytes(req->store);
    snprintf(why, cap, "规范性文件全文不能超过 %zu MiB", most >> 20);
    return most;
}

/* The uploaded bytes, read back from the temp file (already bounded by the size limit). */
static int read_upload(const HttpUpload *u, unsigned char **data, ZfError *err)
{
    *data = malloc(u->size ? (size_t)u->size : 1);
    if (!*data) return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    size_t got = 0;
    while (got < u->size) {
        ssize_t n = pread(u->fd, *data + got, (size_t)u->size - got, (off_t)got);
        if (n <= 0) {
            free(*data);
            *data = NULL;
            return zf_fail(err, 500, "upload_read", NULL, "上传的文件无法读取");
        }
        got += (size_t)n;
    }
    return ZF_OK;
}

int api_normative_file_upload(HttpRequest *req)
{
    long long id;
    const char *name;
    unsigned char *data = NULL;
    NormativeExtract ex = {0};
    json_t *doc = NULL;
    ZfError err;
    if (!req->upload) return http_reply_error(req, 500, "internal_error", NULL, "文件应以流式上传接收（routes.c）");
    if (param_path_id(req, "id", "规范性文件不存在", &id) != ZF_OK || param_text(req, "name", ATTACHMENT_NAME_MAX, &name) != ZF_OK)
        return 0;
    AppContext cx = api_context(req);
    int rc = app_normative_file_check(&cx, id, &err);
    if (rc == ZF_OK) rc = attachment_name_check(name, &err);
    if (rc == ZF_OK && req->upload->size == 0) rc = zf_fail(&err, 400, "empty_file", NULL, "上传的文件是空的");
    if (rc == ZF_OK) rc = read_upload(req->upload, &data, &err);
    if (rc == ZF_OK) rc = app_normative_file_extract(data, (size_t)req->upload->size, &ex, &err);
    free(data);
    if (rc == ZF_OK) rc = api_upload_adopt(req, &err);
    NormativeFileIn f = {name, ex.mime, req->upload->sm3, (long long)req->upload->size, ex.text};
    if (rc == ZF_OK) rc = app_normative_file_attach(&cx, id, &f, &doc, &err);
    free(ex.text);
    if (rc != ZF_OK) {
        if (err.status == 415 || err.status == 413) auth_audit(req, "normative_file_refused", http_param(req, "id"), "refused", err.message);
        return http_reply_zferror(req, &err);
    }
    return http_reply_json(req, 201, doc);
}

int api_normative_file_download(HttpRequest *req)
{
    long long id;
    json_t *f;
    ZfError err;
    if (param_path_id(req, "id", "规范性文件不存在", &id) != ZF_OK) return 0;
    AppContext cx = api_context(req);
    if (app_normative_file_get(&cx, id, &f, &err) != ZF_OK) return http_reply_zferror(req, &err);
    int rc = api_reply_stored_row(req, f, id, "normative_file_download", http_param(req, "id"));
    json_decref(f);
    return rc;
}
