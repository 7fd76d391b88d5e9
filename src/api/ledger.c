/* /api/v1/ledger/... and the case's integrity and dossier: the tamper-evident record over HTTP.
 * Proofs come from stored hashes; the integrity answer checks them against the signed head. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/case_scope.h"
#include "api/params.h"
#include "http/auth.h"
#include "http/response.h"
#include "http/server.h"
#include "ledger/ledger.h"
#include "store/findings.h"
#include "store/identity.h"

static int with_ledger_fail(HttpRequest *req, Ledger *l, const ZfError *err)
{
    ledger_close(l);
    return http_reply_zferror(req, err);
}

int api_ledger_sth(HttpRequest *req)
{
    Ledger *l;
    ZfError err;
    SignedHead h;
    char *pem = NULL;
    int found;
    if (ledger_open(req->store, &l, &err) != ZF_OK) return http_reply_zferror(req, &err);
    if (ledger_latest_head(l, &h, &pem, &found, &err) != ZF_OK) return with_ledger_fail(req, l, &err);
    ledger_close(l);
    if (!found) return http_reply_error(req, 404, "no_signed_head", NULL, "尚无签名树头");
    json_t *o = ledger_head_json(&h, pem);
    free(pem);
    return http_reply_json(req, 200, o);
}

/* ?event=SEQ[&size=N] → inclusion; ?from=N&to=M → consistency. */
int api_ledger_proof(HttpRequest *req)
{
    long event, size, from, to;
    const long max = 0x7fffffffffffffffL;
    if (param_int(req, "event", 0, max, -1, &event) || param_int(req, "size", 1, max, 0, &size) ||
        param_int(req, "from", 1, max, 0, &from) || param_int(req, "to", 1, max, 0, &to))
        return 0;
    if ((event >= 0) == (from > 0 || to > 0) || (event < 0 && (!from || !to)))
        return http_reply_error(req, 400, "invalid_param", "event", "需要 event=序号，或同时给出 from 与 to");
    Ledger *l;
    ZfError err;
    json_t *out;
    if (ledger_open(req->store, &l, &err) != ZF_OK) return http_reply_zferror(req, &err);
    int rc = event >= 0 ? ledger_inclusion_json(l, (uint64_t)event, (uint64_t)size, &out, &err)
                        : ledger_consistency_json(l, (uint64_t)from, (uint64_t)to, &out, &err);
    if (rc != ZF_OK) return with_ledger_fail(req, l, &err);
    ledger_close(l);
    return http_reply_json(req, 200, out);
}

/* The case must exist in the user's data scope; as if absent otherwise (nothing to probe). */
static int case_visible(HttpRequest *req, const char *case_no)
{
    ZfError err;
    if (api_case_visible(req, case_no, NULL, &err) == ZF_OK) return 1;
    http_reply_zferror(req, &err);
    return 0;
}

int api_case_integrity(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    json_t *out;
    ZfError err;
    if (!case_visible(req, case_no)) return 0;
    if (ledger_case_integrity(req->store, req->server->db_path, case_no, &out, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    return http_reply_json(req, 200, out);
}

/* The zip carries the record unmasked (hashes cover every byte), so every export is audited. */
int api_case_dossier(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    void *zip;
    size_t len;
    ZfError err;
    if (!case_visible(req, case_no)) return 0;
    if (ledger_dossier(req->store, req->server->db_path, case_no, &zip, &len, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    auth_audit(req, "dossier_export", case_no, "ok", "电子卷宗");
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, zip, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(zip);
        return http_reply_error(req, 500, "internal", NULL, "服务器内部错误");
    }
    MHD_add_response_header(resp, "Content-Type", "application/zip");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    /* RFC 6266/5987: the case number is Chinese, so the UTF-8 form; an ASCII fallback first */
    char name[300];
    snprintf(name, sizeof name, "%s.zip", case_no);
    http_add_disposition(resp, "dossier.zip", name);
    return http_queue(req, 200, resp);
}
