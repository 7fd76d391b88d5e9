/* zhifa ca init | issue --agency CODE | root: the installation's electronic-seal CA
 * (docs/documents.md). Keys stay in the seal directory beside the database, 0600. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/seal.h"
#include "cmd/cmd.h"
#include "cmd/seal_setup.h"
#include "cmd/read_file.h"
#include "seal/ca.h"

#define ROOT_NAME "行政执法电子印章根证书"

static int run_ca(const GlobalOpts *g, int argc, char **argv);

const Command cmd_ca = {
    "ca", "电子印章证书：建立根证书、为机关签发证书",
    "用法：zhifa --db FILE ca init [--all]\n"
    "      zhifa --db FILE ca issue --agency CODE\n"
    "      zhifa --db FILE ca root\n"
    "      zhifa --db FILE ca sign --agency CODE --doc ID IN.pdf OUT.pdf\n\n"
    "  init            建立本系统的 SM2 根密钥和自签名根证书（已有则不变）；--all 同时为所有执法主体签发证书\n"
    "  issue           用根证书为执法主体签发 SM2 印章密钥和证书（机关名称取自数据库）\n"
    "  root            输出根证书（PEM），供离线核验文书使用\n"
    "  sign            以执法主体的电子印章签署一个 PDF（文书编号 ID；机关无证书时自动签发）\n"
    "密钥和证书保存在数据库旁的 <db>.ca 目录（0700，私钥 0600），从不通过网络提供。\n",
    run_ca};

static int print_error(const ZfError *err)
{
    fprintf(stderr, "zhifa: %s\n", err->message);
    return 1;
}

static int ca_init(Store *st, int all)
{
    ZfError err;
    int created;
    if (seal_ca_init(app_seal_ca_dir(), ROOT_NAME, &created, &err) != ZF_OK) return print_error(&err);
    printf(created ? "已建立电子印章根证书：%s/root.crt\n" : "电子印章根证书已存在：%s/root.crt\n", app_seal_ca_dir());
    return all ? (cmd_seal_setup_all(st) == ZF_OK ? 0 : 1) : 0;
}

static int ca_issue(Store *st, const char *code)
{
    ZfError err;
    char name[256];
    if (app_seal_agency_name(st, code, name, sizeof name, &err) != ZF_OK ||
        seal_ca_issue_now(app_seal_ca_dir(), code, name, &err) != ZF_OK)
        return print_error(&err);
    printf("已为 %s（%s）签发电子印章证书\n", name, code);
    return 0;
}

static int ca_root(void)
{
    char path[4096];
    seal_ca_root_cert_path(app_seal_ca_dir(), path, sizeof path);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fputs("zhifa: 尚未建立根证书（请先运行 zhifa ca init）\n", stderr);
        return 1;
    }
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
    fclose(f);
    return 0;
}

int cmd_seal_setup_all(Store *st)
{
    ZfError err;
    int created, issued;
    if (seal_ca_init(app_seal_ca_dir(), ROOT_NAME, &created, &err) != ZF_OK ||
        app_seal_issue_all(st, &issued, &err) != ZF_OK) {
        print_error(&err);
        return ZF_ERR;
    }
    printf("电子印章：%s根证书，为 %d 个执法主体签发了证书\n", created ? "已建立" : "沿用", issued);
    return ZF_OK;
}

static int ca_sign(Store *st, const char *agency, const char *doc, const char *in, const char *out)
{
    ZfError err;
    size_t len, sealed_len;
    unsigned char *pdf = cmd_read_file(in, CMD_PDF_MAX, &len), *sealed = NULL;
    if (!pdf) {
        fprintf(stderr, "zhifa: 无法读取文件 %s（或超过 64 MiB）\n", in);
        return 1;
    }
    AppContext cx = {.store = st};
    int rc = app_seal_pdf(&cx, agency, doc, pdf, len, &sealed, &sealed_len, &err);
    free(pdf);
    if (rc != ZF_OK) return print_error(&err);
    FILE *f = fopen(out, "wb");
    int ok = f && fwrite(sealed, 1, sealed_len, f) == sealed_len;
    if (f && fclose(f) != 0) ok = 0;
    free(sealed);
    if (!ok) fprintf(stderr, "zhifa: 无法写入 %s\n", out);
    return ok ? 0 : 1;
}

static int run_ca(const GlobalOpts *g, int argc, char **argv)
{
    const char *pos[3] = {NULL, NULL, NULL}, *agency = NULL, *doc = NULL;
    int all = 0;
    Flag flags[] = {{"--agency", &agency, NULL}, {"--doc", &doc, NULL}, {"--all", NULL, &all}, {NULL, NULL, NULL}};
    if (cmd_parse_flags(&cmd_ca, argc, argv, flags, pos, 3) != ZF_OK) return EXIT_USAGE;
    const char *sub = pos[0];
    if (!sub || (strcmp(sub, "init") && strcmp(sub, "issue") && strcmp(sub, "root") && strcmp(sub, "sign")))
        return cmd_usage_error(&cmd_ca, "请指定 init、issue、root 或 sign");
    if (!strcmp(sub, "issue") && !agency) return cmd_usage_error(&cmd_ca, "issue 需要 --agency CODE");
    if (!strcmp(sub, "sign") && (!agency || !doc || !pos[2]))
        return cmd_usage_error(&cmd_ca, "sign 需要 --agency CODE --doc ID IN.pdf OUT.pdf");
    Store *st;
    if (cmd_open_store(g, STORE_OPEN_EXISTING, &st) != ZF_OK) return 1;
    int rc = !strcmp(sub, "init")    ? ca_init(st, all)
             : !strcmp(sub, "issue") ? ca_issue(st, agency)
             : !strcmp(sub, "sign")  ? ca_sign(st, agency, doc, pos[1], pos[2])
                                     : ca_root();
    store_close(st);
    return rc;
}
