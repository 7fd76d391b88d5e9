/* zhifa node add: an upper level registers a lower node (docs/sync.md "Nodes"). The enrolment token
 * is printed once, on the last line; only its SHA-256 is stored. */
#include <stdio.h>
#include <string.h>

#include "app/sync.h"
#include "cmd/cmd.h"

static int run_node(const GlobalOpts *g, int argc, char **argv);

const Command cmd_node = {
    "node", "管理下级节点（多级汇聚：add 新增）",
    "用法：zhifa --db FILE node add --name NAME --region CODE\n\n"
    "在上级实例登记一个下级节点（如区县实例），--region 为其 6 位行政区划代码：该节点只能报送\n"
    "本区划及下级区划执法主体的数据。最后一行打印登记令牌，只显示这一次：在下级实例执行\n"
    "zhifa sync enrol --upper URL --token 令牌 完成登记（交换密钥）。\n",
    run_node};

static int run_node(const GlobalOpts *g, int argc, char **argv)
{
    const char *sub = NULL, *name = NULL, *region = NULL;
    Flag flags[] = {{"--name", &name, NULL}, {"--region", &region, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_node, argc, argv, flags, &sub, 1) != ZF_OK) return EXIT_USAGE;
    if (!sub || strcmp(sub, "add") != 0) return cmd_usage_error(&cmd_node, "请指定子命令 add");
    if (!name || !region) return cmd_usage_error(&cmd_node, "add 须指定 --name 和 --region");
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    char token[TOKEN_HEX_LEN + 1];
    json_t *row;
    ZfError err;
    int rc = app_sync_node_add(st, name, region, token, &row, &err);
    store_close(st);
    if (rc != ZF_OK) {
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
