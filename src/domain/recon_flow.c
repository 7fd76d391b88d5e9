/* See recon_flow.h. */
#include "domain/recon_flow.h"

#include <stddef.h>
#include <string.h>

const char *const RECON_STATUSES[][2] = {
    {"received", "审查中"},   {"correcting", "补正中"}, {"accepted", "已受理"},   {"copy_sent", "待答复"},
    {"answered", "审理中"},   {"suspended", "中止"},    {"mediated", "调解结案"}, {"decided", "已作出决定"},
    {"rejected", "不予受理"}, {"closed", "已结案"},     {NULL, NULL}};

const char *const RECON_OUTCOMES[][2] = {
    {"maintain", "维持"},  {"revoke", "撤销"},           {"change", "变更"}, {"confirm_illegal", "确认违法"},
    {"order_perform", "责令履行"}, {"dismiss", "驳回"}, {NULL, NULL}};

/* 第三十条第一款 (一)–(七); 第二十条 is its (四). */
const char *const RECON_REJECT_REASONS[][2] = {
    {"no_applicant", "没有明确的申请人或者符合规定的被申请人（第三十条第一款第一项）"},
    {"no_interest", "申请人与行政行为没有利害关系（第三十条第一款第二项）"},
    {"no_request", "没有具体的行政复议请求和理由（第三十条第一款第三项）"},
    {"late", "超过法定申请期限（第二十条、第三十条第一款第四项）"},
    {"out_of_scope", "不属于行政复议范围（第三十条第一款第五项）"},
    {"not_ours", "不属于本机关管辖（第三十条第一款第六项）"},
    {"duplicate", "已受理过同一申请或者人民法院已受理同一行政诉讼（第三十条第一款第七项）"},
    {NULL, NULL}};

#define RUNNING "accepted copy_sent answered"
#define OPINION_FROM "accepted copy_sent answered suspended mediated decided closed"
const ReconActionDef RECON_ACTIONS[] = {
    {"notice_correction", "补正通知", "received correcting", "correcting", RECON_SIDE_ORGAN},
    {"correction_received", "收到补正材料", "correcting", "received", RECON_SIDE_ORGAN},
    {"accept", "受理", "received", "accepted", RECON_SIDE_ORGAN},
    {"reject", "不予受理", "received correcting", "rejected", RECON_SIDE_ORGAN},
    {"send_copy", "发送申请书副本", "accepted", "copy_sent", RECON_SIDE_ORGAN},
    {"answer", "书面答复", "copy_sent", "answered", RECON_SIDE_RESPONDENT},
    {"suspend", "中止", RUNNING, "suspended", RECON_SIDE_ORGAN},
    {"resume", "恢复审理", "suspended", "", RECON_SIDE_ORGAN},
    {"extend", "延长审理期限", RUNNING, NULL, RECON_SIDE_HEAD},
    {"hearing", "听证", "copy_sent answered", NULL, RECON_SIDE_ORGAN},
    {"mediate", "调解（和解）结案", "copy_sent answered", "mediated", RECON_SIDE_ORGAN},
    {"decide", "作出行政复议决定", "copy_sent answered", "decided", RECON_SIDE_ORGAN},
    {"close", "结案归档", "decided mediated rejected", "closed", RECON_SIDE_ORGAN},
    /* 第七十六条: the 意见书 and the respondent's correction report within 60 days, whatever the
     * case's own status once it is accepted (app/reconsideration_opinion.c says when each is open) */
    {"opinion", "制发行政复议意见书", OPINION_FROM, NULL, RECON_SIDE_ORGAN},
    {"opinion_report", "报送纠正情况", OPINION_FROM, NULL, RECON_SIDE_RESPONDENT},
    {"opinion_accept", "认可纠正情况报告", OPINION_FROM, NULL, RECON_SIDE_ORGAN},
    {"opinion_return", "退回纠正情况报告", OPINION_FROM, NULL, RECON_SIDE_ORGAN},
    {NULL, NULL, NULL, NULL, 0}};

static const char *const SUSPEND_REASONS[] = {
    NULL,
    "作为申请人的公民死亡，其近亲属尚未确定是否参加行政复议",
    "作为申请人的公民丧失参加行政复议的行为能力，尚未确定法定代理人参加行政复议",
    "作为申请人的公民下落不明",
    "作为申请人的法人或者其他组织终止，尚未确定权利义务承受人",
    "申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议",
    "依照本法规定进行调解、和解，申请人和被申请人同意中止",
    "行政复议案件涉及的法律适用问题需要有权机关作出解释或者确认",
    "行政复议案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结",
    "有本法第五十六条或者第五十七条规定的情形",
    "需要中止行政复议的其他情形",
};

const ReconActionDef *recon_action(const char *code)
{
    for (const ReconActionDef *a = RECON_ACTIONS; code && a->code; a++)
        if (strcmp(a->code, code) == 0) return a;
    return NULL;
}

bool recon_action_allowed_from(const ReconActionDef *def, const char *status)
{
    size_t n = status ? strlen(status) : 0;
    for (const char *p = def->from; n && p && *p;) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, status, n) == 0) return true;
        p = end ? end + 1 : NULL;
    }
    return false;
}

const char *recon_action_target(const ReconActionDef *def, const char *status, const char *prior)
{
    if (!def->to) return status;
    return def->to[0] ? def->to : prior;
}

static const char *lookup(const char *const table[][2], const char *code)
{
    for (size_t i = 0; code && table[i][0]; i++)
        if (strcmp(table[i][0], code) == 0) return table[i][1];
    return NULL;
}

const char *recon_status_name(const char *code) { return lookup(RECON_STATUSES, code); }
const char *recon_outcome_name(const char *code) { return lookup(RECON_OUTCOMES, code); }
const char *recon_reject_reason(const char *code) { return lookup(RECON_REJECT_REASONS, code); }

const char *recon_outcome_revocation(const char *outcome)
{
    static const char *const KINDS[][2] = {{"revoke", "revoked"}, {"change", "changed"}, {"confirm_illegal", "illegal"},
                                           {NULL, NULL}};
    return lookup(KINDS, outcome);
}

bool recon_outcome_corrects(const char *outcome)
{
    return recon_outcome_revocation(outcome) || (outcome && strcmp(outcome, "order_perform") == 0);
}

const char *recon_suspend_reason(int n) { return n >= 1 && n <= 10 ? SUSPEND_REASONS[n] : NULL; }
