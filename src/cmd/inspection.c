/* zhifa inspection verify --plan ID: recomputes a 双随机 plan's draw from the seed and the population
 * it recorded, and compares it with the recorded items and with the plan's inspection.draw event in
 * the ledger (docs/inspections.md). Exit 0 only when everything matches. Reads only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/inspections.h"
#include "cmd/cmd.h"

static int run_inspection(const GlobalOpts *g, int argc, char **argv);

const Command cmd_inspection = {
    "inspection", "双随机抽查：按计划记录的随机种子与名录重新计算抽取结果并核对",
    "用法：zhifa --db FILE inspection verify --plan ID\n\n"
    "按抽查计划记录的随机种子、抽取规则与抽取时的检查对象和检查人员名录重新抽取（算法见\n"
    "docs/inspections.md：SM3(种子‖计数器) 随机数、按信用风险分类分层、部分 Fisher–Yates 洗牌、\n"
    "回避与均衡匹配检查人员），与计划记录的抽取结果及存证中的抽取记录逐项比对。\n"
    "全部一致时退出码为 0；否则为 1，并在标准错误输出写明不一致之处。\n",
    run_inspection};

static int run_inspection(const GlobalOpts *g, int argc, char **argv)
{
    const char *plan_s = NULL, *sub = NULL;
    Flag flags[] = {{"--plan", &plan_s, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_inspection, argc, argv, flags, &sub, 1) != ZF_OK) return EXIT_USAGE;
    if (!sub || strcmp(sub, "verify") != 0) return cmd_usage_error(&cmd_inspection, "请指定子命令 verify");
    char *end;
    long long id = plan_s ? strtoll(plan_s, &end, 10) : 0;
    if (!plan_s || *end || id <= 0) return cmd_usage_error(&cmd_inspection, "--plan 应为抽查计划编号（正整数）");
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    json_t *problems = NULL, *p;
    ZfError err;
    size_t i;
    int rc = app_insp_plan_verify(st, id, &problems, &err);
    store_close(st);
    if (rc != ZF_OK) {
        fprintf(stderr, "zhifa: 核对失败：%s\n", err.message);
        return 1;
    }
    json_array_foreach(problems, i, p) fprintf(stderr, "不一致：%s\n", json_string_value(p));
    int bad = json_array_size(problems) > 0;
    json_decref(problems);
    if (!bad) printf("一致：抽查计划 %lld 的抽取结果可由记录的随机种子与名录重新计算得到，并与存证一致\n", id);
    return bad ? 1 : 0;
}
