/* /api/v1/cases/{case_no}: one case record with its supervision findings. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "store/findings.h"

int api_case_get(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    char *body;
    ZfError err;
    json_t *findings;
    if (!case_no || strlen(case_no) > 128)
        return http_reply_error(req, 400, "invalid_param", "case_no", "案号过长或为空");
    if (store_record_get(req->store, REC_CASE, case_no, &body, &err) != ZF_OK) {
        if (err.status == 404) snprintf(err.message, sizeof err.message, "案件不存在：%s", case_no);
        return http_reply_zferror(req, &err);
    }
    json_t *record = json_loads(body, 0, NULL);
    free(body);
    FindingFilter f = {.status = "all", .subject_type = "case", .subject = case_no};
    if (store_findings_list(req->store, &f, 1, 200, &findings, &err) != ZF_OK) {
        json_decref(record);
        return http_reply_zferror(req, &err);
    }
    json_t *items = json_incref(json_object_get(findings, "items"));
    json_decref(findings);
    return http_reply_json(req, 200, json_pack("{s:o, s:o}", "case", record, "findings", items));
}
