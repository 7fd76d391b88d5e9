/* /api/v1/public/documents/verify and /root-cert: 文书核验 on the anonymous portal. The PDF is
 * streamed to a temp file (nobody buffers megabytes for an anonymous client) and read through
 * mmap; the answer names the signer, the time and the first failed check in Chinese — what the
 * file itself says, and for a file whose seal verifies under the ?doc= ID, that document's record
 * (kind, 文号, version, date) and whether the upload is the very file issued. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "api/api.h"
#include "api/params.h"
#include "app/seal_verify.h"
#include "http/auth.h"
#include "http/upload.h"

size_t api_seal_verify_body_limit(HttpRequest *req, char *why, size_t cap)
{
    (void)req;
    snprintf(why, cap, "文件不能超过 %d MiB", SEAL_VERIFY_MAX_MIB);
    return (size_t)SEAL_VERIFY_MAX_MIB << 20;
}

static json_t *report_json(const SealReport *r, const char *expected)
{
    char when[96];
    seal_time_text(r, when, sizeof when);
    json_t *o = json_pack("{s:b, s:s, s:s}", "ok", r->check == SEAL_OK, "check", seal_check_code(r->check), "message",
                          seal_check_message(r->check));
    if (r->agency_name[0]) json_object_set_new(o, "agency_name", json_string(r->agency_name));
    if (r->agency_code[0]) json_object_set_new(o, "agency_code", json_string(r->agency_code));
    if (r->signed_at[0]) json_object_set_new(o, "signed_at", json_string(r->signed_at));
    if (r->signed_at[0]) json_object_set_new(o, "signed_at_text", json_string(when));
    if (r->document[0]) json_object_set_new(o, "document", json_string(r->document));
    if (expected) json_object_set_new(o, "expected_document", json_string(expected));
    return o;
}

int api_public_document_verify(HttpRequest *req)
{
    AppContext cx = api_context(req);
    const char *doc;
    char addr[64];
    SealReport r;
    ZfError err;
    HttpUpload *u = req->upload;
    if (!u) return http_reply_error(req, 500, "internal_error", NULL, "文件应以流式上传接收（routes.c）");
    if (param_code(req, "doc", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.:-", 1, 64, &doc) != ZF_OK)
        return 0;
    if (u->size == 0) return http_reply_error(req, 422, "empty_file", "file", "请选择要核验的 PDF 文件");
    void *map = mmap(NULL, (size_t)u->size, PROT_READ, MAP_PRIVATE, u->fd, 0);
    if (map == MAP_FAILED) return http_reply_error(req, 500, "read_failed", NULL, "无法读取上传的文件");
    auth_client_addr(req, addr, sizeof addr);
    int rc = app_seal_verify_upload(&cx, addr, (long long)time(NULL), map, (size_t)u->size, doc, &r, &err);
    munmap(map, (size_t)u->size);
    json_t *issued = NULL;
    /* the record only for a file whose seal verified under that very ID: its holder learns nothing new */
    if (rc == ZF_OK && doc && r.check == SEAL_OK) rc = app_seal_expected_document(&cx, doc, &issued, &err);
    if (rc != ZF_OK) return http_reply_zferror(req, &err);
    json_t *out = report_json(&r, doc);
    if (issued) { /* the file is byte for byte the one the system issued under that ID */
        const char *digest = json_string_value(json_object_get(issued, "digest"));
        json_object_set_new(out, "same_as_issued", json_boolean(digest && strcmp(digest, u->sm3) == 0));
        json_object_del(issued, "digest");
        json_object_set_new(out, "expected", issued);
    }
    return http_reply_json(req, 200, out);
}

int api_public_document_root_cert(HttpRequest *req)
{
    char *pem;
    ZfError err;
    if (app_seal_root_pem(&pem, &err) != ZF_OK) return http_reply_zferror(req, &err);
    json_t *o = json_pack("{s:s}", "pem", pem);
    free(pem);
    return http_reply_json(req, 200, o);
}
