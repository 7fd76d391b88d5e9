/* See seal_verify.h. */
#include "app/seal_verify.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/seal.h"
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

/* MERGER: once store has the documents table, look the row up by id (a number) and return only
 * the fields above — the kind's name from the document_kinds dictionary, never a code. The
 * portal page and tests/api/seal.test.mjs then show/check "expected" and "same_as_issued". */
int app_seal_expected_document(const AppContext *cx, const char *doc_id, json_t **out, ZfError *err)
{
    (void)cx, (void)doc_id, (void)err;
    *out = NULL;
    return ZF_OK;
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
