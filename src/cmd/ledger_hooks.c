/* Ledger hooks called from init and import (see ledger_hooks.h). */
#include "cmd/ledger_hooks.h"

#include <inttypes.h>
#include <stdio.h>

#include "ledger/ledger.h"
#include "util/paths.h"

int cmd_ledger_init(Store *st, const char *db_path)
{
    char path[4096];
    int created;
    ZfError err;
    SignedHead h;
    if (ledger_init_key(st, db_path, &created, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: %s\n", err.message);
        return ZF_ERR;
    }
    paths_key_file(db_path, path, sizeof path);
    if (created) printf("已生成存证签名密钥 %s（SM2，仅本机可读，请妥善备份）\n", path);
    if (ledger_sign_head(st, db_path, &h, NULL, &err) != ZF_OK) {
        fprintf(stderr, "zhifa: 签发存证树头失败：%s\n", err.message);
        return ZF_ERR;
    }
    printf("存证日志：%" PRIu64 " 条事件，已签名树头\n", h.tree_size);
    return ZF_OK;
}

void cmd_ledger_sign(Store *st, const char *db_path)
{
    ZfError err;
    if (ledger_sign_head(st, db_path, NULL, NULL, &err) != ZF_OK)
        fprintf(stderr, "zhifa: 警告：签发存证树头失败：%s（数据已导入；启动服务或运行 zhifa sth --sign 时重试）\n",
                err.message);
}
