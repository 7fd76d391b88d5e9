/* See demo_documents.h. */
#include "app/demo_documents.h"

#include <string.h>

#include "app/documents.h"
#include "store/workflow.h"

#define DEMO_SHOWCASE "线索-113702021588139920-12"

static int collect(const json_t *row, void *ctx)
{
    json_array_append(ctx, json_object_get(row, "case_no"));
    return 0;
}

int demo_documents_issue(const AppContext *cx, int *issued, ZfError *err)
{
    json_t *case_nos = json_array(), *no;
    size_t i;
    *issued = 0;
    /* collected first: issuing writes, and the walk holds a statement open */
    if (store_workflow_foreach(cx->store, collect, case_nos, err) != ZF_OK) return json_decref(case_nos), ZF_ERR;
    json_array_foreach(case_nos, i, no) {
        json_t *rec;
        ZfError why;
        if (app_document_load_case(cx, json_string_value(no), &rec, &why) != ZF_OK) continue;
        bool decided = json_object_get(rec, "decision") != NULL;
        json_decref(rec);
        int n = 0;
        DocumentInfo info;
        const char *case_no = json_string_value(no);
        /* the showcase (its party's name has 龘) gets every document its record calls for; the others
         * their 决定书: each issue fsyncs its file and its commit, and every test starts from the demo */
        if (decided && strcmp(case_no, DEMO_SHOWCASE) == 0) app_documents_due(cx, case_no, &n);
        else if (decided && app_document_issue_case(cx, case_no, "decision", NULL, &info, &why) == ZF_OK) n = 1;
        *issued += n;
    }
    json_decref(case_nos);
    return ZF_OK;
}
