/* POST /api/v1/cases and PUT /api/v1/cases/{case_no}: mode 2 事后录入 of one closed case by
 * form. The same validator as the import verb (exchange_validate) and the same store path
 * (import_stream: ledger event + record in one transaction); re-checked by the rules at once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/intake_common.h"
#include "app/sweep.h"
#include "http/auth.h"
#include "app/import.h"
#include "store/findings.h"
#include "store/standing.h"

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

/* What is stored under the number decides as much as the form: an edit may not pull another
 * agency's case into one's own, nor rewrite an online case. A number taken by anyone gets one
 * answer, so a create does not tell whose it is. */
static bool refused_write(HttpRequest *req, const RecordKeys *keys, const char *path_case_no, int *rc)
{
    const char *agency, *prefix;
    StoredStanding standing = STORED_OUT_OF_SCOPE;
    StoredRecord sr = {*keys, NULL, 0}; /* no body: the form never rewrites an online case */
    ZfError err;
    if (api_scope_filter(req, &agency, &prefix) &&
        store_record_standing(req->store, &sr, agency, prefix, &standing, &err) != ZF_OK)
        return *rc = http_reply_zferror(req, &err), true;
    if (standing == STORED_ONLINE_CASE)
        return *rc = http_reply_error(req, 409, "online_case", "case_no", INTAKE_ONLINE_CASE), true;
    if (!path_case_no && standing != STORED_NONE) {
        *rc = http_reply_error(req, 409, "conflict", "case_no", "该案号已被使用，请核对案号；修改本机构已录入的案件请打开该案件编辑");
        return true;
    }
    if (path_case_no && standing != STORED_IN_SCOPE)
        return *rc = http_reply_error(req, 404, "not_found", NULL, "案件不存在"), true;
    return false;
}

/* Validated: the stored-scope check, the record and its ledger event in one transaction (nothing can
 * take the number in between), then the rules. */
static int store_case(HttpRequest *req, json_t *rec, const RecordKeys *keys, const char *path_case_no)
{
    ZfError err;
    int rc;
    const char *case_no = keys->key;
    bool edit = path_case_no != NULL;
    if (store_begin(req->store, &err) != ZF_OK) return http_reply_zferror(req, &err);
    if (refused_write(req, keys, path_case_no, &rc)) {
        store_rollback(req->store);
        auth_audit(req, edit ? "case_edit" : "case_entry", case_no, "refused", ""); /* after the rollback */
        return rc;
    }
    if (import_one_record_in(req->store, rec, &err) != ZF_OK || store_commit(req->store, &err) != ZF_OK) {
        store_rollback(req->store);
        return http_reply_zferror(req, &err);
    }
    ChangedSet t = {0};
    changed_note(&t, REC_CASE, case_no);
    changed_recheck(req->store, req->calendar, req->today, &t);
    auth_audit(req, edit ? "case_edit" : "case_entry", case_no, "ok", "");
    return reply_case(req, edit ? 200 : 201, json_incref(rec), case_no);
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
        rc = store_case(req, rec, &keys, path_case_no);
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
