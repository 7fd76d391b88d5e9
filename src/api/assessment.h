/* /api/v1/assessment/…: 法治督察考核 (docs/assessment.md). Thin: app/assessment*.c decides. */
#ifndef ZF_API_ASSESSMENT_H
#define ZF_API_ASSESSMENT_H

#include "http/request.h"

int api_assess_plans_list(HttpRequest *req);
int api_assess_plans_create(HttpRequest *req);
int api_assess_plan_get(HttpRequest *req);
int api_assess_plan_put(HttpRequest *req);
int api_assess_plan_copy(HttpRequest *req);
int api_assess_plan_publish(HttpRequest *req);
int api_assess_plan_revise(HttpRequest *req);
int api_assess_plan_close(HttpRequest *req);
int api_assess_ranking(HttpRequest *req);
int api_assess_ranking_export(HttpRequest *req);
int api_assess_unit(HttpRequest *req);
int api_assess_files_create(HttpRequest *req);
int api_assess_file_get(HttpRequest *req);
int api_assess_filling_put(HttpRequest *req);
int api_assess_filling_review(HttpRequest *req);
int api_assess_contests_create(HttpRequest *req);
int api_assess_scores_create(HttpRequest *req);
int api_assess_tasks_list(HttpRequest *req);
int api_assess_tasks_create(HttpRequest *req);
int api_assess_task_progress(HttpRequest *req);
int api_assess_orders_create(HttpRequest *req);
int api_assess_survey(HttpRequest *req);
int api_assess_report(HttpRequest *req);
int api_public_surveys(HttpRequest *req);
int api_public_survey_answer(HttpRequest *req);

#endif
