/* The online cases of one agency by case type (检查任务, 强制措施, 许可办理), store side. */
#ifndef ZF_STORE_WORKFLOW_KINDS_H
#define ZF_STORE_WORKFLOW_KINDS_H

#include <jansson.h>

#include "store/store.h"

/* Rows of one agency whose case_type is one of types (NULL-terminated), newest first, shaped as
 * store_workflow_list's items (with "record"): {"items","total","page","size"}. */
int store_workflow_list_types(Store *st, const char *agency, const char *const *types, int page, int size,
                              json_t **out, ZfError *err);

#endif
