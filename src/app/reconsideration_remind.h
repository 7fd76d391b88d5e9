/* The daily reminders of 行政复议 (from app_messages_daily: the server's daily run and `zhifa
 * sweep`). Each period that runs — the record's next deadline (审查受理, 发送副本, 答复, 决定) and the
 * 意见书's correction report (第七十六条) — when it is near (yellow: within recon_warn_wd working
 * days) or past (red) its due date sends `recon_deadline` to the 承办人, and when red also to the
 * 行政复议机构负责人 (reconsideration.approve over the respondent's region); once per case per user per
 * day. An overdue correction report also files a lead (source reconsideration, source_ref
 * "reconsideration:<复议案号>:opinion_report") for the respondent's supervisors, once. */
#ifndef ZF_APP_RECONSIDERATION_REMIND_H
#define ZF_APP_RECONSIDERATION_REMIND_H

#include "app/context.h"

typedef struct {
    int messages, leads;
} ReconRemindSummary;

int app_recon_remind(const AppContext *cx, ReconRemindSummary *sum, ZfError *err);

#endif
