/* /api/v1/reviews/…: 案卷评查 (issue 16, docs/reviews.md). Thin: parameters and bodies are read
 * here; every rule and every scope check is app/reviews*.c. */
#ifndef ZF_API_REVIEWS_H
#define ZF_API_REVIEWS_H

#include "http/request.h"

int api_review_standards_list(HttpRequest *req);
int api_review_standard_get(HttpRequest *req);
int api_review_standards_create(HttpRequest *req);
int api_review_standard_put(HttpRequest *req);
int api_review_reviewers(HttpRequest *req);
int api_review_plans_create(HttpRequest *req);
int api_review_plans_list(HttpRequest *req);
int api_review_plan_get(HttpRequest *req);
int api_review_plan_put(HttpRequest *req);
int api_review_plan_sample(HttpRequest *req);
int api_review_plan_sample_preview(HttpRequest *req);
int api_review_plan_assign(HttpRequest *req);
int api_review_plan_publish(HttpRequest *req);
int api_review_plan_results(HttpRequest *req);
int api_review_plan_results_xlsx(HttpRequest *req);
int api_review_tasks_list(HttpRequest *req);
int api_review_task_get(HttpRequest *req);
int api_review_task_put(HttpRequest *req);
int api_review_task_attachment(HttpRequest *req);
int api_review_item_arbitrate(HttpRequest *req);
int api_review_item_defense(HttpRequest *req);
int api_review_defense_answer(HttpRequest *req);
int api_review_item_order(HttpRequest *req);

#endif
