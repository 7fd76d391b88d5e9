/* What a case's timeline (办理记录) records, by code, with its Chinese name: the workflow's own
 * steps (workflow_action_name) and the entries written beside them — 登记线索, 登记办理信息, 退回,
 * 会签, 加签, 超时上报, 上传附件, 公示 and its withdrawal. Pure: a table and its lookups. */
#ifndef ZF_WORKFLOW_TIMELINE_H
#define ZF_WORKFLOW_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

/* The entry's name, or NULL for a code no writer uses. */
const char *timeline_action_name(const char *code);
/* The i-th entry (steps first), false past the last: for GET /dicts. */
bool timeline_action_at(size_t i, const char **code, const char **name);

#endif
