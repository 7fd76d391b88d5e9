/* zhifa backup --out FILE: the database, its keys and its file store in one archive, while the
 * server goes on (docs/backup.md). */
#include <inttypes.h>
#include <openssl/crypto.h>
#include <stdio.h>

#include "app/backup.h"
#include "cmd/cmd.h"
#include "cmd/passphrase.h"

static int run_backup(const GlobalOpts *g, int argc, char **argv);

const Command cmd_backup = {
    "backup", "在线备份数据库、密钥和文件库到一个文件",
    "用法：echo 口令 | zhifa --db FILE backup --out BACKUP.tar\n\n"
    "在服务运行、数据写入的同时备份：数据库（某一时刻的完整副本）、存证与电子印章的 SM2 密钥\n"
    "（用标准输入第一行的口令加密，scrypt + AES-256-GCM）和附件文件库，写成一个 tar 文件（0600）。\n"
    "口令至少 8 个字符；恢复时需要同一口令。格式与 PostgreSQL 的做法见 docs/backup.md。\n"
    "  --out FILE  备份文件（不得已存在）\n",
    run_backup};

static int run_backup(const GlobalOpts *g, int argc, char **argv)
{
    const char *out = NULL;
    Flag flags[] = {{"--out", &out, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_backup, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    if (!out || !*out) return cmd_usage_error(&cmd_backup, "缺少 --out FILE");
    char pass[PASSPHRASE_CAP];
    if (cmd_read_passphrase(pass, BACKUP_PASSPHRASE_MIN) != 0) return EXIT_USAGE;
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return OPENSSL_cleanse(pass, sizeof pass), 1;
    BackupSummary s;
    ZfError err;
    int rc = app_backup(st, g->db_path, out, pass, &s, &err);
    OPENSSL_cleanse(pass, sizeof pass);
    store_close(st);
    if (rc != ZF_OK) {
        fprintf(stderr, "zhifa: %s\n", err.message);
        return 1;
    }
    printf("{\"out\": \"%s\", \"schema_version\": %d, \"keys\": %lld, \"files\": %lld, \"bytes\": %" PRIu64 "}\n", out,
           s.schema_version, s.keys, s.files, s.bytes);
    return 0;
}
