/* zhifa verify-dossier FILE.zip: checks a 电子卷宗 offline, from the zip alone (no database). */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "ledger/ledger.h"

static int run_verify_dossier(const GlobalOpts *g, int argc, char **argv);

const Command cmd_verify_dossier = {
    "verify-dossier", "离线校验电子卷宗（无需数据库）",
    "用法：zhifa verify-dossier FILE.zip\n\n"
    "校验树头的 SM2 签名、每个事件的包含证明、附件的 SM3 和案件记录；不读取数据库。\n"
    "每处不符输出一行；最后一行为 JSON 汇总（含公钥指纹 key_id，应与机关公布的一致）。\n"
    "退出码：0 通过；1 发现不符；2 无法读取文件。\n",
    run_verify_dossier};

static void print_problem(const char *kind, long long position, const char *message, void *ctx)
{
    (void)ctx;
    printf("✗ %-18s %-8lld %s\n", kind, position, message);
}

static int run_verify_dossier(const GlobalOpts *g, int argc, char **argv)
{
    (void)g;
    const char *path = NULL;
    if (cmd_parse_flags(&cmd_verify_dossier, argc, argv, NULL, &path, 1) != ZF_OK) return EXIT_USAGE;
    if (!path) return cmd_usage_error(&cmd_verify_dossier, "缺少卷宗文件 FILE.zip");
    long long problems = 0;
    json_t *summary = NULL;
    ZfError err;
    if (ledger_dossier_verify(path, print_problem, NULL, &problems, &summary, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: %s\n", err.message);
        return 2;
    }
    if (!problems) printf("✓ 电子卷宗校验通过\n");
    char *text = json_dumps(summary, JSON_COMPACT | JSON_PRESERVE_ORDER);
    printf("%s\n", text ? text : "{}");
    free(text);
    json_decref(summary);
    return problems ? 1 : 0;
}
