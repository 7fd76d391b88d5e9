/* zhifa node add: an upper level registers a lower node (docs/sync.md "Nodes"). The enrolment token
 * is printed once, on the last line; only its SHA-256 is stored. zhifa node reinstate: a refused
 * node (its ledger rewritten) trusted again after the investigation, with --yes. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "app/sync.h"
#include "cmd/cmd.h"

static int run_node(const GlobalOpts *g, int argc, char **argv);

const Command cmd_node = {
    "node", "管理下级节点（多级汇聚：add 新增，reinstate 恢复被拒收的节点）",
    "用法：zhifa --db FILE node add --name NAME --region CODE\n"
    "      zhifa --db FILE node reinstate --name NAME [--yes]\n\n"
    "在上级实例登记一个下级节点（如区县实例），--region 为其 6 位行政区划代码：该节点只能报送\n"
    "本区划及下级区划执法主体的数据。最后一行打印登记令牌，只显示这一次：在下级实例执行\n"
    "zhifa sync enrol --upper URL --token 令牌 完成登记（交换密钥）。\n"
    "reinstate 恢复因账本被改写而拒收的节点（查明原因后）：先打印拒收原因（已确认与被拒的树头条数），\n"
    "加 --yes 才执行；清除已记录的树头，此后该节点的批次从头证明一致性。写入审计日志。\n",
    run_node};

/* Prints what was refused; acts only with --yes (the node's next batch is then trusted). */
static int reinstate(Store *st, const char *name, bool yes)
{
    json_t *node;
    ZfError err;
    if (app_sync_node_find(st, name, &node, &err) != ZF_OK) return fprintf(stderr, "zhifa: %s\n", err.message), 1;
    const char *reason = json_string_value(json_object_get(node, "refused_reason"));
    bool refused = strcmp(json_string_value(json_object_get(node, "status")) ?: "", "refused") == 0;
    printf("下级节点 %s（区划 %s）%s，已记录的树头 %lld 条\n", name, json_string_value(json_object_get(node, "region")),
           refused ? "已被拒收" : "未被拒收", (long long)json_integer_value(json_object_get(node, "head_size")));
    if (reason) printf("拒收原因：%s\n", reason);
    int rc = 0;
    if (!yes) {
        fputs("zhifa: 恢复后该节点的下一批次将从头证明一致性；确认已查明原因后加 --yes 执行\n", stderr);
        rc = 1;
    } else if (app_sync_node_reinstate(st, node, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: %s\n", err.message);
        rc = 1;
    } else {
        printf("已恢复下级节点 %s，已清除其树头记录\n", name);
    }
    json_decref(node);
    return rc;
}

static int add(Store *st, const char *name, const char *region)
{
    char token[TOKEN_HEX_LEN + 1];
    json_t *row;
    ZfError err;
    if (app_sync_node_add(st, name, region, token, &row, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: %s\n", err.message);
        return 1;
    }
    printf("已登记下级节点 %s（区划 %s，编号 %lld）\n", name, region,
           (long long)json_integer_value(json_object_get(row, "id")));
    printf("登记令牌只显示这一次，请在下级实例执行 zhifa sync enrol --upper URL --token 令牌：\n%s\n", token);
    memset(token, 0, sizeof token);
    json_decref(row);
    return 0;
}

static int run_node(const GlobalOpts *g, int argc, char **argv)
{
    const char *sub = NULL, *name = NULL, *region = NULL;
    int yes = 0;
    Flag flags[] = {{"--name", &name, NULL}, {"--region", &region, NULL}, {"--yes", NULL, &yes}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_node, argc, argv, flags, &sub, 1) != ZF_OK) return EXIT_USAGE;
    bool is_add = sub && strcmp(sub, "add") == 0, is_reinstate = sub && strcmp(sub, "reinstate") == 0;
    if (!is_add && !is_reinstate) return cmd_usage_error(&cmd_node, "请指定子命令 add 或 reinstate");
    if (is_add && (!name || !region)) return cmd_usage_error(&cmd_node, "add 须指定 --name 和 --region");
    if (is_reinstate && (!name || region)) return cmd_usage_error(&cmd_node, "reinstate 须指定 --name，不接受 --region");
    if (is_add && yes) return cmd_usage_error(&cmd_node, "add 不接受 --yes");
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    int rc = is_add ? add(st, name, region) : reinstate(st, name, yes);
    store_close(st);
    return rc;
}
