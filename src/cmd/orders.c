/* zhifa orders remind [--as-of DATE]: the supervision orders' daily run (what the server does each
 * day) — reminders when a period turns yellow or red, escalations when an order stays overdue. */
#include <stdio.h>
#include <string.h>

#include "app/orders.h"
#include "cmd/cmd.h"

static int run_orders(const GlobalOpts *g, int argc, char **argv);

const Command cmd_orders = {
    "orders", "监督文书：临期、逾期提醒与逾期升级",
    "用法：zhifa --db FILE orders remind [--as-of YYYY-MM-DD]\n\n"
    "检查全部未办结的监督文书（督办通知书、问诊单、意见书）：反馈期限临近（order_warn_wd 个工作日内）\n"
    "或已逾期的，记一条提醒；逾期超过 order_escalate_first_wd 个工作日的通报上级行政执法监督机构，\n"
    "再超过 order_escalate_second_wd 个工作日的记录“提请同级人民政府处理”。服务运行时每天自动执行。\n"
    "输出：{\"as_of\",\"reminded\",\"escalated\",\"referred\"}\n",
    run_orders};

static int run_orders(const GlobalOpts *g, int argc, char **argv)
{
    const char *as_of_s = NULL, *sub = NULL;
    Flag flags[] = {{"--as-of", &as_of_s, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_orders, argc, argv, flags, &sub, 1) != ZF_OK) return EXIT_USAGE;
    if (!sub || strcmp(sub, "remind") != 0) return cmd_usage_error(&cmd_orders, "请指定子命令 remind");
    zf_day as_of = date_today_china();
    if (as_of_s && !date_parse(as_of_s, &as_of))
        return cmd_usage_error(&cmd_orders, "--as-of 应为真实存在的日期 YYYY-MM-DD：%s", as_of_s);
    Store *st;
    Calendar *cal;
    Regions *regions = NULL;
    if (cmd_load_calendar(&cal) != ZF_OK) return 1;
    if (cmd_load_regions(&regions) != ZF_OK) fputs("zhifa: 无法读取行政区划数据，升级记录不写上级区划名称\n", stderr);
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) {
        calendar_free(cal);
        regions_free(regions);
        return 1;
    }
    AppContext cx = {st, cal, as_of, NULL, {0}, regions};
    OrderRemindSummary sum;
    ZfError err;
    int rc = app_orders_remind(&cx, &sum, &err);
    if (rc == ZF_OK) {
        char d[ZF_DATE_LEN];
        date_format(as_of, d);
        printf("{\"as_of\": \"%s\", \"reminded\": %d, \"escalated\": %d, \"referred\": %d}\n", d, sum.reminded,
               sum.escalated, sum.referred);
    } else {
        fprintf(stderr, "zhifa: 监督文书提醒失败：%s\n", err.message);
    }
    store_close(st);
    calendar_free(cal);
    regions_free(regions);
    return rc == ZF_OK ? 0 : 1;
}
