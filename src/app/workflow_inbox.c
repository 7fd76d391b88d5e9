/* See workflow_inbox.h. The stage tasks are not rows of their own: a case standing at 法制审核 or
 * 集体讨论 is the task, so the queue cannot drift from the case. */
#include "app/workflow_inbox.h"

#include <stdio.h>
#include <string.h>

#include "app/workflow_approver.h"
#include "app/workflow_state.h"
#include "store/workflow.h"

static const struct {
    const char *type, *name, *stage, *role, *action_name;
} STAGE_TASKS[] = {
    {"legal_review", "法制审核", "legal_review", "legal_reviewer", "法制审核"},
    {"collective", "集体讨论", "collective_discussion", "agency_head", "集体讨论决定"},
};

const char *wf_inbox_type_name(const char *type)
{
    if (type && strcmp(type, "approval") == 0) return "审批";
    for (size_t i = 0; type && i < sizeof STAGE_TASKS / sizeof *STAGE_TASKS; i++)
        if (strcmp(STAGE_TASKS[i].type, type) == 0) return STAGE_TASKS[i].name;
    return NULL;
}

static json_t *measure_names(const json_t *measures)
{
    json_t *names = json_array();
    size_t i;
    json_t *m;
    json_array_foreach(measures, i, m) {
        const char *name = case_measure_name(json_string_value(m));
        json_array_append_new(names, json_string(name ? name : "其他"));
    }
    return names;
}

/* The penalty being signed: the decision once made (结案), else the proposal of the workflow row. */
static json_t *penalty_of(const json_t *rec, const json_t *row)
{
    const json_t *from = json_object_get(rec, "decision");
    if (!json_is_object(from)) from = json_object_get(json_object_get(row, "state"), "proposal");
    if (!json_is_object(from)) return json_null();
    json_t *p = json_object();
    static const char *const keys[] = {"measures", "fine", "confiscated", "tier", "reduced"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (json_object_get(from, keys[i])) json_object_set(p, keys[i], json_object_get(from, keys[i]));
    json_object_set_new(p, "measure_names", measure_names(json_object_get(from, "measures")));
    return p;
}

static void add_facts(json_t *item, const json_t *rec, const json_t *row)
{
    /* the case's other numbers (docs/case-record.md): the inbox titles a case by its 案件编号 */
    const json_t *filing_no = json_object_get(rec, "filing_no");
    const json_t *doc_no = json_object_get(json_object_get(rec, "decision"), "doc_no");
    json_object_set_new(item, "filing_no", json_is_string(filing_no) ? json_copy((json_t *)filing_no) : json_null());
    json_object_set_new(item, "doc_no", json_is_string(doc_no) ? json_copy((json_t *)doc_no) : json_null());
    json_object_set_new(item, "proposal", penalty_of(rec, row));
    json_object_set_new(item, "major", json_boolean(json_is_true(json_object_get(rec, "major"))));
    json_object_set_new(item, "complex", json_boolean(json_is_true(json_object_get(rec, "complex"))));
}

void wf_inbox_case_facts(Store *st, const char *case_no, json_t *item)
{
    json_t *row = NULL;
    ZfError err;
    if (store_workflow_get(st, case_no, &row, &err) != ZF_OK) return;
    json_t *rec = wf_stored_record(st, REC_CASE, case_no);
    add_facts(item, rec, row);
    json_decref(rec);
    json_decref(row);
}

/* One case waiting at the stage as an inbox item; `action` is the step that records its result:
 * the reviewer's passing review moves a major or complex case to 集体讨论 (57), any other to 决定. */
static json_t *stage_item(size_t k, const json_t *row)
{
    const json_t *rec = json_object_get(row, "record");
    const char *case_no = json_string_value(json_object_get(row, "case_no"));
    bool collective = json_is_true(json_object_get(rec, "major")) || json_is_true(json_object_get(rec, "complex"));
    const char *action = k == 0 && collective ? "submit_collective_discussion" : "submit_decision";
    WfAction a;
    workflow_action_by_code(action, &a);
    const char *updated = json_string_value(json_object_get(row, "updated_at"));
    char on[ZF_DATE_LEN] = "";
    if (updated) snprintf(on, sizeof on, "%.10s", updated);
    char id[160];
    snprintf(id, sizeof id, "%s:%s", STAGE_TASKS[k].type, case_no ? case_no : "");
    json_t *item = json_pack("{s:s, s:s, s:s, s:s, s:O, s:s, s:s, s:s, s:s, s:O, s:s, s:n}", "id", id, "type", STAGE_TASKS[k].type, "type_name", STAGE_TASKS[k].name, "case_no",
                             case_no, "party", json_object_get(json_object_get(rec, "party"), "name"), "action", action,
                             "action_name", STAGE_TASKS[k].action_name, "next_action_name", workflow_action_name(a),
                             "stage", STAGE_TASKS[k].stage, "requested_by", json_object_get(row, "created_by"),
                             "requested_on", on, "due_on");
    json_object_set_new(item, "stage_name", json_string(k == 0 ? "法制审核" : "集体讨论"));
    json_object_set(item, "legal_review", json_object_get(rec, "legal_review") ? json_object_get(rec, "legal_review")
                                                                               : json_null());
    add_facts(item, rec, row);
    return item;
}

int wf_inbox_stage_tasks(Store *st, const AuthUser *u, int skip, int take, json_t *items, int *total, ZfError *err)
{
    *total = 0;
    for (size_t k = 0; u && u->agency[0] && k < sizeof STAGE_TASKS / sizeof *STAGE_TASKS; k++) {
        if (strcmp(u->role, STAGE_TASKS[k].role) != 0) continue;
        json_t *out;
        int want = skip + take > 0 ? skip + take : 1;
        if (store_workflow_list(st, u->agency, NULL, STAGE_TASKS[k].stage, 1, want, &out, err) != ZF_OK) return ZF_ERR;
        size_t i;
        json_t *row;
        json_array_foreach(json_object_get(out, "items"), i, row) {
            if ((int)i >= skip && (int)i < skip + take) json_array_append_new(items, stage_item(k, row));
        }
        *total += (int)json_integer_value(json_object_get(out, "total"));
        json_decref(out);
    }
    return ZF_OK;
}
