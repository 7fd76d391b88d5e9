/* The demo's supervision orders (init --demo): one in every state, dated back from today by
 * working days and made oldest first (so their 文号 follow their dates), taken through the same services a supervisor and an agency head use, then the
 * daily reminder run — so one order is overdue and escalated. Linked to the demo agency's open
 * findings, so the alert board shows their badges. */
#include "app/demo_orders.h"

#include <string.h>

#include "app/orders.h"
#include "domain/rules/rules.h"
#include "domain/orders.h"
#include "store/findings.h"
#include "store/orders.h"

#define DEMO_AGENCY "113702021588139920" /* 青岛市市南区市场监督管理局 */
#define DEMO_REGION "370200"             /* 青岛市：陈监督 */

typedef struct {
    const char *kind;
    int start_wd_ago;   /* drafted (and issued) this many working days before today */
    int deadline_wd;
    const char *steps;  /* acts after drafting, one working day apart */
    int findings;       /* how many of the agency's open findings it concerns */
    const char *problem, *measures, *law, *article;
} DemoOrder;

static const DemoOrder ORDERS[] = {
    {"opinion", 20, 15, "issue receive respond return respond accept", 1, "执法全过程记录不完整，现场检查缺少音像记录",
     "完善执法记录仪使用制度，补充案卷记录", "《行政处罚法》", "第四十七条"},
    {"supervise", 20, 10, "issue receive", 0, "对群众投诉反映的无证经营问题未及时立案查处", "依法立案调查并反馈处理结果",
     "《行政处罚法》", "第五十四条"},
    {"supervise", 12, 15, "issue receive respond return", 0, "行政处罚决定未按规定公示", "依法公示，建立公示台账",
     "《行政处罚法》", "第四十八条"},
    {"consult", 9, 10, "issue receive", 0, "部分案件罚款数额处于裁量基准上限，请说明裁量理由", "逐案说明裁量情节与依据",
     "《行政处罚法》", "第三十四条"},
    {"supervise", 8, 15, "issue receive respond", 1, "案件未按规定进行法制审核即作出决定", "补正法制审核程序，完善审核台账",
     "《行政处罚法》", "第五十八条"},
    {"supervise", 3, 15, "issue", 0, "行政处罚决定书未在法定期限内送达当事人", "立即送达，并对送达程序开展自查",
     "《行政处罚法》", "第六十一条"},
    {"supervise", 0, 15, "", 2, "两起案件立案后超过法定期限未作出处理决定", "逐案查明超期原因，依法作出处理决定并报送结果",
     "《行政处罚法》", "第六十条"},
};

static zf_day workdays_before(const Calendar *cal, zf_day d, int n)
{
    while (n > 0)
        if (calendar_is_workday(cal, --d)) n--;
    return d;
}

static const char *const NOTES[] = {
    [ORDER_RESPOND] = "已对照问题逐项整改，相关案件已补正并附证明材料",
    [ORDER_RETURN] = "整改材料不完整，未附案件补正后的文书，请补充后重新报送",
    [ORDER_ACCEPT] = "经核查整改到位",
};

/* The acts of one order, each on the next working day, by the side that takes it. */
static int take_steps(AppContext *sup, AppContext *head, const DemoOrder *d, long long id, zf_day on, ZfError *err)
{
    char steps[128], *save, date[ZF_DATE_LEN];
    strncpy(steps, d->steps, sizeof steps - 1);
    steps[sizeof steps - 1] = '\0';
    for (char *s = strtok_r(steps, " ", &save); s; s = strtok_r(NULL, " ", &save), on = add_wd(sup->calendar, on, 1)) {
        OrderAction a;
        json_t *order;
        if (order_action_by_code(s, &a) != ZF_OK) return zf_fail(err, 500, "internal", NULL, "演示监督文书步骤有误");
        AppContext *cx = a == ORDER_RECEIVE || a == ORDER_RESPOND ? head : sup;
        cx->today = on;
        date_format(on, date);
        OrderActInput in = {s, NOTES[a], a == ORDER_RETURN ? 10 : a == ORDER_ISSUE ? d->deadline_wd : 0, date, NULL};
        if (app_order_act(cx, id, &in, &order, err) != ZF_OK) return ZF_ERR;
        json_decref(order);
    }
    return ZF_OK;
}

/* The agency's open case findings under the v1 catalogue: the orders' texts were written for
 * them, and the v2 findings of the same cases (P21–P23, C02) would shift every order's cases. */
static int open_findings(Store *st, json_t **items, ZfError *err)
{
    FindingFilter f = {.status = "open", .agency = DEMO_AGENCY, .subject_type = "case"};
    json_t *out, *item;
    size_t i;
    if (store_findings_list(st, &f, 1, 100, &out, err) != ZF_OK) return ZF_ERR;
    *items = json_array();
    json_array_foreach(json_object_get(out, "items"), i, item) {
        const char *rule = json_string_value(json_object_get(item, "rule"));
        if (rule && strlen(rule) == 3 && strstr(RULES_V1_LIST, rule)) json_array_append(*items, item);
    }
    json_decref(out);
    return ZF_OK;
}

static int demo_order(AppContext *sup, AppContext *head, const DemoOrder *d, json_t *findings, size_t *next,
                      ZfError *err)
{
    json_t *ids = json_array(), *cases = json_array(), *order;
    for (int i = 0; i < d->findings && *next < json_array_size(findings); i++, (*next)++) {
        json_t *f = json_array_get(findings, *next);
        json_array_append(ids, json_object_get(f, "id"));
        json_array_append(cases, json_object_get(f, "subject"));
    }
    json_t *basis = json_pack("[{s:s, s:s}]", "law", d->law, "article", d->article);
    zf_day start = workdays_before(sup->calendar, sup->today, d->start_wd_ago), today = sup->today;
    sup->today = start;
    OrderDraft in = {d->kind, DEMO_AGENCY, cases, ids, d->problem, basis, d->measures, d->deadline_wd, NULL};
    int rc = app_order_create(sup, &in, &order, err);
    if (rc == ZF_OK) {
        rc = take_steps(sup, head, d, json_integer_value(json_object_get(order, "id")), start, err);
        json_decref(order);
    }
    sup->today = head->today = today;
    json_decref(ids), json_decref(cases), json_decref(basis);
    return rc;
}

int demo_orders_load(Store *st, const Calendar *cal, const Regions *regions, zf_day today, int *loaded, ZfError *err)
{
    AuthUser chen = {.username = "supervisor", .role = "supervisor", .region = DEMO_REGION};
    AuthUser zhang = {.username = "head", .role = "agency_head", .agency = DEMO_AGENCY};
    AppContext sup = {st, cal, today, &chen, {0}, regions}, head = {st, cal, today, &zhang, {0}, regions};
    scope_for_region(&sup.scope, DEMO_REGION);
    scope_for_agency(&head.scope, DEMO_AGENCY);
    json_t *findings, *existing;
    size_t next = 0;
    OrderFilter any = {0};
    *loaded = 0;
    if (store_orders_list(st, &any, 1, 1, &existing, err) != ZF_OK) return ZF_ERR;
    long long held = json_integer_value(json_object_get(existing, "total"));
    json_decref(existing);
    if (held > 0) return ZF_OK; /* init --demo again: the demo's orders are there already */
    if (open_findings(st, &findings, err) != ZF_OK) return ZF_ERR;
    int rc = ZF_OK;
    for (size_t i = 0; rc == ZF_OK && i < sizeof ORDERS / sizeof *ORDERS; i++)
        rc = demo_order(&sup, &head, &ORDERS[i], findings, &next, err);
    json_decref(findings);
    AppContext system = {st, cal, today, NULL, {0}, regions};
    OrderRemindSummary sum;
    if (rc == ZF_OK) rc = app_orders_remind(&system, &sum, err);
    *loaded = (int)(sizeof ORDERS / sizeof *ORDERS);
    return rc;
}
