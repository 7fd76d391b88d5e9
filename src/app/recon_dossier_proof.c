/* See recon_dossier_proof.h. The ledger dossier is built by ledger_dossier (it signs a fresh tree
 * head first, as the case dossier's export does) and copied entry by entry into the zip. */
#include "app/recon_dossier_proof.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "ledger/ledger.h"
#include "store/documents.h"

#define PROOF_DIR "存证/"

/* The root script: only bash and the OpenSSL command line, as the case dossier's. */
static const char VERIFY_SH[] =
    "#!/bin/bash\n"
    "# 行政复议电子卷宗离线校验：只需要 bash 与 OpenSSL 命令行。用法：解压后运行 bash verify.sh\n"
    "# 1. 卷内每个文件的 SM3 与 SM3SUMS.txt（即卷内目录的“SM3 摘要”）相符；\n"
    "# 2. 每个摘要都记载在存证日志的事件中（存证/events）；\n"
    "# 3. 这些事件包含于签名树头（存证/verify.sh，与执法案件电子卷宗的校验脚本相同）。\n"
    "# 退出码 0 = 全部通过。\n"
    "set -u\n"
    "cd \"$(dirname \"$0\")\" || exit 2\n"
    "fail=0\n"
    "while IFS= read -r line; do\n"
    "  [ -n \"$line\" ] || continue\n"
    "  h=${line%%  *}; f=${line#*  }\n"
    "  if [ ! -f \"$f\" ]; then\n"
    "    echo \"✗ 缺少文件 $f\"; fail=1; continue\n"
    "  fi\n"
    "  if [ \"$(openssl dgst -sm3 -r < \"$f\" | cut -d' ' -f1)\" = \"$h\" ]; then\n"
    "    echo \"✓ $f 内容与其 SM3 相符\"\n"
    "  else\n"
    "    echo \"✗ $f 内容已改变\"; fail=1\n"
    "  fi\n"
    "  if ! grep -q -l -F \"$h\" 存证/events/*.json 2>/dev/null; then\n"
    "    echo \"✗ $f 的摘要未记载于存证日志\"; fail=1\n"
    "  fi\n"
    "done < SM3SUMS.txt\n"
    "bash 存证/verify.sh || fail=1\n"
    "[ \"$fail\" -eq 0 ] && echo \"行政复议电子卷宗校验通过\" || echo \"行政复议电子卷宗校验未通过\"\n"
    "exit \"$fail\"\n";

static int copy_entry(zip_t *za, zip_int64_t i, ZipStream *z, ZfError *err)
{
    zip_stat_t st;
    char name[600];
    if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) != 0) return zf_fail(err, 500, "zip_failed", NULL, "无法读取存证卷宗");
    unsigned char *buf = malloc(st.size ? st.size : 1);
    zip_file_t *f = buf ? zip_fopen_index(za, (zip_uint64_t)i, 0) : NULL;
    zip_int64_t n = f ? zip_fread(f, buf, st.size) : -1;
    if (f) zip_fclose(f);
    int rc = n == (zip_int64_t)st.size ? ZF_OK : zf_fail(err, 500, "zip_failed", NULL, "无法读取存证卷宗");
    snprintf(name, sizeof name, PROOF_DIR "%s", st.name);
    if (rc == ZF_OK) rc = zipstream_add(z, name, buf, st.size, err);
    free(buf);
    return rc;
}

/* Every entry of the ledger dossier's bytes into z under 存证/. */
static int copy_all(void *zip, size_t len, ZipStream *z, ZfError *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(zip, len, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    zip_error_fini(&ze);
    if (!za) {
        if (src) zip_source_free(src);
        return zf_fail(err, 500, "zip_failed", NULL, "无法读取存证卷宗");
    }
    int rc = ZF_OK;
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n && rc == ZF_OK; i++) rc = copy_entry(za, i, z, err);
    zip_discard(za);
    return rc;
}

static int add_sums(const json_t *sums, ZipStream *z, ZfError *err)
{
    json_t *s;
    size_t i;
    char *text = NULL;
    size_t tlen = 0;
    FILE *f = open_memstream(&text, &tlen);
    if (!f) return zf_fail(err, 500, "internal", NULL, "内存不足");
    json_array_foreach(sums, i, s)
        fprintf(f, "%s  %s\n", json_string_value(json_array_get(s, 0)), json_string_value(json_array_get(s, 1)));
    fclose(f);
    int rc = zipstream_add(z, "SM3SUMS.txt", text, tlen, err);
    free(text);
    return rc;
}

int recon_dossier_add_proof(const AppContext *cx, long long id, const json_t *sums, ZipStream *z, ZfError *err)
{
    char subject[48];
    void *zip = NULL;
    size_t len = 0;
    snprintf(subject, sizeof subject, "reconsideration:%lld", id);
    if (ledger_dossier(cx->store, store_db_path(cx->store), subject, &zip, &len, err) != ZF_OK) return ZF_ERR;
    int rc = copy_all(zip, len, z, err);
    free(zip);
    if (rc == ZF_OK) rc = add_sums(sums, z, err);
    if (rc == ZF_OK) rc = zipstream_add(z, "verify.sh", VERIFY_SH, strlen(VERIFY_SH), err);
    return rc;
}
