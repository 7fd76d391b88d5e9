/* zhifa dossier --case CASE_NO --out FILE.zip: the case's 电子卷宗 (events, proofs, signed head). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "ledger/ledger.h"

static int run_dossier(const GlobalOpts *g, int argc, char **argv);

const Command cmd_dossier = {
    "dossier", "导出案件电子卷宗（含存证证明，可离线校验）",
    "用法：zhifa --db FILE dossier --case CASE_NO --out FILE.zip\n\n"
    "导出案件的全部存证事件、包含证明、签名树头、公钥、附件和中文校验说明（README.txt）。\n"
    "如有尚未签名的事件，先签发新的树头。用 zhifa verify-dossier FILE.zip 或只用 OpenSSL 校验。\n",
    run_dossier};

static int run_dossier(const GlobalOpts *g, int argc, char **argv)
{
    const char *case_no = NULL, *out = NULL;
    Flag flags[] = {{"--case", &case_no, NULL}, {"--out", &out, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_dossier, argc, argv, flags, NULL, 0) != ZF_OK) return EXIT_USAGE;
    if (!case_no || !out) return cmd_usage_error(&cmd_dossier, "需要 --case CASE_NO 和 --out FILE.zip");
    Store *st;
    ZfError err;
    void *zip = NULL;
    size_t len = 0;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    int rc = ledger_dossier(st, g->db_path, case_no, &zip, &len, &err);
    store_close(st);
    if (rc != ZF_OK) {
        fprintf(stderr, "zhifa: %s\n", err.message);
        return 1;
    }
    /* owner only, like the database it comes from: an existing file of ours is tightened too */
    struct stat sb;
    int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0 && fstat(fd, &sb) == 0 && sb.st_uid == geteuid() && (sb.st_mode & 077)) fchmod(fd, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f && fd >= 0) close(fd);
    int ok = f && fwrite(zip, 1, len, f) == len;
    if (f) ok = fclose(f) == 0 && ok;
    free(zip);
    if (!ok) {
        fprintf(stderr, "zhifa: 无法写入 %s\n", out);
        return 1;
    }
    printf("已导出电子卷宗 %s（%zu 字节）\n", out, len);
    return 0;
}
