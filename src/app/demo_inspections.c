/* See demo_inspections.h. The acting users are the demo's own (head of 市南区市场监管局, the
 * supervisor of 青岛市, the participating agencies' officers), built here rather than logged in. */
#include "app/demo_inspections.h"

#include <stdio.h>
#include <string.h>

#include "app/inspections.h"
#include "store/inspections.h"

#define SN "113702021588139920"   /* 青岛市市南区市场监督管理局 */
#define QD "11370200MB12345674"   /* 青岛市市场监督管理局 */
#define SB "11370203869879736T"   /* 青岛市市北区交通运输局 */

static const struct {
    const char *code, *name, *kind, *sector, *level, *tag;
} ENTITIES[] = {
    {"91370202091141705L", "青岛某某食品有限公司", "企业", "食品销售", "C", "重点监管"},
    {"91370202MA3D000016", "青岛海鲜坊餐饮有限公司", "企业", "餐饮服务", "B", ""},
    {"91370202MA3D000029", "青岛湛山面包房", "个体工商户", "食品生产", "B", ""},
    {"91370202MA3D00003C", "青岛中山路超市有限公司", "企业", "食品销售", "A", ""},
    {"91370202MA3D00004F", "青岛八大关茶叶店", "个体工商户", "食品销售", "A", ""},
    {"91370202MA3D00005J", "青岛栈桥小吃城有限公司", "企业", "餐饮服务", "D", "投诉较多"},
    {"91370202MA3D00006M", "青岛香港中路便利店", "个体工商户", "食品销售", "B", ""},
    {"91370202MA3D00007Q", "青岛五四广场咖啡馆", "个体工商户", "餐饮服务", "A", ""},
    {"91370202MA3D00008U", "青岛金湖路粮油店", "个体工商户", "食品销售", "B", ""},
    {"91370202MA3D00009Y", "青岛燕儿岛路食品有限公司", "企业", "食品生产", "C", ""},
};

static AppContext as_user(Store *st, zf_day today, AuthUser *u, const char *username, const char *agency, const char *region)
{
    memset(u, 0, sizeof *u);
    snprintf(u->username, sizeof u->username, "%s", username);
    snprintf(u->agency, sizeof u->agency, "%s", agency ? agency : "");
    snprintf(u->region, sizeof u->region, "%s", region ? region : "");
    AppContext cx = {.store = st, .today = today, .user = u};
    if (agency) scope_for_agency(&cx.scope, agency);
    else scope_for_region(&cx.scope, region);
    return cx;
}

static int directory(const AppContext *cx, ZfError *err)
{
    for (size_t i = 0; i < sizeof ENTITIES / sizeof *ENTITIES; i++) {
        json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "agency", SN, "credit_code", ENTITIES[i].code, "name",
                               ENTITIES[i].name, "kind", ENTITIES[i].kind, "sector", ENTITIES[i].sector, "credit_level",
                               ENTITIES[i].level, "risk_tag", ENTITIES[i].tag, "region", "370202"), *out = NULL;
        int rc = app_insp_entity_save(cx, 0, in, &out, err);
        json_decref(in), json_decref(out);
        if (rc != ZF_OK) return ZF_ERR;
    }
    return ZF_OK;
}

/* A plan by the settings' ratios, drawn, two results recorded, published. */
static int random_plan(const AppContext *cx, zf_day today, ZfError *err)
{
    json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "agency", SN, "name", "2026年度食品经营者双随机抽查（演示）", "matter",
                           "食品经营许可事项及食品安全管理制度检查", "seed", "2026市南食品抽查"),
           *plan = NULL, *drawn = NULL, *out = NULL;
    int rc = app_insp_plan_create(cx, in, &plan, err);
    json_decref(in);
    long long id = json_integer_value(json_object_get(plan, "id"));
    json_decref(plan);
    if (rc == ZF_OK) rc = app_insp_plan_draw(cx, id, &drawn, err);
    char on[ZF_DATE_LEN];
    date_format(today - 3, on);
    static const char *const RESULTS[] = {"未发现问题", "责令改正"};
    for (size_t i = 0; rc == ZF_OK && i < 2 && i < json_array_size(json_object_get(drawn, "items")); i++) {
        json_t *r = json_pack("{s:O, s:s, s:s, s:s}", "entity", json_object_get(json_array_get(json_object_get(drawn, "items"), i), "entity"),
                              "result", RESULTS[i], "inspected_on", on, "note", i ? "食品安全管理制度未上墙，限期改正" : "");
        rc = app_insp_plan_result(cx, id, r, &out, err);
        json_decref(r), json_decref(out);
        out = NULL;
    }
    json_decref(drawn);
    if (rc == ZF_OK) rc = app_insp_plan_publish(cx, id, &out, err);
    json_decref(out);
    return rc;
}

static int joint(Store *st, zf_day today, ZfError *err)
{
    AuthUser sup, u;
    AppContext cx = as_user(st, today, &sup, "supervisor", NULL, "370200");
    json_t *items = json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "agency", SN, "item", "食品经营许可与食品安全管理检查", "agency", QD,
                              "item", "特种设备（冷库、电梯）安全检查", "agency", SB, "item", "道路货物运输车辆检查");
    json_t *cat = json_pack("{s:s, s:s, s:s, s:s, s:O}", "name", "食品生产经营企业综合查一次", "entity_kind", "企业", "sector", "食品生产经营",
                            "basis", "《优化营商环境条例》第五十九条：能够合并进行的检查，应当合并进行", "items", items), *out = NULL;
    int rc = app_joint_catalogue_save(&cx, 0, cat, &out, err);
    json_decref(cat), json_decref(out);
    char on[ZF_DATE_LEN];
    date_format(today - 7, on);
    json_t *plan = json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:s, s:O}", "name", "青岛某某食品有限公司综合查一次（演示）", "entity", "name",
                             "青岛某某食品有限公司", "id_no", "91370202091141705L", "kind", "org", "lead_agency", SN, "planned_on", on, "items", items);
    out = NULL;
    if (rc == ZF_OK) rc = app_joint_plan_create(&cx, plan, &out, err);
    long long id = json_integer_value(json_object_get(out, "id"));
    json_decref(plan), json_decref(out);
    static const char *const RESULT[] = {"未发现问题", "未发现问题", "责令改正"};
    for (size_t i = 0; rc == ZF_OK && i < 3; i++) {
        json_t *it = json_array_get(items, i);
        AppContext ax = as_user(st, today, &u, "demo", json_string_value(json_object_get(it, "agency")), NULL);
        json_t *in = json_pack("{s:[{s:O, s:s, s:s}]}", "items", "item", json_object_get(it, "item"), "result", RESULT[i], "note",
                               i == 2 ? "一辆冷藏车未按期年审" : "");
        out = NULL;
        rc = app_joint_plan_results(&ax, id, in, &out, err);
        json_decref(in), json_decref(out);
    }
    json_decref(items);
    return rc;
}

int demo_inspections_load(Store *st, zf_day today, int *drawn, ZfError *err)
{
    AuthUser head;
    AppContext cx = as_user(st, today, &head, "head", SN, NULL);
    json_t *plans = NULL;
    *drawn = 0;
    if (store_insp_rows(st, INSP_PLAN, NULL, &plans, err) != ZF_OK) return ZF_ERR;
    size_t had = json_array_size(plans);
    json_decref(plans);
    if (had) return ZF_OK; /* loaded by an earlier init --demo */
    if (directory(&cx, err) != ZF_OK || random_plan(&cx, today, err) != ZF_OK) return ZF_ERR;
    *drawn = 1;
    return joint(st, today, err);
}
