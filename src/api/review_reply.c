/* See review_reply.h. */
#include "api/review_reply.h"

#include "api/api.h"
#include "http/auth.h"

int api_review_reply(HttpRequest *req, int status, int rc, json_t *out, ZfError *err, const char *action)
{
    const char *id = http_param(req, "id");
    if (rc != ZF_OK) {
        if (err->status == 409 || err->status == 422) auth_audit(req, action, id ? id : "", "refused", err->message);
        return http_reply_zferror(req, err);
    }
    auth_audit(req, action, id ? id : "", "ok", "");
    return http_reply_json(req, status, out);
}
