/* See seal.h: the seal layer does the cryptography on files; this side knows where the files
 * live and which agency is which. */
#include "app/seal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "seal/seal.h"
#include "store/agencies.h"
#include "util/paths.h"

static char ca_dir[4096];

void app_seal_use_database(const char *db_path) { paths_ca_dir(db_path, ca_dir, sizeof ca_dir); }

const char *app_seal_ca_dir(void) { return ca_dir; }

int app_seal_agency_name(Store *st, const char *code, char *out, size_t cap, ZfError *err)
{
    AgencyFilter f = {.scope_agency = code};
    json_t *list = NULL;
    if (store_agencies_list(st, &f, 1, 1, &list, err) != ZF_OK) return ZF_ERR;
    const char *name = json_string_value(json_object_get(json_array_get(json_object_get(list, "items"), 0), "name"));
    int rc = name ? ZF_OK : zf_fail(err, 404, "agency_not_found", "agency", "找不到该执法主体");
    if (name) snprintf(out, cap, "%s", name);
    json_decref(list);
    return rc;
}

/* Two requests sealing an agency's first documents at once: one issues, the other waits and
 * finds the key and certificate both written. */
static pthread_mutex_t issuing = PTHREAD_MUTEX_INITIALIZER;

static int ensure_agency(Store *st, const char *code, const char *known_name, ZfError *err)
{
    char name[256];
    if (seal_ca_has_agency(ca_dir, code)) return ZF_OK;
    if (known_name) snprintf(name, sizeof name, "%s", known_name);
    else if (app_seal_agency_name(st, code, name, sizeof name, err) != ZF_OK) return ZF_ERR;
    pthread_mutex_lock(&issuing);
    int rc = seal_ca_has_agency(ca_dir, code) ? ZF_OK : seal_ca_issue_now(ca_dir, code, name, err);
    pthread_mutex_unlock(&issuing);
    return rc;
}

static int copy_unsealed(const unsigned char *pdf, size_t len, unsigned char **out, size_t *out_len, ZfError *err)
{
    *out = malloc(len ? len : 1);
    if (!*out) return zf_fail(err, 500, "out_of_memory", "", "内存不足");
    memcpy(*out, pdf, len);
    *out_len = len;
    return ZF_OK;
}

int app_seal_pdf(const AppContext *ctx, const char *agency_code, const char *document_id,
                 const unsigned char *pdf, size_t len, unsigned char **out, size_t *out_len,
                 ZfError *err)
{
    if (!ca_dir[0] || !seal_ca_has_root(ca_dir)) return copy_unsealed(pdf, len, out, out_len, err);
    if (ensure_agency(ctx->store, agency_code, NULL, err) != ZF_OK) return ZF_ERR;
    return seal_sign_pdf(ca_dir, agency_code, document_id, time(NULL), pdf, len, out, out_len, err);
}

int app_seal_pdf_organ(const AppContext *ctx, const char *code, const char *name, const char *document_id,
                       const unsigned char *pdf, size_t len, unsigned char **out, size_t *out_len, ZfError *err)
{
    if (!ca_dir[0] || !seal_ca_has_root(ca_dir)) return copy_unsealed(pdf, len, out, out_len, err);
    if (!seal_code_valid(code)) return zf_fail(err, 500, "internal", NULL, "印章编码不正确");
    if (ensure_agency(ctx->store, code, name, err) != ZF_OK) return ZF_ERR;
    return seal_sign_pdf(ca_dir, code, document_id, time(NULL), pdf, len, out, out_len, err);
}

int app_seal_issue_all(Store *st, int *issued, ZfError *err)
{
    AgencyFilter f = {0};
    json_t *list = NULL;
    *issued = 0;
    if (store_agencies_list(st, &f, 1, 10000, &list, err) != ZF_OK) return ZF_ERR;
    size_t i;
    json_t *a;
    int rc = ZF_OK;
    json_array_foreach(json_object_get(list, "items"), i, a)
    {
        const char *code = json_string_value(json_object_get(a, "code"));
        if (!code || seal_ca_has_agency(ca_dir, code)) continue;
        if ((rc = ensure_agency(st, code, NULL, err)) != ZF_OK) break;
        (*issued)++;
    }
    json_decref(list);
    return rc;
}
