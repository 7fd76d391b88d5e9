/* zhifa sweep [--as-of DATE]: recomputes and stores every finding (what the server does daily). */
#include <stdio.h>

#include "cmd/cmd.h"
#include "app/messages.h"
#include "app/sweep.h"

static int run_sweep(const GlobalOpts *g, int argc, char **argv);

const Command cmd_sweep = {
    "sweep", "重新检查全部记录并保存预警（新增、持续、已消除）",
    "用法：zhifa --db FILE sweep [--as-of YYYY-MM-DD]\n\n"
    "按监督规则检查全部记录，把发现写入预警库：新发现的记为新增，\n"
    "不再出现的记为已消除。服务运行时每天和数据变化后会自动执行。\n"
    "输出：{\"as_of\",\"subjects\",\"findings\",\"new\",\"resolved\",\"ms\"}\n",
    run_sweep};

int cmd_print_sweep(const SweepResult *r)
{
    char as_of[ZF_DATE_LEN];
    date_format(r->as_of, as_of);
    return printf("{\"as_of\": \"%s\", \"config_version\": %d, \"subjects\": %lld, \"findings\": %lld, "
                  "\"new\": %lld, \"resolved\": %lld, \"ms\": %lld}\n",
                  as_of, r->config_version, r->subjects, r->findings, r->new_count, r->resolved,
                  (long long)(r->micros / 1000));
}

int cmd_run_sweep(Store *st, zf_day as_of, SweepResult *out)
{
    Calendar *cal;
    ZfError err;
    if (cmd_load_calendar(&cal) != ZF_OK) return ZF_ERR;
    int rc = sweep_run(st, cal, as_of, out, &err);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: 检查失败：%s\n", err.message);
    /* the day's reminders (deadlines near, certificates ending) with the sweep, as the server does */
    AppContext cx = {st, cal, as_of, NULL, {0}, NULL};
    MessageJobSummary sum;
    if (rc == ZF_OK && (rc = app_messages_daily(&cx, &sum, &err)) != ZF_OK)
        fprintf(stderr, "zhifa: 消息提醒失败：%s\n", err.message);
    calendar_free(cal);
    return rc;
}

static int run_sweep(const GlobalOpts *g, int argc, char **argv)
{
    const char *as_of_s = NULL;
    Flag flags[] = {{"--as-of", &as_of_s, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_sweep, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    zf_day as_of = date_today_china();
    if (as_of_s && !date_parse(as_of_s, &as_of))
        return cmd_usage_error(&cmd_sweep, "--as-of 应为真实存在的日期 YYYY-MM-DD：%s", as_of_s);
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    SweepResult r;
    int rc = cmd_run_sweep(st, as_of, &r);
    if (rc == ZF_OK) cmd_print_sweep(&r);
    store_close(st);
    return rc == ZF_OK ? 0 : 1;
}
