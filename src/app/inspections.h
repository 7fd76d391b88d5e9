/* 双随机、一公开 and 综合查一次 (docs/inspections.md, issue 20): each agency's 检查对象名录 and
 * 检查人员名录 (its certified officers with their 回避 lists), random inspection plans drawn
 * reproducibly from a seed and logged in the ledger, their published results, the 事项目录清单, the
 * joint plans across agencies and the proposals made from rule I02's warnings. Scope is checked here
 * against the stored rows: an agency user acts on his agency, a supervisor within his region. */
#ifndef ZF_APP_INSPECTIONS_H
#define ZF_APP_INSPECTIONS_H

#include <jansson.h>

#include "app/context.h"

/* ---- directories (app/insp_directory.c) ---- */
/* agency: NULL = the caller's own. {agency, agency_name, items:[entity…]} */
int app_insp_entities(const AppContext *cx, const char *agency, const char *q, json_t **out, ZfError *err);
/* id 0 = new. The entity as stored. */
int app_insp_entity_save(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err);
/* An exchange-v1 file (lines of type inspection_entity) or a filled template (.xlsx) into the
 * agency's directory: {imported, rejected, errors:[{line, key, error}]}; good lines are kept. */
int app_insp_entities_import(const AppContext *cx, const char *agency, const void *buf, size_t len, json_t **out,
                             ZfError *err);
/* The Excel template (*buf malloc'd). */
int app_insp_entity_template(void **buf, size_t *len, ZfError *err);
/* {agency, agency_name, items:[{cert_no, name, cert_valid_to, status, certified, avoid:[{entity, name}], reason}]} */
int app_insp_officers(const AppContext *cx, const char *agency, json_t **out, ZfError *err);
int app_insp_recusals_put(const AppContext *cx, const char *cert_no, const json_t *in, json_t **out, ZfError *err);

/* ---- random plans (app/insp_plans.c) ---- */
int app_insp_plan_create(const AppContext *cx, const json_t *in, json_t **out, ZfError *err);
int app_insp_plans(const AppContext *cx, const char *agency, json_t **out, ZfError *err);
int app_insp_plan(const AppContext *cx, long long id, json_t **out, ZfError *err);
/* {"items":[{"entity","inspectors"}]}: drawn and recorded the first time, the recorded list after. */
int app_insp_plan_draw(const AppContext *cx, long long id, json_t **out, ZfError *err);
int app_insp_plan_result(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err);
int app_insp_plan_publish(const AppContext *cx, long long id, json_t **out, ZfError *err);
/* The published plans' results for the portal (一公开). */
int app_insp_public_results(Store *st, json_t **out, ZfError *err);
/* Recomputes a drawn plan from its seed and recorded population and compares it with the recorded
 * items and with its inspection.draw event: *problems (new) lists what differs, in words. */
int app_insp_plan_verify(Store *st, long long id, json_t **problems, ZfError *err);

/* ---- 综合查一次 (app/joint_inspections.c) ---- */
int app_joint_catalogue(const AppContext *cx, json_t **out, ZfError *err);
int app_joint_catalogue_save(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err);
int app_joint_plans(const AppContext *cx, json_t **out, ZfError *err);
int app_joint_plan(const AppContext *cx, long long id, json_t **out, ZfError *err);
int app_joint_plan_create(const AppContext *cx, const json_t *in, json_t **out, ZfError *err);
/* The caller's agency's results of its items; the plan is done when every item has one. */
int app_joint_plan_results(const AppContext *cx, long long id, const json_t *in, json_t **out, ZfError *err);
/* One proposal per party with open I02 warnings in scope: the joint plan that would have replaced
 * the separate visits. */
int app_joint_proposals(const AppContext *cx, json_t **out, ZfError *err);
/* Visits saved per quarter of year: {year, quarters:[{quarter, plans, done, visits_saved, planned_saving}]} */
int app_joint_stats(const AppContext *cx, int year, json_t **out, ZfError *err);

/* ---- inspection tasks of plans (app/insp_tasks.c) ---- */
/* Records case_no as the task of the drawn item ref ("PLAN:ENTITY") of the caller's agency's plan
 * (body.tasks[entity]); 409 when the item has one already. Called in the case's transaction. */
int app_insp_plan_task(const AppContext *cx, const char *ref, const json_t *party, const char *case_no, ZfError *err);
/* Records case_no as the task (body.case_no) of joint plan ref; only its lead agency opens it. */
int app_joint_plan_task(const AppContext *cx, const json_t *ref, const json_t *party, const char *case_no, ZfError *err);
/* The inspection case's result (state.result ok / correct / transfer) reported to the plan item
 * (state.plan_item) or joint plan (state.joint_plan) it is the task of: the item's result
 * 未发现问题 / 责令改正 / 移送立案 with inspected_on and case_no; a joint plan's lead-agency items. Called
 * in the step's transaction; nothing when the case is no plan's task. */
int app_insp_task_result(const AppContext *cx, const json_t *rec, const json_t *state, zf_day on, ZfError *err);

/* ---- shared (app/insp_common.c) ---- */
/* The agency asked (NULL: the caller's own) when it exists and is in the caller's scope: its name
 * and region; 404 otherwise. */
int insp_agency(const AppContext *cx, const char *asked, char code[19], char name[256], char region[7], ZfError *err);
/* The row's columns and body merged into one object for a reply (body's keys beside id and the columns). */
json_t *insp_flat(const json_t *row);
int insp_text(const json_t *in, const char *field, const char *what, size_t max_chars, bool required, ZfError *err);

#endif
