/* zhifa escalate [--as-of DATE]: escalates approval tasks left unsigned too long (what the
 * server does daily); --as-of runs it as of another day, for tests and catch-up. */
#include <stdio.h>

#include "cmd/cmd.h"
#include "app/escalate.h"

static int run_escalate(const GlobalOpts *g, int argc, char **argv);

const Command cmd_escalate = {
    "escalate", "审批超时上报：超过规定工作日未审批的事项上报上一级",
    "用法：zhifa --db FILE escalate [--as-of YYYY-MM-DD]\n\n"
    "检查全部待审批事项：自提请之日起超过审批分级（approval_policy）规定的工作日仍未签署的，\n"
    "所需审批层级提高一级，案件办理记录中记一条“上报上一级”。服务运行时每天自动执行。\n"
    "输出：{\"as_of\",\"tasks\",\"escalated\"}\n",
    run_escalate};

static int run_escalate(const GlobalOpts *g, int argc, char **argv)
{
    const char *as_of_s = NULL;
    Flag flags[] = {{"--as-of", &as_of_s, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_escalate, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    zf_day as_of = date_today_china();
    if (as_of_s && !date_parse(as_of_s, &as_of))
        return cmd_usage_error(&cmd_escalate, "--as-of 应为真实存在的日期 YYYY-MM-DD：%s", as_of_s);
    Store *st;
    Calendar *cal;
    if (cmd_load_calendar(&cal) != ZF_OK) return 1;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) {
        calendar_free(cal);
        return 1;
    }
    EscalateResult r;
    ZfError err;
    int rc = escalate_run(st, cal, as_of, &r, &err);
    if (rc == ZF_OK) {
        char d[ZF_DATE_LEN];
        date_format(r.as_of, d);
        printf("{\"as_of\": \"%s\", \"tasks\": %lld, \"escalated\": %lld}\n", d, r.tasks, r.escalated);
    } else {
        fprintf(stderr, "zhifa: 审批超时上报失败：%s\n", err.message);
    }
    store_close(st);
    calendar_free(cal);
    return rc == ZF_OK ? 0 : 1;
}
