/* zhifa token add|list|revoke: API tokens for the systems that call zhifa (the 12345 hotline,
 * docs/hotline.md). The new token is printed once, here; only its SHA-256 is stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/tokens.h"
#include "cmd/cmd.h"

static int run_token(const GlobalOpts *g, int argc, char **argv);

const Command cmd_token = {
    "token", "管理接口令牌（add 新增、list 列出、revoke 吊销）",
    "用法：zhifa --db FILE token add --name NAME --region CODE\n"
    "      zhifa --db FILE token list\n"
    "      zhifa --db FILE token revoke --name NAME\n\n"
    "接口令牌供其他系统（如 12345 热线平台）调用 zhifa 的接口（Authorization: Bearer 令牌），\n"
    "只能访问 --region 所指区域（6 位行政区划代码）及其下级的执法主体。add 在最后一行打印\n"
    "令牌本身，只显示这一次：数据库只保存它的 SHA-256 摘要，遗失后只能吊销再新增。\n"
    "名称为 2–64 个字母、数字、“_”、“.”或“-”。list 每行一个 JSON 对象，不含令牌。\n",
    run_token};

static int fail(const ZfError *err)
{
    fprintf(stderr, "zhifa: %s\n", err->message);
    return 1;
}

static int token_add(const AppContext *cx, const char *name, const char *region)
{
    char token[TOKEN_HEX_LEN + 1];
    json_t *row;
    ZfError err;
    if (app_token_create(cx, name, region, token, &row, &err) != ZF_OK) return fail(&err);
    const char *region_name = json_string_value(json_object_get(row, "region_name"));
    printf("已创建接口令牌 %s（区域 %s%s%s，编号 %lld）\n", name, region, region_name ? " " : "",
           region_name ? region_name : "", (long long)json_integer_value(json_object_get(row, "id")));
    printf("令牌只显示这一次，请立即保存（数据库只保存其摘要）：\n%s\n", token);
    memset(token, 0, sizeof token);
    json_decref(row);
    return 0;
}

static int token_list(const AppContext *cx)
{
    json_t *out, *it;
    size_t i;
    ZfError err;
    if (app_tokens_list(cx, &out, &err) != ZF_OK) return fail(&err);
    json_array_foreach(json_object_get(out, "items"), i, it) {
        char *line = json_dumps(it, JSON_COMPACT | JSON_PRESERVE_ORDER);
        if (line) puts(line);
        free(line);
    }
    json_decref(out);
    return 0;
}

static int token_revoke(const AppContext *cx, const char *name)
{
    json_t *row;
    ZfError err;
    if (app_token_revoke(cx, name, 0, &row, &err) != ZF_OK) return fail(&err);
    printf("已吊销接口令牌 %s（%s）\n", name, json_string_value(json_object_get(row, "revoked_at")));
    json_decref(row);
    return 0;
}

static int run_token(const GlobalOpts *g, int argc, char **argv)
{
    const char *sub = NULL, *name = NULL, *region = NULL;
    Flag flags[] = {{"--name", &name, NULL}, {"--region", &region, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_token, argc, argv, flags, &sub, 1) != ZF_OK) return EXIT_USAGE;
    bool add = sub && strcmp(sub, "add") == 0, list = sub && strcmp(sub, "list") == 0,
         revoke = sub && strcmp(sub, "revoke") == 0;
    if (!add && !list && !revoke) return cmd_usage_error(&cmd_token, "请指定子命令 add、list 或 revoke");
    if (add && (!name || !region)) return cmd_usage_error(&cmd_token, "add 须指定 --name 和 --region");
    if (revoke && !name) return cmd_usage_error(&cmd_token, "revoke 须指定 --name");
    if (list && (name || region)) return cmd_usage_error(&cmd_token, "list 不接受 --name 或 --region");
    Regions *regions = NULL;
    if (cmd_load_regions(&regions) != ZF_OK) {
        fputs("zhifa: 无法读取行政区划表 regions.tsv\n", stderr);
        return 1;
    }
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) {
        regions_free(regions);
        return 1;
    }
    AppContext cx = {.store = st, .regions = regions};
    int rc = add ? token_add(&cx, name, region) : list ? token_list(&cx) : token_revoke(&cx, name);
    store_close(st);
    regions_free(regions);
    return rc;
}
