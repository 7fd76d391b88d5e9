/* /api/v1/inspection-*, /joint-*: 双随机、一公开 and 综合查一次 (issue 20, docs/inspections.md). */
#ifndef ZF_API_INSPECTIONS_H
#define ZF_API_INSPECTIONS_H

#include "http/request.h"

int api_insp_entities_list(HttpRequest *req);
int api_insp_entities_create(HttpRequest *req);
int api_insp_entity_put(HttpRequest *req);
int api_insp_entities_import(HttpRequest *req);
int api_insp_entity_template(HttpRequest *req);
int api_insp_officers_list(HttpRequest *req);
int api_insp_recusals_put(HttpRequest *req);
int api_insp_plans_create(HttpRequest *req);
int api_insp_plans_list(HttpRequest *req);
int api_insp_plan_get(HttpRequest *req);
int api_insp_plan_draw(HttpRequest *req);
int api_insp_plan_result(HttpRequest *req);
int api_insp_plan_publish(HttpRequest *req);
int api_public_inspection_results(HttpRequest *req);
int api_joint_catalogue_list(HttpRequest *req);
int api_joint_catalogue_create(HttpRequest *req);
int api_joint_catalogue_put(HttpRequest *req);
int api_joint_plans_list(HttpRequest *req);
int api_joint_plans_create(HttpRequest *req);
int api_joint_plan_get(HttpRequest *req);
int api_joint_plan_results(HttpRequest *req);
int api_joint_proposals(HttpRequest *req);
int api_joint_stats(HttpRequest *req);

#endif
