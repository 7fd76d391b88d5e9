/* Names of the timeline entries (timeline.h). The workflow's steps are named once, in
 * workflow.c; this table holds only what is written beside them. */
#include "domain/workflow/timeline.h"

#include <string.h>

#include "domain/workflow/workflow.h"

static const struct {
    const char *code, *name;
} BESIDE[] = {
    {"file", "登记线索"},          /* workflow_cases.c: 线索登记 */
    {"record", "登记办理信息"},    /* workflow_step.c */
    {"send_back", "退回"},
    {"refuse", "不同意（退回）"}, /* workflow_step.c: an approver refuses the task */
    {"sign", "会签"},
    {"add_approver", "加签"},
    {"escalated", "超时上报"},     /* escalate.c */
    {"attachment", "上传附件"},    /* attachments.c */
    {"publish", "公示处罚决定"},   /* workflow_publicity.c */
    {"revoke", "登记决定被撤销/变更"},
    {"withdraw_publication", "撤回公示"},
    {"delivery_consent", "登记电子送达确认书"}, /* app/delivery.c (行政处罚法 61) */
    {"delivery_sent", "电子送达：发送"},
    {"delivery_opened", "电子送达：当事人打开链接"},
    {"delivery_locked", "电子送达：验证码错误过多，链接锁定"},
    {"delivery_confirmed", "电子送达：当事人确认收到"},
    {"delivery_paper", "纸质送达：登记送达回证"},
};
#define BESIDE_COUNT (sizeof BESIDE / sizeof BESIDE[0])

const char *timeline_action_name(const char *code)
{
    WfAction a;
    if (workflow_action_by_code(code, &a) == ZF_OK) return workflow_action_name(a);
    for (size_t i = 0; code && i < BESIDE_COUNT; i++)
        if (strcmp(BESIDE[i].code, code) == 0) return BESIDE[i].name;
    return NULL;
}

bool timeline_action_at(size_t i, const char **code, const char **name)
{
    if (i < WF_ACTION_COUNT) {
        *code = workflow_action_code((WfAction)i);
        *name = workflow_action_name((WfAction)i);
        return true;
    }
    i -= WF_ACTION_COUNT;
    if (i >= BESIDE_COUNT) return false;
    *code = BESIDE[i].code;
    *name = BESIDE[i].name;
    return true;
}
