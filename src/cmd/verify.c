/* zhifa verify: recompute the whole tamper-evident record and report every discrepancy. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "app/sync.h"
#include "ledger/ledger.h"

static int run_verify(const GlobalOpts *g, int argc, char **argv);

const Command cmd_verify = {
    "verify", "校验存证日志：重算全部叶、树、签名，报告每处篡改",
    "用法：zhifa --db FILE verify [--json]\n\n"
    "从存储的事件重算每个叶哈希和整棵 SM3 默克尔树，核对每个签名树头的 SM2 签名与根、\n"
    "签名密钥、树缓存、附件文件，每个案件的当前记录与其最近一次存证事件，每条案件附件、时间线、\n"
    "办案流程记录、监督文书（含所涉案件与问题的关联）及其时间线与其存证事件，以及数据范围所依据的\n"
    "各列（执法主体、区划等）与其来源记录。\n"
    "每处不符输出一行：类别 位置 说明（说明中以 表[键].列 指明被改的列）。类别：changed deleted\n"
    "reordered truncated head_mismatch head_signature key node_cache attachment_changed attachment_missing\n"
    "record_changed record_unlogged attachment_row_changed attachment_unlogged attachment_row_missing\n"
    "column_changed timeline_changed timeline_unlogged timeline_row_missing workflow_changed\n"
    "workflow_unlogged workflow_row_missing order_changed order_unlogged order_row_missing\n"
    "order_timeline_changed order_timeline_unlogged order_timeline_row_missing witness_invalid。\n"
    "本实例向上级报送时（zhifa sync），另列出上级对本实例账本树头的见证签名（见证 条数 说明）。\n"
    "  --json   每处不符输出为一行 JSON {\"kind\",\"position\",\"message\"}，最后一行为汇总\n"
    "退出码：0 完好；1 发现不符；2 无法校验。\n",
    run_verify};

typedef struct {
    int json;
} Out;

static void print_problem(const char *kind, long long position, const char *message, void *ctx)
{
    Out *o = ctx;
    if (o->json) {
        json_t *j = json_pack("{s:s, s:I, s:s}", "kind", kind, "position", (json_int_t)position, "message", message);
        char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        printf("%s\n", text ? text : "{}");
        free(text);
        json_decref(j);
    } else {
        printf("✗ %-26s %-8lld %s\n", kind, position, message);
    }
    fflush(stdout);
}

/* The upper level's witnesses of this ledger (docs/sync.md): each shown, an invalid one a problem. */
static void print_witness(const char *kind, long long size, const char *message, void *ctx)
{
    if (strcmp(kind, "witness") != 0) return print_problem(kind, size, message, ctx);
    Out *o = ctx;
    if (o->json) {
        json_t *j = json_pack("{s:s, s:I, s:s}", "witness", "valid", "tree_size", (json_int_t)size, "message", message);
        char *text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        printf("%s\n", text ? text : "{}");
        free(text);
        json_decref(j);
    } else {
        printf("见证 %-8lld %s\n", size, message);
    }
}

static int run_verify(const GlobalOpts *g, int argc, char **argv)
{
    Out o = {0};
    Flag flags[] = {{"--json", NULL, &o.json}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_verify, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    Store *st;
    ZfError err;
    LedgerVerifyStats s;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 2;
    int rc = ledger_verify(st, g->db_path, print_problem, &o, &s, &err);
    long long witness_problems = 0;
    if (rc == ZF_OK) rc = app_sync_witness_check(st, print_witness, &o, &witness_problems, &err);
    s.problems += witness_problems;
    store_close(st);
    if (rc != ZF_OK) {
        fprintf(stderr, "zhifa: 无法校验：%s\n", err.message);
        return 2;
    }
    if (o.json) {
        printf("{\"intact\": %s, \"events\": %" PRIu64 ", \"heads\": %" PRIu64 ", \"attachments\": %" PRIu64
               ", \"cases\": %" PRIu64 ", \"unsigned\": %" PRIu64 ", \"problems\": %lld}\n",
               s.problems ? "false" : "true", s.events, s.heads, s.attachments, s.cases, s.unsigned_tail, s.problems);
    } else if (s.problems) {
        printf("存证校验未通过：发现 %lld 处不符（事件 %" PRIu64 " 条，签名树头 %" PRIu64 " 个）\n", s.problems, s.events,
               s.heads);
    } else {
        printf("✓ 存证完好：事件 %" PRIu64 " 条，签名树头 %" PRIu64 " 个，附件 %" PRIu64 " 个，案件 %" PRIu64 " 件",
               s.events, s.heads, s.attachments, s.cases);
        if (s.unsigned_tail) printf("（最新 %" PRIu64 " 条事件尚待签名）", s.unsigned_tail);
        printf("\n");
    }
    return s.problems ? 1 : 0;
}
