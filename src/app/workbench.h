/* 工作台 per role (issue 19): the user's own queue as counts, each a tile that links to the list it
 * counts, computed from his role, his permissions and his data scope. */
#ifndef ZF_APP_WORKBENCH_H
#define ZF_APP_WORKBENCH_H

#include <jansson.h>

#include "app/context.h"

/* {"tiles":[{"key","title","count","tone":"danger|warning|info","link"}], "lists":{…}}: an officer his
 * cases' deadlines (red overdue, yellow within the warning days) and lists.deadlines (the most urgent
 * five: {case_no, number, doc_no?, party, stage, deadline, due, days_left, colour}); an agency head the approvals waiting for him; a legal reviewer the cases at 法制审核; a
 * supervisor new and open alerts, overdue and to-do orders and leads; a leader his region's cases,
 * decisions and fines this year and open alerts. A tile is offered only when the user may open the
 * page it links to; every count is of his data scope. */
int app_workbench(const AppContext *cx, json_t **out, ZfError *err);

#endif
