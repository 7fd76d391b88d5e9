/* 重点督查对象 (issue 15): the year's agencies with the most problems, by weighted counts of leads,
 * reconsideration and litigation outcomes, supervision orders and violation findings. */
#ifndef ZF_APP_FOCUS_H
#define ZF_APP_FOCUS_H

#include <jansson.h>

#include "app/context.h"

/* {year, weights:{…}, items:[{rank, agency, agency_name, region, leads, reconsideration, litigation, orders,
 *  overdue_orders, violations, score}]}: the agencies of cx->user's scope, highest score first (then
 *  by code), the first focus_list_size of them. */
int app_focus_list(const AppContext *cx, int year, json_t **out, ZfError *err);

#endif
