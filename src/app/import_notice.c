/* import_rejects (see import_notice.h). */
#include "app/import_notice.h"

#include <stdio.h>

#include "app/messages.h"

int app_import_notice(Store *st, const char *username, const ImportSummary *sum, ZfError *err)
{
    if (!username || !*username || sum->rejected <= 0) return ZF_OK;
    char title[300];
    snprintf(title, sizeof title, "数据导入完成：已导入 %lld 条，%lld 条有误未导入，请按错误说明更正后重新上传",
             sum->imported, sum->rejected);
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    if (app_message_to_user(st, username, "import_rejects", title, "/reporting/import", err) != ZF_OK) {
        store_rollback(st);
        return ZF_ERR;
    }
    return store_commit(st, err);
}
