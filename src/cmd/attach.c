/* zhifa attach --case CASE_NO FILE: stores an attachment by its SM3 digest and logs it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "ledger/ledger.h"
#include "util/datadir.h"

static int run_attach(const GlobalOpts *g, int argc, char **argv);

const Command cmd_attach = {
    "attach", "为案件添加附件（按 SM3 存证）",
    "用法：zhifa --db FILE attach --case CASE_NO [--name NAME] [--type MEDIA_TYPE] FILE\n\n"
    "附件存入数据库旁的 <db>.files/<SM3>，并追加一条 attachment.add 存证事件。\n",
    run_attach};

static int run_attach(const GlobalOpts *g, int argc, char **argv)
{
    const char *case_no = NULL, *name = NULL, *type = "application/octet-stream", *path = NULL;
    Flag flags[] = {{"--case", &case_no, NULL}, {"--name", &name, NULL}, {"--type", &type, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_attach, argc, argv, flags, &path, 1) != ZF_OK) return EXIT_USAGE;
    if (!case_no || !path) return cmd_usage_error(&cmd_attach, "需要 --case CASE_NO 和附件文件");
    char *data;
    size_t len;
    if (file_read_all(path, &data, &len) != 0) {
        fprintf(stderr, "zhifa: 无法读取文件 %s\n", path);
        return 1;
    }
    if (!name) name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    Store *st;
    ZfError err;
    char sm3[2 * MERKLE_HASH_LEN + 1];
    int rc = cmd_open_store(g, STORE_OPEN_EXISTING, &st);
    if (rc == ZF_OK) {
        rc = ledger_attach(st, g->db_path, case_no, name, type, data, len, sm3, &err);
        if (rc != ZF_OK) fprintf(stderr, "zhifa: %s\n", err.message);
        else printf("{\"sm3\": \"%s\", \"size\": %zu}\n", sm3, len);
        store_close(st);
    }
    free(data);
    return rc == ZF_OK ? 0 : 1;
}
