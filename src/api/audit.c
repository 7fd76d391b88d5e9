/* /api/v1/audit: the security auditor searches and exports the append-only audit log.
 * Exports are themselves audited. */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "domain/audit_names.h"
#include "http/auth.h"
#include "http/response.h"

static const char *const results[] = {"ok", "denied", "failed", NULL};

static int parse_filter(HttpRequest *req, AuditFilter *f)
{
    memset(f, 0, sizeof *f);
    return param_text(req, "username", 64, &f->username) || param_text(req, "action", 64, &f->action) ||
                   param_enum(req, "result", results, &f->result) ||
                   param_code(req, "from", "0123456789-T:Z", 10, 20, &f->from) ||
                   param_code(req, "to", "0123456789-T:Z", 10, 20, &f->to) || param_text(req, "q", 100, &f->q)
               ? ZF_ERR
               : ZF_OK;
}

/* Each record with its name in Chinese (action_name: 新建用户 for "POST /api/v1/users"). */
static void name_records(json_t *out)
{
    size_t i;
    json_t *row;
    char buf[64];
    json_array_foreach(json_object_get(out, "items"), i, row)
        json_object_set_new(row, "action_name",
                            json_string(audit_record_name(json_string_value(json_object_get(row, "action")),
                                                          json_string_value(json_object_get(row, "target")), buf,
                                                          sizeof buf)));
}

int api_audit_list(HttpRequest *req)
{
    AuditFilter f;
    int page, size;
    json_t *out;
    ZfError err;
    if (parse_filter(req, &f) != ZF_OK || param_page(req, &page, &size) != ZF_OK) return 0;
    if (store_audit_list(req->store, &f, page, size, &out, &err) != ZF_OK) return http_reply_zferror(req, &err);
    name_records(out);
    return http_reply_json(req, 200, out);
}

typedef struct {
    char *buf;
    size_t len, cap;
} Text;

static int append_row(json_t *row, void *ctx)
{
    Text *t = ctx;
    char *line = json_dumps(row, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(row);
    size_t n = line ? strlen(line) : 0;
    if (t->len + n + 2 > t->cap) {
        size_t cap = (t->cap ? t->cap : 65536) * 2;
        while (cap < t->len + n + 2) cap *= 2;
        char *grown = realloc(t->buf, cap);
        if (!grown) {
            free(line);
            return -1;
        }
        t->buf = grown, t->cap = cap;
    }
    memcpy(t->buf + t->len, line, n);
    t->len += n;
    t->buf[t->len++] = '\n';
    free(line);
    return 0;
}

int api_audit_export(HttpRequest *req)
{
    AuditFilter f;
    Text t = {0};
    ZfError err;
    if (parse_filter(req, &f) != ZF_OK) return 0;
    auth_audit(req, "audit_export", "", "ok", "");
    if (store_audit_foreach(req->store, &f, append_row, &t, &err) != ZF_OK) {
        free(t.buf);
        return http_reply_zferror(req, &err);
    }
    struct MHD_Response *resp = MHD_create_response_from_buffer(t.len, t.buf ? t.buf : (void *)"",
                                                                t.buf ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(resp, "Content-Type", "application/x-ndjson; charset=utf-8");
    MHD_add_response_header(resp, "Content-Disposition", "attachment; filename=\"audit-log.jsonl\"");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    return http_queue(req, 200, resp);
}
