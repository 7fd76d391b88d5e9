/* See seal_verify.h. */
#include "app/seal_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/document_template.h"
#include "app/seal.h"
#include "store/documents.h"
#include "store/portal.h"
#include "store/settings.h"

#define KIND_VERIFY "seal_verify"

int app_seal_verify_upload(const AppContext *cx, const char *addr, long long now, const unsigned char *pdf,
                           size_t len, const char *expected_document, SealReport *r, ZfError *err)
{
    int count, limit = store_setting_int(cx->store, "portal_verifies_per_hour", SEAL_VERIFY_PER_HOUR);
    if (store_portal_count(cx->store, addr, KIND_VERIFY, now / 3600, 1, &count, err) != ZF_OK) return ZF_ERR;
    if (count > limit) return zf_fail(err, 429, "rate_limited", NULL, "核验过于频繁，请一小时后再试");
    seal_verify_pdf(app_seal_ca_dir(), pdf, len, expected_document, r);
    return ZF_OK;
}

/* The record of the document the seal names (the QR code's ?doc=), for the portal to show beside
 * the check: its kind by name, 文号, version, date, and the stored file's digest so the caller can
 * tell whether the upload is byte for byte what was issued. The caller asks only for a file whose
 * seal verified under that ID, so nobody learns of a document he does not hold. */
int app_seal_expected_document(const AppContext *cx, const char *doc_id, json_t **out, ZfError *err)
{
    *out = NULL;
    char *end;
    long long id = strtoll(doc_id, &end, 10);
    if (*end || id <= 0) return ZF_OK; /* not an ID this installation issues */
    json_t *row, *tpl = NULL;
    ZfError lookup;
    if (store_document_get(cx->store, id, &row, &lookup) != ZF_OK)
        return lookup.status == 404 ? ZF_OK : (*err = lookup, ZF_ERR);
    const char *kind = json_string_value(json_object_get(row, "kind"));
    const char *name = NULL;
    if (kind && doc_template_load(kind, &tpl, &lookup) == ZF_OK) name = json_string_value(json_object_get(tpl, "name"));
    char day[11] = "";
    snprintf(day, sizeof day, "%s", json_string_value(json_object_get(row, "issued_at")) ?: "");
    *out = json_pack("{s:s, s:O, s:O, s:s, s:O}", "kind_name", name ? name : "执法文书", "doc_no",
                     json_object_get(row, "doc_no"), "version", json_object_get(row, "version"), "issued_on", day,
                     "digest", json_object_get(row, "sm3"));
    json_decref(tpl);
    json_decref(row);
    return *out ? ZF_OK : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
}

int app_seal_root_pem(char **pem, ZfError *err)
{
    char path[4096];
    seal_ca_root_cert_path(app_seal_ca_dir(), path, sizeof path);
    FILE *f = fopen(path, "rb");
    char *buf = f ? calloc(1, 8192) : NULL;
    size_t n = buf ? fread(buf, 1, 8191, f) : 0;
    if (f) fclose(f);
    if (!buf || n == 0) {
        free(buf);
        return zf_fail(err, 404, "no_root", NULL, "本系统尚未建立电子印章根证书");
    }
    *pem = buf;
    return ZF_OK;
}
