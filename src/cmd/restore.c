/* zhifa --db NEW restore --in FILE [--force]: a backup of `zhifa backup` into a database path. */
#include <openssl/crypto.h>
#include <stdio.h>

#include "app/backup.h"
#include "cmd/cmd.h"
#include "cmd/passphrase.h"

static int run_restore(const GlobalOpts *g, int argc, char **argv);

const Command cmd_restore = {
    "restore", "从备份文件恢复数据库、密钥和文件库",
    "用法：echo 口令 | zhifa --db NEW.db restore --in BACKUP.tar [--force]\n\n"
    "把 zhifa backup 写出的备份恢复到 --db 指定的数据库（及其 .files/、.ca/、.sm2.pem）。\n"
    "口令从标准输入第一行读取；口令不对时不写入任何内容。\n"
    "目标已存在时拒绝，除非加 --force（先停止使用它的服务）。恢复后可用 zhifa verify 核验。\n"
    "  --in FILE  备份文件\n"
    "  --force    覆盖已存在的目标\n",
    run_restore};

static int run_restore(const GlobalOpts *g, int argc, char **argv)
{
    const char *in = NULL;
    int force = 0;
    Flag flags[] = {{"--in", &in, NULL}, {"--force", NULL, &force}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_restore, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    if (!in || !*in) return cmd_usage_error(&cmd_restore, "缺少 --in FILE");
    char pass[PASSPHRASE_CAP];
    if (cmd_read_passphrase(pass, 1) != 0) return EXIT_USAGE;
    BackupSummary s;
    ZfError err;
    int rc = app_restore(in, g->db_path, pass, force, &s, &err);
    OPENSSL_cleanse(pass, sizeof pass);
    if (rc != ZF_OK) {
        fprintf(stderr, "zhifa: %s\n", err.message);
        return 1;
    }
    printf("{\"db\": \"%s\", \"schema_version\": %d, \"keys\": %lld, \"files\": %lld}\n", g->db_path,
           s.schema_version, s.keys, s.files);
    return 0;
}
