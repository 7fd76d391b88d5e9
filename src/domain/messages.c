/* The message kinds (see messages.h): one table, shown by GET /api/v1/dicts as message_kinds. */
#include "domain/messages.h"

#include <string.h>

static const struct {
    const char *code, *name;
} KINDS[] = {
    {"approval_requested", "审批待办"},
    {"approval_returned", "审批退回"},
    {"legal_review_requested", "法制审核"},
    {"order_received", "督办问诊"},
    {"lead_assigned", "线索转办"},
    {"deadline_near", "期限临近"},
    {"cert_expiring", "证件到期"},
    {"import_rejects", "导入有误"},
    {"review_task", "案卷评查任务"},
    {"normative_review", "规范性文件备案审查"},
    {"assessment_due", "考核填报与任务"},
    {"recon_deadline", "行政复议期限"},
};

bool message_kind_at(size_t i, const char **code, const char **name)
{
    if (i >= sizeof KINDS / sizeof *KINDS) return false;
    *code = KINDS[i].code;
    *name = KINDS[i].name;
    return true;
}

bool message_kind_known(const char *code)
{
    const char *c, *n;
    for (size_t i = 0; code && message_kind_at(i, &c, &n); i++)
        if (strcmp(c, code) == 0) return true;
    return false;
}
