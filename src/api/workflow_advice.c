/* POST /api/v1/workflow/cases/{case_no}/discretion: the 裁量建议 for facts the officer ticks,
 * before any step records them (app/workflow_discretion.h computes it). */
#include "api/api.h"
#include "app/workflow_discretion.h"
#include "app/workflow_state.h"

int api_workflow_case_discretion(HttpRequest *req)
{
    json_t *body = http_body_json(req);
    if (!body) return 0;
    json_t *row, *rec;
    CaseState cs;
    DiscretionFacts facts;
    DiscretionAdvice a;
    ZfError err;
    int rc;
    if (wf_case_load(req->store, req->auth, http_param(req, "case_no"), &row, &rec, &err) != ZF_OK) {
        json_decref(body);
        return http_reply_zferror(req, &err);
    }
    if (wf_discretion_facts_parse(body, &facts, &err) != ZF_OK || wf_state_build(req->store, rec, row, &cs, &err) != ZF_OK ||
        discretion_recommend(cs.tiers, cs.tier_count, &facts, &a, &err) != ZF_OK)
        rc = http_reply_zferror(req, &err);
    else
        rc = http_reply_json(req, 200, wf_discretion_advice_json(&cs, &a));
    json_decref(body);
    json_decref(row);
    json_decref(rec);
    return rc;
}
