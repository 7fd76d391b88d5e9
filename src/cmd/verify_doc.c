/* zhifa verify-doc FILE.pdf: checks a sealed document's electronic seal offline, against this
 * installation's root certificate (docs/documents.md). */
#include <stdio.h>
#include <stdlib.h>

#include "app/seal.h"
#include "cmd/cmd.h"
#include "cmd/read_file.h"
#include "seal/seal.h"
#include "util/paths.h"

static int run_verify_doc(const GlobalOpts *g, int argc, char **argv);

const Command cmd_verify_doc = {
    "verify-doc", "核验执法文书的电子印章",
    "用法：zhifa --db FILE verify-doc FILE.pdf [--doc ID] [--ca DIR]\n\n"
    "核验签名范围、SM3 摘要、SM2 签名，以及印章证书是否由本系统根证书签发、盖章时是否有效。\n"
    "  --doc ID   同时核验印章所属文书编号\n"
    "  --ca DIR   根证书所在目录（默认为数据库旁的 <db>.ca）\n"
    "退出码：0 有效（输出盖章机关与时间）；1 核验未通过（输出未通过的项目）；2 无法读取文件。\n",
    run_verify_doc};

static int run_verify_doc(const GlobalOpts *g, int argc, char **argv)
{
    const char *path = NULL, *doc = NULL, *ca = NULL;
    char dir[4096];
    Flag flags[] = {{"--doc", &doc, NULL}, {"--ca", &ca, NULL}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_verify_doc, argc, argv, flags, &path, 1) != ZF_OK) return EXIT_USAGE;
    if (!path) return cmd_usage_error(&cmd_verify_doc, "缺少文书文件 FILE.pdf");
    if (ca) snprintf(dir, sizeof dir, "%s", ca);
    else paths_ca_dir(g->db_path, dir, sizeof dir);
    size_t len;
    unsigned char *pdf = cmd_read_file(path, CMD_PDF_MAX, &len);
    if (!pdf) {
        fprintf(stderr, "zhifa: 无法读取文件 %s（或超过 64 MiB）\n", path);
        return 2;
    }
    SealReport r;
    char when[96];
    seal_verify_pdf(dir, pdf, len, doc, &r);
    free(pdf);
    seal_time_text(&r, when, sizeof when);
    if (r.check != SEAL_OK && r.agency_name[0]) printf("以下为文件自称的信息，未通过核验，不可采信：\n");
    if (r.agency_name[0]) printf("盖章机关：%s（%s）\n", r.agency_name, r.agency_code);
    if (r.signed_at[0]) printf("盖章时间：%s %s\n", when, r.signed_at);
    if (r.document[0]) printf("文书编号：%s\n", r.document);
    if (r.check == SEAL_OK) {
        printf("✓ %s\n", seal_check_message(r.check));
        return 0;
    }
    printf("✗ %s（%s）\n", seal_check_message(r.check), seal_check_code(r.check));
    return 1;
}
