/* The facts of an inspection (行政检查), a coercive measure (行政强制措施), an enforcement
 * (行政强制执行) and a licence application (行政许可) as the workflow sees them, and the periods
 * the law sets for them. The periods are data: the caller fills them from the settings (each
 * with its basis, migration 054); kind_state_init gives the law's own values. Pure. */
#ifndef ZF_WORKFLOW_KIND_STATE_H
#define ZF_WORKFLOW_KIND_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "util/date.h"

/* Periods, each from the article that sets it. */
typedef struct {
    int inspection_publicity_wd; /* 检查结果公示：20 个工作日（企业信息公示暂行条例 6, 7） */
    int seal_days;               /* 查封、扣押期限：30 日（行政强制法 25） */
    int seal_extension_days;     /* 延长不得超过 30 日，一次（行政强制法 25） */
    int urgent_report_days;      /* 紧急实施后 24 小时内报告、补办批准：1 日（行政强制法 19） */
    int demand_wd;               /* 催告后履行期：10 个工作日（行政强制法 35, 37, 69） */
    int license_correction_wd;   /* 一次告知补正：5 个工作日（行政许可法 32, 82） */
    int license_decision_wd;     /* 许可决定：20 个工作日（行政许可法 42, 82） */
    int license_extension_wd;    /* 经批准延长：10 个工作日（行政许可法 42） */
    int license_service_wd;      /* 颁发、送达许可证件：10 个工作日（行政许可法 44, 82） */
    int license_publicity_wd;    /* 许可决定公示：7 个工作日（双公示） */
} WfKindLimits;

typedef struct {
    WfKindLimits lim;
    /* 行政检查 */
    bool notice_required;  /* the plan says the party is told beforehand */
    zf_day notice_on;      /* 检查通知 sent */
    bool identity_shown;   /* 出示执法证件 (行政处罚法 55) */
    zf_day inspected_on;   /* 现场检查 */
    int media_count;       /* photos and videos attached at 现场检查 */
    zf_day result_on;      /* 检查结果 recorded */
    zf_day correction_due_on; /* 责令改正 deadline */
    zf_day corrected_on;   /* 复查：整改完成 */
    zf_day result_published_on; /* 检查结果公示 */
    /* 行政强制措施 / 执行 */
    char measure[16];      /* seal / seize / freeze / enforce */
    bool freeze_allowed;   /* the power names 冻结 (行政强制法 29: only where a law provides) */
    bool urgent;
    zf_day approved_on, started_on, released_on;
    bool onsite_record;    /* 现场笔录 (行政强制法 18(7)) */
    bool inventory;        /* 清单 (行政强制法 24) */
    int extensions;        /* extensions approved so far */
    zf_day demand_served_on, demand_due_on, enforce_decided_on;
    zf_day executed_on;    /* the day of executed_at */
    int executed_minute;   /* minutes after midnight, -1 when not executed */
    int64_t principal_fen, late_fee_fen; /* 金钱给付义务 and its 滞纳金 (行政强制法 45) */
    /* 行政许可 */
    zf_day received_on, correction_notice_on, accepted_on;
    bool hearing_required; /* 许可法 46, 47 */
    bool granted;          /* decision outcome */
} WfKindState;

void kind_state_init(WfKindState *k);
void kind_limits_defaults(WfKindLimits *lim);

#endif
