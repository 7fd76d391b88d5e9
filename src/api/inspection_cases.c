/* Opening a case of the kinds of issue 20 (docs/inspections.md): POST /api/v1/inspections opens an
 * inspection task (the random-inspections plans call it for each drawn item), and POST
 * /api/v1/workflow/cases with case_type inspection / coercion / enforcement / license opens the
 * others. Each is then handled by the same steps as a penalty case (workflow_cases.c). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/params.h"
#include "api/workflow_cases.h"
#include "app/inspections.h"
#include "app/workflow_kinds.h"
#include "app/workflow_state.h"
#include "http/auth.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The facts a new case of each type may carry from its form; the step fields check each. */
static const char *const *carried_facts(const char *type)
{
    static const char *const INSPECTION[] = {"notice_required", "inspection_items", "joint", "cause", "facts", NULL};
    static const char *const COERCION[] = {"measure", "cause", "facts", "violation_basis", NULL};
    static const char *const ENFORCEMENT[] = {"obligation", "principal", "late_fee", "cause", "facts", NULL};
    static const char *const LICENSE[] = {"received_on", "license_items", "hearing_required", NULL};
    if (strcmp(type, "inspection") == 0) return INSPECTION;
    if (strcmp(type, "coercion") == 0) return COERCION;
    if (strcmp(type, "enforcement") == 0) return ENFORCEMENT;
    return LICENSE;
}

/* plan_item ("PLAN:ENTITY", a drawn item) / joint_plan (its id): the plan the task is opened for;
 * the link itself is recorded by link_plans once the case has its number. */
static int plan_link(const json_t *body, const char *key, json_t *state, ZfError *err)
{
    const json_t *v = json_object_get(body, key);
    if (!v || json_is_null(v)) return ZF_OK;
    bool ok = (json_is_integer(v) && json_integer_value(v) > 0) ||
              (json_is_string(v) && strlen(json_string_value(v)) > 0 && strlen(json_string_value(v)) <= 64);
    if (!ok) return zf_fail(err, 400, "invalid_field", key, "%s 应为检查计划条目的编号", key);
    json_object_set(state, key, (json_t *)v);
    return ZF_OK;
}

static int build(HttpRequest *req, const json_t *body, const char *type, json_t **rec, json_t **state, ZfError *err)
{
    const char *agency = str(body, "agency");
    if (agency && strcmp(agency, req->auth->agency) != 0)
        return zf_fail(err, 403, "forbidden", "agency", "只能为本机关登记案件");
    const json_t *party = json_object_get(body, "party");
    if (!json_is_object(party) || !str(party, "name") || !*str(party, "name"))
        return zf_fail(err, 400, "missing_field", "party", strcmp(type, "license") == 0 ? "请填写申请人" : "请填写当事人（检查对象）");
    const char *power = str(body, "power");
    if (!power || !*power) return zf_fail(err, 400, "missing_field", "power", "请选择职权事项");
    *rec = json_pack("{s:s, s:s, s:s, s:s, s:O}", "type", "case", "agency", req->auth->agency, "kind",
                     wf_kind_of_case_type(type), "power", power, "party", party);
    *state = json_object();
    if (strcmp(type, "enforcement") == 0) json_object_set_new(*rec, "measure", json_string("enforce"));
    const json_t *officers = json_object_get(body, "officers");
    if (officers) json_object_set(*rec, "officers", (json_t *)officers);
    json_t *facts = json_object();
    for (const char *const *k = carried_facts(type); *k; k++)
        if (json_object_get(body, *k)) json_object_set(facts, *k, json_object_get(body, *k));
    int rc = wf_fields_apply(facts, *rec, *state, req->today, req->auth->username, err);
    json_decref(facts);
    if (rc == ZF_OK && strcmp(type, "license") == 0 && !json_object_get(*rec, "received_on")) {
        char t[ZF_DATE_LEN]; /* 申请日期: the day the materials are received, today unless back-entered */
        date_format(req->today, t);
        json_object_set_new(*rec, "received_on", json_string(t));
    }
    if (rc == ZF_OK) rc = plan_link(body, "plan_item", *state, err);
    if (rc == ZF_OK) rc = plan_link(body, "joint_plan", *state, err);
    return rc;
}

/* The plan the task was opened for keeps its case number (app/insp_tasks.c), in the same transaction. */
static int link_plans(const AppContext *cx, const json_t *body, const char *case_no, ZfError *err)
{
    const json_t *party = json_object_get(body, "party"), *item = json_object_get(body, "plan_item");
    const json_t *joint = json_object_get(body, "joint_plan");
    if (item && !json_is_null(item)) {
        if (!json_is_string(item)) return zf_fail(err, 400, "invalid_field", "plan_item", "plan_item 应为“计划编号:检查对象统一社会信用代码”");
        if (app_insp_plan_task(cx, json_string_value(item), party, case_no, err) != ZF_OK) return ZF_ERR;
    }
    if (joint && !json_is_null(joint) && app_joint_plan_task(cx, joint, party, case_no, err) != ZF_OK) return ZF_ERR;
    return ZF_OK;
}

static int open_kind(HttpRequest *req, json_t *body, const char *type)
{
    if (!req->auth || !req->auth->agency[0])
        return http_reply_error(req, 403, "forbidden", "agency", "本账号不属于执法机关，不能办理案件");
    json_t *rec = NULL, *state = NULL, *row = NULL;
    char case_no[96];
    ZfError err;
    AppContext cx = api_context(req);
    int rc = build(req, body, type, &rec, &state, &err);
    if (rc == ZF_OK && (rc = store_begin(req->store, &err)) == ZF_OK) {
        rc = wf_open_case(&cx, type, rec, state, str(body, "note"), case_no, &err);
        if (rc == ZF_OK && strcmp(type, "inspection") == 0) rc = link_plans(&cx, body, case_no, &err);
        if (rc == ZF_OK) rc = store_commit(req->store, &err);
        else store_rollback(req->store);
    }
    if (rc == ZF_OK) rc = wf_case_row(req->store, req->auth, case_no, &row, &err);
    int out;
    if (rc != ZF_OK) {
        out = http_reply_zferror(req, &err);
    } else {
        wf_case_recheck(req, case_no);
        auth_audit(req, strcmp(type, "inspection") == 0 ? "inspection_file" : "workflow_file", case_no, "ok", type);
        out = wf_case_reply(req, 201, rec, row);
    }
    json_decref(rec);
    json_decref(state);
    json_decref(row);
    return out;
}

int api_inspections_create(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    int rc = open_kind(req, body, "inspection");
    json_decref(body);
    return rc;
}

int api_workflow_kind_create(HttpRequest *req, json_t *body, const char *type)
{
    return open_kind(req, body, type);
}
