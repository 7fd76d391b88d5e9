/* zhifa export: every stored record as exchange-v1 lines, in the order import needs them. */
#include <stdio.h>

#include "cmd/cmd.h"

static int run_export(const GlobalOpts *g, int argc, char **argv);

const Command cmd_export = {
    "export", "导出全部记录为 exchange-v1（JSON Lines）",
    "用法：zhifa --db FILE export [--since YYYY-MM-DD]\n\n"
    "  --since DATE  只导出该日（UTC）以来新增或内容有变化的记录，用于向上级同步\n"
    "按 执法主体 → 执法人员 → 权责事项 → 裁量基准 → 案件 → 月报 的顺序输出到标准输出，\n"
    "导入空库后再导出，结果逐字节一致。\n",
    run_export};

static int write_line(const char *body, size_t len, void *ctx)
{
    FILE *out = ctx;
    fwrite(body, 1, len, out);
    return fputc('\n', out) == EOF;
}

static int run_export(const GlobalOpts *g, int argc, char **argv)
{
    const char *since = NULL;
    zf_day day;
    Flag flags[] = {{"--since", &since, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_export, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    if (since && !date_parse(since, &day)) return cmd_usage_error(&cmd_export, "--since 应为真实存在的日期 YYYY-MM-DD：%s", since);
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    ZfError err;
    int rc = ZF_OK;
    for (int t = 0; t < REC_TYPE_COUNT && rc == ZF_OK; t++)
        rc = store_foreach_record_since(st, (RecordType)t, since, write_line, stdout, &err);
    store_close(st);
    if (rc != ZF_OK) fprintf(stderr, "zhifa: 导出失败：%s\n", err.message);
    if (fflush(stdout) != 0) {
        fputs("zhifa: 写出失败\n", stderr);
        rc = ZF_ERR;
    }
    return rc == ZF_OK ? 0 : 1;
}
