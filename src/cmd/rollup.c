/* zhifa rollup rebuild: recomputes the 统计分析 rollups from the base tables (docs/analytics.md).
 * The triggers of migration 050 keep them in every write; the rebuild is for a database restored
 * from elsewhere, a changed report_due_day, or a check that the upkeep holds. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "store/stats.h"

static int run_rollup(const GlobalOpts *g, int argc, char **argv);

const Command cmd_rollup = {
    "rollup", "统计汇总表：从案件、预警、监督文书、评查、按月报送重新计算",
    "用法：zhifa --db FILE rollup rebuild\n\n"
    "清空并重新计算统计分析使用的全部汇总表（一个事务内完成）。汇总表平时随每次写入自动更新，\n"
    "无需定期执行；修改按月报送截止日（report_due_day）后可执行一次以重新判定以往报送是否按时。\n",
    run_rollup};

static int run_rollup(const GlobalOpts *g, int argc, char **argv)
{
    const char *verb = NULL;
    if (cmd_parse_flags(&cmd_rollup, argc, argv, (Flag[]){{NULL, NULL, NULL}}, &verb, 1) != ZF_OK) return EXIT_USAGE;
    if (!verb || strcmp(verb, "rebuild") != 0) return cmd_usage_error(&cmd_rollup, "请指定 rebuild");
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    ZfError err;
    int rc = store_rollup_rebuild(st, &err);
    if (rc == ZF_OK) printf("{\"rebuilt\": true}\n");
    else fprintf(stderr, "zhifa: 重新计算统计汇总表失败：%s\n", err.message);
    store_close(st);
    return rc == ZF_OK ? 0 : 1;
}
