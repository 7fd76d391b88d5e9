/* The demo's leads (init --demo): one from each busy channel, at the stages a newcomer should see —
 * a 12345 work order dispatched to the demo agency (双派单) and waiting for its answer, a public
 * complaint waiting for triage, a 信访 lead answered and waiting for verification, and a
 * reconsideration finding; dated from today, taken through the same services as the console. */
#include "app/demo_leads.h"

#include <stdio.h>

#include "app/leads.h"
#include "store/leads.h"

#define DEMO_AGENCY "113702021588139920" /* 青岛市市南区市场监督管理局 */
#define DEMO_REGION "370200"

static int act(AppContext *cx, long long id, const char *action, const char *note, ZfError *err)
{
    LeadActInput in = {.action = action, .note = note};
    json_t *lead;
    if (app_lead_act(cx, id, &in, &lead, err) != ZF_OK) return ZF_ERR;
    json_decref(lead);
    return ZF_OK;
}

static int make(AppContext *sys, const LeadInput *in, long long *id, ZfError *err)
{
    json_t *lead;
    if (app_lead_create(sys, in, &lead, err) != ZF_OK) return ZF_ERR;
    *id = json_integer_value(json_object_get(lead, "id"));
    json_decref(lead);
    return ZF_OK;
}

int demo_leads_load(Store *st, const Calendar *cal, zf_day today, int *loaded, ZfError *err)
{
    AuthUser chen = {.username = "supervisor", .role = "supervisor", .region = DEMO_REGION};
    AuthUser zhang = {.username = "head", .role = "agency_head", .agency = DEMO_AGENCY};
    AppContext sys = {st, cal, today, NULL, {0}, NULL}, sup = {st, cal, today, &chen, {0}, NULL},
               head = {st, cal, today, &zhang, {0}, NULL};
    scope_for_region(&sup.scope, DEMO_REGION);
    scope_for_agency(&head.scope, DEMO_AGENCY);
    long long any = 0, id;
    *loaded = 0;
    if (store_lead_by_ref(st, "hotline_12345", "GD2026051200017", &any, err) != ZF_OK) return ZF_ERR;
    if (any) return ZF_OK; /* init --demo again */
    const LeadInput hotline = {"hotline_12345", "GD2026051200017", NULL, "市民来电反映：香港中路某餐饮店后厨卫生条件差，"
                               "多次投诉未见处理，请求执法部门依法查处", "食品安全", NULL, DEMO_AGENCY, NULL,
                               "香港中路", "李女士", "13900001111", true};
    const LeadInput complaint = {"complaint", NULL, NULL, "在某药店购买的药品超过有效期，向执法机关反映后无人回复",
                                 "药品安全", NULL, DEMO_AGENCY, NULL, "燕儿岛路", "匿名", NULL, false};
    const LeadInput petition = {"petition", NULL, NULL, "反映执法人员现场检查未出示执法证件，程序不规范", "执法程序",
                                NULL, DEMO_AGENCY, NULL, NULL, "赵先生", "13700002222", false};
    const LeadInput review = {"reconsideration", NULL, NULL, "行政复议中发现：罚款决定未告知当事人陈述申辩权利，"
                              "复议机关决定撤销", "执法程序", NULL, DEMO_AGENCY, NULL, NULL, NULL, NULL, false};
    int rc = make(&sys, &hotline, &id, err);
    if (rc == ZF_OK) rc = make(&sys, &complaint, &id, err);
    if (rc == ZF_OK) rc = make(&sup, &petition, &id, err);
    if (rc == ZF_OK) rc = act(&sup, id, "accept", NULL, err);
    if (rc == ZF_OK) rc = act(&sup, id, "dispatch", NULL, err);
    if (rc == ZF_OK) rc = act(&head, id, "answer", "经核查，当日检查人员已出示执法证，已向当事人说明并致歉", err);
    if (rc == ZF_OK) rc = make(&sys, &review, &id, err);
    *loaded = 4;
    return rc;
}
