/* The demo's 执法文书: every online demo case that reached a decision gets its 决定书, and one of
 * them (青岛龘鑫面粉加工有限公司, closed) every document its record calls for (app_documents_due),
 * as the workflow issues them for a case handled through the API. */
#ifndef ZF_APP_DEMO_DOCUMENTS_H
#define ZF_APP_DEMO_DOCUMENTS_H

#include "app/context.h"

/* *issued: how many documents. */
int demo_documents_issue(const AppContext *cx, int *issued, ZfError *err);

#endif
