/* See demo_reviews.h. The score sheets are a fixed table taken in turn, so the demo's grades are
 * the same on every machine for the same cases: some excellent, some good, one 一票否决. */
#include "app/demo_reviews.h"

#include <string.h>

#include "app/reviews.h"
#include "store/identity.h"

typedef struct {
    const char *item;
    double points;
    const char *reason;
} DemoDeduction;

/* Sheets taken in turn by the tasks; {NULL} ends a sheet. */
static const DemoDeduction SHEETS[][4] = {
    {{"procedure.5.b", 2, "处罚决定书送达回证显示送达晚于作出决定后第七个工作日"}, {"documents.2.c", 1, "送达回证缺少受送达人签收日期"}, {NULL, 0, NULL}},
    {{"procedure.5.b", 2, "决定书送达超过七日"}, {NULL, 0, NULL}},
    {{"evidence.1.b", 4, "缺少违法所得计算的原始凭证"}, {"discretion.1.b", 2, "未说明从轻处罚的理由"}, {"archive.2.a", 1, "卷内目录缺失"}, {NULL, 0, NULL}},
    {{"evidence.1.b", 3, "现场照片未注明拍摄时间地点"}, {"discretion.1.b", 2, "裁量理由未写明"}, {NULL, 0, NULL}},
    {{"procedure.3.a", 3, "罚款金额达到重大执法决定标准，卷内无法制审核意见"}, {"documents.1.a", 2, "决定书未写明履行期限"}, {NULL, 0, NULL}},
    {{"procedure.3.a", 3, "重大执法决定未经法制审核"}, {NULL, 0, NULL}},
    {{NULL, 0, NULL}},
    {{"archive.2.a", 1, "未按顺序装订"}, {NULL, 0, NULL}},
};
#define N_SHEETS (sizeof SHEETS / sizeof *SHEETS)

static json_t *sheet_json(size_t i)
{
    json_t *a = json_array();
    for (const DemoDeduction *d = SHEETS[i % N_SHEETS]; d->item; d++)
        json_array_append_new(a, json_pack("{s:s, s:f, s:s}", "item", d->item, "points", d->points, "reason", d->reason));
    return a;
}

/* regions name the 司法局 that issues the 评查结果通报 */
static int context_of(Store *st, const Calendar *cal, const Regions *regions, zf_day today, const char *username,
                      AuthUser *u, AppContext *cx, ZfError *err)
{
    if (store_user_by_name(st, username, u, NULL, err) != ZF_OK) return ZF_ERR;
    *cx = (AppContext){st, cal, today, u, {0}, regions};
    scope_for_user(&cx->scope, u->role, u->agency, u->region, u->agency_region);
    return ZF_OK;
}

/* A plan created, sampled and assigned; *id its id. */
static int launch(const AppContext *sup, const char *name, const char *from, const char *to, int per_agency, long long seed,
                  long long *id, ZfError *err)
{
    json_t *in = json_pack("{s:s, s:s, s:s, s:[s], s:[], s:i, s:s, s:I, s:[s, s]}", "name", name, "period_from", from, "period_to",
                           to, "kinds", "penalty", "agencies", "per_agency", per_agency, "standard", "penalty_v1", "seed",
                           (json_int_t)seed, "reviewers", "supervisor", "expert");
    json_t *plan = NULL, *out = NULL;
    int rc = app_review_plan_create(sup, in, &plan, err);
    json_decref(in);
    if (rc == ZF_OK) *id = json_integer_value(json_object_get(plan, "id"));
    json_decref(plan);
    if (rc == ZF_OK) rc = app_review_plan_sample(sup, *id, true, &out, err);
    json_decref(out);
    out = NULL;
    if (rc == ZF_OK) rc = app_review_plan_assign(sup, *id, NULL, &out, err);
    json_decref(out);
    return rc;
}

/* The user's tasks of the plan, each scored with the next sheet and submitted. */
static int score_all(const AppContext *cx, long long plan, size_t *turn, ZfError *err)
{
    json_t *mine, *t;
    size_t i;
    if (app_review_tasks_mine(cx, NULL, 1, 200, &mine, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    json_array_foreach(json_object_get(mine, "items"), i, t) {
        if (json_integer_value(json_object_get(t, "plan")) != plan) continue;
        json_t *sheet = sheet_json((*turn)++), *out = NULL;
        rc = app_review_task_put(cx, json_integer_value(json_object_get(t, "id")), sheet, true, &out, err);
        json_decref(sheet);
        json_decref(out);
        if (rc != ZF_OK) break;
    }
    json_decref(mine);
    return rc;
}

int demo_reviews_load(Store *st, const Calendar *cal, const Regions *regions, zf_day today, int *plans, ZfError *err)
{
    AuthUser su, eu;
    AppContext sup, exp;
    char to[ZF_DATE_LEN];
    date_format(today, to);
    long long done_id = 0, open_id = 0;
    size_t turn = 0, other = 1;
    json_t *out = NULL;
    *plans = 0;
    int rc = context_of(st, cal, regions, today, "supervisor", &su, &sup, err);
    if (rc == ZF_OK) rc = context_of(st, cal, regions, today, "expert", &eu, &exp, err);
    if (rc == ZF_OK) rc = launch(&sup, "行政处罚案卷评查（第一批）", "2025-01-01", to, 4, 20260301, &done_id, err);
    if (rc == ZF_OK) rc = score_all(&sup, done_id, &turn, err);
    if (rc == ZF_OK) rc = score_all(&exp, done_id, &other, err);
    if (rc == ZF_OK) rc = app_review_plan_publish(&sup, done_id, &out, err);
    json_decref(out);
    if (rc == ZF_OK) (*plans)++;
    if (rc == ZF_OK) rc = launch(&sup, "行政处罚案卷评查（第二批）", "2026-01-01", to, 3, 20261001, &open_id, err);
    if (rc == ZF_OK) rc = score_all(&sup, open_id, &turn, err); /* the expert's half is still to do */
    if (rc == ZF_OK) (*plans)++;
    return rc;
}
