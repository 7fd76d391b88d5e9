/* GET /api/v1/cases/{case_no}/timeline: the 办理记录 of an online case, read-only, for whoever's
 * scope covers the case's stored agency (the supervisor of its region as much as its own
 * officers). A case not handled online has none: {online:false, items:[]}, not an error. Every
 * read is audited: the notes say who did what to whom. */
#include "api/case_timeline.h"

#include "api/api.h"
#include "api/case_scope.h"
#include "domain/workflow/timeline.h"
#include "domain/workflow/workflow.h"
#include "http/auth.h"
#include "store/workflow.h"

static json_t *stage_name(const json_t *code)
{
    WfStage s;
    return workflow_stage_by_code(json_string_value(code), &s) == ZF_OK ? json_string(workflow_stage_name(s))
                                                                        : json_null();
}

void api_timeline_name(json_t *items)
{
    size_t i;
    json_t *t;
    json_array_foreach(items, i, t) {
        const char *name = timeline_action_name(json_string_value(json_object_get(t, "action")));
        json_object_set_new(t, "action_name", name ? json_string(name) : json_null());
        json_object_set_new(t, "from_stage_name", stage_name(json_object_get(t, "from_stage")));
        json_object_set_new(t, "to_stage_name", stage_name(json_object_get(t, "to_stage")));
    }
}

/* {online, stage, stage_name, items}: the stage it stands at, for the page's heading. */
static int timeline_of(HttpRequest *req, const char *case_no, json_t **out, ZfError *err)
{
    json_t *row, *items;
    if (store_workflow_get(req->store, case_no, &row, err) != ZF_OK) {
        if (err->status != 404) return ZF_ERR;
        *out = json_pack("{s:b, s:[]}", "online", 0, "items");
        return ZF_OK;
    }
    if (store_workflow_timeline(req->store, case_no, &items, err) != ZF_OK) {
        json_decref(row);
        return ZF_ERR;
    }
    api_timeline_name(items);
    json_t *stage = json_object_get(row, "stage");
    *out = json_pack("{s:b, s:O, s:o, s:o}", "online", 1, "stage", stage, "stage_name", stage_name(stage), "items",
                     items);
    json_decref(row);
    return ZF_OK;
}

int api_case_timeline(HttpRequest *req)
{
    const char *case_no = http_param(req, "case_no");
    json_t *out;
    ZfError err;
    if (api_case_visible(req, case_no, NULL, &err) != ZF_OK || timeline_of(req, case_no, &out, &err) != ZF_OK)
        return http_reply_zferror(req, &err);
    auth_audit(req, "timeline_read", case_no, "ok", "办理记录");
    return http_reply_json(req, 200, out);
}
