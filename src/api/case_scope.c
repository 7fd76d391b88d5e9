/* Loads a stored case and checks the caller's data scope against its stored agency (see
 * case_scope.h). Never replies: each handler answers the error its own way. */
#include "api/case_scope.h"

#include <stdlib.h>
#include <string.h>

#include "domain/authz.h"
#include "store/case_numbers.h"
#include "store/findings.h"
#include "store/identity.h"

int api_case_visible(HttpRequest *req, const char *case_no, json_t **record, ZfError *err)
{
    char *body, region[7];
    if (record) *record = NULL;
    if (!case_no || !*case_no || strlen(case_no) > 128)
        return zf_fail(err, 400, "invalid_param", "case_no", "案号过长或为空");
    if (store_record_get(req->store, REC_CASE, case_no, &body, err) != ZF_OK)
        return err->status == 404 ? zf_fail(err, 404, "not_found", "case_no", "案件不存在") : ZF_ERR;
    json_t *rec = json_loads(body, 0, NULL);
    free(body);
    const char *agency = json_string_value(json_object_get(rec, "agency"));
    store_agency_region(req->store, agency, region);
    if (!agency || !scope_allows(&req->scope, agency, region)) {
        json_decref(rec);
        return zf_fail(err, 404, "not_found", "case_no", "案件不存在");
    }
    if (record) *record = rec;
    else json_decref(rec);
    return ZF_OK;
}

static bool names_a_case(const char *pattern)
{
    static const char *const prefixes[] = {"/api/v1/cases/{case_no}", "/api/v1/workflow/cases/{case_no}"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(pattern, prefixes[i], n) == 0 && (pattern[n] == '\0' || pattern[n] == '/')) return true;
    }
    return false;
}

int api_case_number_param(HttpRequest *req, const Route *r)
{
    if (!names_a_case(r->pattern)) return ZF_OK;
    for (int i = 0; i < req->n_params; i++) {
        if (strncmp(req->param_names[i], "{case_no}", 9) != 0) continue;
        ZfError err;
        /* the request's own buffer: it lives as long as the request, whatever the thread */
        if (store_case_resolve(req->store, req->param_values[i], req->resolved_param, &err) == ZF_OK) {
            req->param_values[i] = req->resolved_param;
        } else if (err.status >= 500) {
            http_reply_zferror(req, &err);
            return ZF_ERR;
        }
    }
    return ZF_OK;
}
