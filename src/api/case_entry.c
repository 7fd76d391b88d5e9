/* POST /api/v1/cases and PUT /api/v1/cases/{case_no}: mode 2 事后录入 of one closed case by
 * form. The same validator as the import verb (exchange_validate) and the same store path
 * (import_stream: ledger event + record in one transaction); re-checked by the rules at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/intake_common.h"
#include "jobs/sweep.h"
#include "http/auth.h"
#include "jobs/import.h"
#include "store/findings.h"

static int reply_case(HttpRequest *req, int status, json_t *rec, const char *case_no)
{
    json_t *findings;
    ZfError err;
    FindingFilter f = {.status = "open", .subject_type = "case", .subject = case_no};
    if (store_findings_list(req->store, &f, 1, 200, &findings, &err) != ZF_OK) {
        json_decref(rec);
        return http_reply_zferror(req, &err);
    }
    json_t *items = json_incref(json_object_get(findings, "items"));
    json_decref(findings);
    return http_reply_json(req, status, json_pack("{s:o, s:o}", "case", rec, "findings", items));
}

/* The existing record's agency must be in scope too: an edit may not pull another agency's
 * case into one's own. 0 = absent, 1 = present and writable, -1 = present but not ours. */
static int existing_case(HttpRequest *req, const char *case_no)
{
    char *body;
    ZfError err;
    if (store_record_get(req->store, REC_CASE, case_no, &body, &err) != ZF_OK) return 0;
    json_t *old = json_loads(body, 0, NULL);
    free(body);
    int ours = intake_agency_in_scope(req, json_string_value(json_object_get(old, "agency")));
    json_decref(old);
    return ours ? 1 : -1;
}

static int save_case(HttpRequest *req, const char *path_case_no)
{
    json_t *rec = http_body_json(req);
    if (!rec) return 0;
    int rc;
    json_t *type = json_object_get(rec, "type");
    json_t *no = json_object_get(rec, "case_no");
    RecordKeys keys;
    ZfError err;
    if (!type) json_object_set_new(rec, "type", json_string("case"));
    if (path_case_no && !no) json_object_set_new(rec, "case_no", json_string(path_case_no));
    if (type && (!json_is_string(type) || strcmp(json_string_value(type), "case") != 0)) {
        rc = http_reply_error(req, 400, "invalid_record", "type", "记录类型应为 case");
    } else if (exchange_validate(rec, &keys, &err) != ZF_OK) {
        rc = http_reply_error(req, 400, err.code[0] ? err.code : "invalid_record", err.field, err.message);
    } else if (path_case_no && strcmp(keys.key, path_case_no) != 0) {
        rc = http_reply_error(req, 400, "invalid_record", "case_no", "案号与地址中的案号不一致；修改案号请新增案件");
    } else if (!intake_agency_in_scope(req, keys.cols[0])) {
        rc = http_reply_error(req, 403, "forbidden", "agency", "执法主体不在本账号的数据范围内，不能为其录入案件");
    } else {
        char *case_no = strdup(keys.key);
        int exists = existing_case(req, case_no);
        if (!path_case_no && exists)
            rc = http_reply_error(req, 409, "conflict", "case_no", "该案号已存在；修改已录入的案件请打开该案件编辑");
        else if (path_case_no && exists <= 0)
            rc = http_reply_error(req, 404, "not_found", NULL, "案件不存在");
        else if (import_one_record(req->store, rec, &err) != ZF_OK)
            rc = http_reply_zferror(req, &err);
        else {
            ChangedSet t = {0};
            changed_note(&t, REC_CASE, case_no);
            changed_recheck(req->store, req->calendar, &t);
            auth_audit(req, path_case_no ? "case_edit" : "case_entry", case_no, "ok", "");
            rc = reply_case(req, path_case_no ? 200 : 201, json_incref(rec), case_no);
        }
        free(case_no);
    }
    json_decref(rec);
    return rc;
}

int api_cases_create(HttpRequest *req) { return save_case(req, NULL); }

int api_cases_update(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    if (!case_no || !*case_no || strlen(case_no) > 128)
        return http_reply_error(req, 400, "invalid_param", "case_no", "案号过长或为空");
    return save_case(req, case_no);
}
