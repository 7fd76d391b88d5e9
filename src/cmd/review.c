/* zhifa review sample --plan ID: re-draws a 案卷评查 plan's sample from its recorded seed and
 * population query, and prints it — the list the plan holds, in the same order, when the cases
 * have not changed (docs/reviews.md). Reads only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/reviews.h"
#include "cmd/cmd.h"

static int run_review(const GlobalOpts *g, int argc, char **argv);

const Command cmd_review = {
    "review", "案卷评查：按评查方案记录的随机种子重新抽取案卷",
    "用法：zhifa --db FILE review sample --plan ID\n\n"
    "按评查方案记录的随机种子、案件范围与抽取规则重新抽取案卷（分层按执法主体代码排序，每层\n"
    "SplitMix64 + 部分 Fisher–Yates 洗牌），每行输出一份：案卷号<TAB>执法主体代码。\n"
    "案件未变时，与方案抽取的清单完全相同（顺序也相同）。零案卷的执法主体写在标准错误输出。\n",
    run_review};

static int run_review(const GlobalOpts *g, int argc, char **argv)
{
    const char *plan_s = NULL, *sub = NULL;
    Flag flags[] = {{"--plan", &plan_s, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_review, argc, argv, flags, &sub, 1) != ZF_OK) return EXIT_USAGE;
    if (!sub || strcmp(sub, "sample") != 0) return cmd_usage_error(&cmd_review, "请指定子命令 sample");
    char *end;
    long long id = plan_s ? strtoll(plan_s, &end, 10) : 0;
    if (!plan_s || *end || id <= 0) return cmd_usage_error(&cmd_review, "--plan 应为评查方案编号（正整数）");
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    json_t *out, *it;
    ZfError err;
    size_t i;
    int rc = app_review_plan_redraw(st, id, &out, &err);
    if (rc == ZF_OK) {
        json_array_foreach(json_object_get(out, "items"), i, it)
            printf("%s\t%s\n", json_string_value(json_object_get(it, "case_no")), json_string_value(json_object_get(it, "agency")));
        json_array_foreach(json_object_get(out, "empty_agencies"), i, it)
            fprintf(stderr, "零案卷：%s %s\n", json_string_value(json_object_get(it, "code")), json_string_value(json_object_get(it, "name")));
        json_decref(out);
    } else {
        fprintf(stderr, "zhifa: 重新抽取失败：%s\n", err.message);
    }
    store_close(st);
    return rc == ZF_OK ? 0 : 1;
}
