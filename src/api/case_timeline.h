/* The timeline of an online case as the console shows it: each entry with its act and stages
 * named in Chinese. Lent to workflow_cases.c, whose case view carries the same timeline. */
#ifndef ZF_API_CASE_TIMELINE_H
#define ZF_API_CASE_TIMELINE_H

#include <jansson.h>

/* Adds "action_name", "from_stage_name" and "to_stage_name" (null where the code is) to each
 * entry of store_workflow_timeline's items. */
void api_timeline_name(json_t *items);

#endif
