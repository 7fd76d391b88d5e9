/* Names of the audit log's records (audit_names.h). The writers are auth.c (every mutating
 * request as method + path, every refusal) and the handlers that audit by name (auth_audit
 * calls); a new call site adds its code here, or the log shows it raw. Pure. */
#include "domain/audit_names.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *code, *name;
} Pair;

static const Pair ACTIONS[] = {
    {"login", "登录"}, {"logout", "退出"}, {"login_failed", "登录失败"}, {"login_locked", "登录锁定"},
    {"password_change", "修改密码"}, {"audit_export", "导出审计日志"}, {"export", "导出数据"},
    {"cases_export", "导出案件"}, {"findings_export", "导出预警"}, {"orders_export", "导出督办问诊"},
    {"leads_export", "导出线索"}, {"officers_export", "导出执法人员"}, {"powers_export", "导出权责清单"},
    {"agencies_export", "导出执法主体"}, {"users_export", "导出用户"}, {"audit_export_xlsx", "导出审计日志（Excel）"},
    {"filings_export", "导出重大决定备案"}, {"reports_monthly_export", "导出报送情况"}, {"review_plans_export", "导出评查计划"},
    {"focus_agencies_export", "导出重点督查对象"},
    {"normative_stats_export", "导出规范性文件备案统计"}, {"normative_filed", "报送规范性文件备案"},
    {"normative_filed_late", "逾期报送规范性文件备案"}, {"normative_act", "办理规范性文件备案审查"},
    {"normative_cleanup", "答复规范性文件清理"},
    {"assessment_ranking_export", "导出法治督察考核排名"}, {"assessment_plan_create", "新建考核方案"},
    {"assessment_plan_update", "修改考核方案"}, {"assessment_plan_copy", "复制考核方案"}, {"assessment_plan_publish", "发布考核方案"},
    {"assessment_plan_revise", "更正考核方案（新版本）"}, {"assessment_plan_close", "关闭考核方案（锁定评分）"},
    {"assessment_file", "上传考核佐证材料"}, {"assessment_file_download", "下载考核佐证材料"}, {"assessment_filling", "填报考核指标"},
    {"assessment_filling_review", "审核考核指标填报"}, {"assessment_contest", "对系统计算指标提出异议"},
    {"assessment_score", "考核指标赋分"}, {"assessment_task_create", "分解考核任务"}, {"assessment_task_progress", "报告考核任务进展"},
    {"assessment_order", "考核问题转督办"}, {"assessment_report", "下载考核结果报告"},
    /* 行政复议 (issue 24) */
    {"reconsiderations_export", "导出行政复议案件"}, {"reconsideration_stats_export", "导出行政复议统计"}, {"reconsideration_yearly_export", "导出行政复议年度统计表"},
    {"reconsideration_register", "登记行政复议申请"}, {"reconsideration_refused", "行政复议操作被拒绝"},
    {"reconsideration_notice_correction", "发出补正通知"}, {"reconsideration_correction_received", "收到补正材料"},
    {"reconsideration_accept", "受理行政复议申请"}, {"reconsideration_reject", "不予受理行政复议申请"},
    {"reconsideration_send_copy", "发送行政复议申请书副本"}, {"reconsideration_answer", "被申请人书面答复"},
    {"reconsideration_suspend", "中止行政复议"}, {"reconsideration_resume", "恢复行政复议审理"},
    {"reconsideration_extend", "延长行政复议期限"}, {"reconsideration_hearing", "行政复议听证"},
    {"reconsideration_mediate", "行政复议调解结案"}, {"reconsideration_decide", "作出行政复议决定"},
    {"reconsideration_close", "行政复议结案"}, {"reconsideration_act", "行政复议操作"},
    {"reconsideration_attach", "上传行政复议材料"}, {"reconsideration_attachment_download", "下载行政复议材料"},
    {"reconsideration_publication", "公开或暂不公开行政复议决定"}, {"reconsideration_dossier_export", "导出行政复议电子卷宗"},
    {"normative_file_refused", "拒收规范性文件全文文件"}, {"sync_order_answers", "接收下级节点的督办反馈"},
    {"bulletin_export", "下载月度通报"},
    {"sync_denied", "拒绝下级节点的同步请求"}, {"sync_enrol", "下级节点注册"}, {"sync_batch", "接收下级节点数据批次"},
    {"sync_node_reinstate", "恢复被拒收的下级节点"},
    {"dossier_export", "导出电子卷宗"}, {"read_personal", "查看个人信息"},
    {"timeline_read", "查看办理记录"}, {"approvals_read", "查看审批记录"}, {"attachment_list", "查看附件列表"}, {"attachment_download", "下载附件"},
    {"attachment_upload", "上传附件"}, {"attachment_refused", "附件操作被拒绝"},
    {"case_entry", "事后录入案件"}, {"case_edit", "修改录入的案件"}, {"element_put", "修改执法要素"},
    {"import_upload", "上传导入数据文件"}, {"monthly_report", "按月报送"}, {"setting_change", "修改系统参数"},
    {"token_add", "新增接口令牌"}, {"token_revoke", "吊销接口令牌"}, {"hotline_intake", "接收 12345 热线工单"},
    {"workflow_file", "登记线索（网上办案）"}, {"workflow_action", "办理案件"}, {"workflow_sign", "审批签署"},
    {"workflow_add_approver", "加签审批人"}, {"workflow_refused", "办案操作被拒绝"},
    {"workflow_refuse", "不同意（退回）"},
    {"review_standard_copy", "复制评查标准"}, {"review_standard_edit", "修改评查标准"},
    {"review_plan_create", "新建评查方案"}, {"review_plan_update", "修改评查方案"}, {"review_plan_sample", "抽取评查案卷"},
    {"review_plan_assign", "分配评查任务"}, {"review_plan_publish", "发布评查结果通报"},
    {"review_task_read", "查看评查案卷"}, {"review_task_save", "保存评分"}, {"review_task_submit", "提交评分"},
    {"review_attachment_download", "下载评查案卷附件"}, {"review_arbitrate", "评查仲裁"},
    {"review_defense", "提出评查申辩"}, {"review_defense_answer", "答复评查申辩"},
    {"review_order", "评查案卷转督办"}, {"review_results_export", "导出评查结果"},
    {"workflow_publish", "公示处罚决定"}, {"workflow_withdraw_publication", "撤回公示"},
    {"workflow_revoke", "登记决定被撤销/变更"}, {"inspection_file", "登记检查任务"}, {"filing_filed", "重大决定备案"},
    {"filing_filed_late", "重大决定逾期备案"}, {"filing_reviewed", "备案审查"},
    {"lead_create", "登记线索"}, {"lead_act", "办理线索"}, {"lead_refused", "线索操作被拒绝"},
    {"lead_photo_download", "查看线索照片"}, {"observation_create", "提交监督意见"},
    {"observation_photo", "上传监督意见照片"}, {"order_draft", "起草监督文书"}, {"order_issue", "下发监督文书"},
    {"order_receive", "签收监督文书"}, {"order_respond", "反馈整改情况"}, {"order_accept", "确认整改到位"},
    {"order_return", "退回重新整改"}, {"order_escalate", "升级督办"}, {"order_refused", "监督文书操作被拒绝"},
    {"order_remind", "监督文书提醒"}, {"order_attach", "上传监督文书材料"},
    {"insp_entity_save", "保存检查对象"}, {"insp_entities_import", "导入检查对象名录"},
    {"insp_recusals_put", "保存检查人员回避名单"}, {"insp_plan_create", "新建双随机抽查计划"},
    {"insp_plan_draw", "双随机抽取检查对象与检查人员"}, {"insp_plan_result", "登记抽查结果"},
    {"insp_plan_publish", "公开抽查结果"}, {"joint_catalogue_save", "保存综合查一次事项目录"},
    {"joint_plan_create", "制定联合检查计划"}, {"joint_plan_results", "登记联合检查结果"},
    {"order_attach_refused", "监督文书材料上传被拒绝"}, {"order_attachment_download", "下载监督文书材料"},
    {"delivery_consent", "登记电子送达确认书"}, {"delivery_send", "电子送达"}, {"delivery_refused", "送达操作被拒绝"},
    {"delivery_list", "查看送达记录"}, {"delivery_paper", "登记纸质送达"}, {"delivery_open", "当事人查看送达文书"},
    {"delivery_confirm", "当事人确认收到送达文书"}, {"delivery_code_refused", "送达验证码错误"},
    {"delivery_pdf", "当事人下载送达文书"},
    {"document_read", "查看执法文书"}, {"document_print", "打印全部执法文书"}, {"document_issue", "出具执法文书"},
    {"document_correct", "更正执法文书"}, {"document_refused", "执法文书出具被拒绝"},
};

static const Pair FIELDS[] = {
    {"party.id_no", "当事人证件号码"},
    {"线索反映人", "线索反映人"},
};

static const Pair DENIALS[] = {
    {"not_logged_in", "未登录"}, {"csrf_failed", "请求校验失败"},
    {"password_change_required", "须先修改密码"}, {"forbidden", "无权限"},
};

/* Requests by method and path pattern ({x}: one segment). GET requests are audited only when
 * refused or made with an interface token; a path with no row here falls back to its resource. */
static const struct {
    const char *method, *path, *name;
} ROUTES[] = {
    {"POST", "/api/v1/session", "登录"}, {"DELETE", "/api/v1/session", "退出"},
    {"PUT", "/api/v1/session/password", "修改密码"}, {"POST", "/api/v1/users", "新建用户"},
    {"PUT", "/api/v1/users/{}", "修改用户"}, {"POST", "/api/v1/users/{}/reset-password", "重置用户密码"},
    {"PUT", "/api/v1/roles/{}", "修改角色权限"}, {"PUT", "/api/v1/agencies/{}", "保存执法主体"},
    {"PUT", "/api/v1/officers/{}", "保存执法人员"}, {"PUT", "/api/v1/powers/{}", "保存职权事项"},
    {"PUT", "/api/v1/benchmarks/{}", "保存裁量基准"}, {"POST", "/api/v1/imports", "批量导入数据"},
    {"POST", "/api/v1/cases", "事后录入案件"}, {"PUT", "/api/v1/cases/{}", "修改录入的案件"},
    {"PUT", "/api/v1/reports/monthly/{}/{}", "按月报送"}, {"PUT", "/api/v1/settings/{}", "修改系统参数"},
    {"PUT", "/api/v1/rule-config", "修改规则配置"}, {"POST", "/api/v1/findings/sweep", "重新检查全部记录"},
    {"POST", "/api/v1/filings/{}/review", "审查重大决定备案"}, {"POST", "/api/v1/workflow/cases", "登记线索（网上办案）"},
    {"POST", "/api/v1/workflow/cases/{}/actions", "办理案件"},
    {"POST", "/api/v1/workflow/cases/{}/attachments", "上传案件附件"},
    {"POST", "/api/v1/workflow/cases/{}/publication", "公示处罚决定"},
    {"DELETE", "/api/v1/workflow/cases/{}/publication", "撤回公示"},
    {"POST", "/api/v1/workflow/cases/{}/revocation", "登记决定被撤销/变更"},
    {"POST", "/api/v1/inspections", "登记检查任务"},
    {"POST", "/api/v1/workflow/cases/{}/discretion", "计算裁量建议"}, {"POST", "/api/v1/orders", "起草监督文书"},
    {"POST", "/api/v1/orders/{}/actions", "办理监督文书"}, {"POST", "/api/v1/orders/{}/attachments", "上传监督文书材料"},
    {"POST", "/api/v1/leads", "登记线索"}, {"POST", "/api/v1/leads/{}/actions", "办理线索"},
    {"POST", "/api/v1/leads/hotline", "接收 12345 热线工单"}, {"POST", "/api/v1/leads/hotline-file", "接收 12345 热线工单文件"},
    {"POST", "/api/v1/observations", "提交监督意见"}, {"POST", "/api/v1/observations/{}/photos", "上传监督意见照片"},
    {"POST", "/api/v1/tokens", "新增接口令牌"}, {"DELETE", "/api/v1/tokens/{}", "吊销接口令牌"},
    {"POST", "/api/v1/inspection-entities", "保存检查对象"}, {"PUT", "/api/v1/inspection-entities/{}", "保存检查对象"},
    {"POST", "/api/v1/inspection-entities/import", "导入检查对象名录"},
    {"PUT", "/api/v1/inspection-officers/{}/recusals", "保存检查人员回避名单"},
    {"POST", "/api/v1/inspection-plans", "新建双随机抽查计划"}, {"POST", "/api/v1/inspection-plans/{}/draw", "双随机抽取检查对象与检查人员"},
    {"POST", "/api/v1/inspection-plans/{}/results", "登记抽查结果"}, {"POST", "/api/v1/inspection-plans/{}/publish", "公开抽查结果"},
    {"POST", "/api/v1/joint-catalogue", "保存综合查一次事项目录"}, {"PUT", "/api/v1/joint-catalogue/{}", "保存综合查一次事项目录"},
    {"POST", "/api/v1/joint-plans", "制定联合检查计划"}, {"POST", "/api/v1/joint-plans/{}/results", "登记联合检查结果"},
    {"POST", "/api/v1/cases/{}/delivery-consent", "登记电子送达确认书"}, {"POST", "/api/v1/cases/{}/deliveries", "电子送达"},
    {"POST", "/api/v1/cases/{}/paper-delivery", "登记纸质送达"},
    {"POST", "/api/v1/public/complaints", "群众投诉"}, {"POST", "/api/v1/public/complaints/{}/photos", "群众投诉补传照片"},
};

/* The resource of a path the table does not list: its first segment after /api/v1/. */
static const Pair RESOURCES[] = {
    {"agencies", "执法主体"}, {"officers", "执法人员"}, {"powers", "职权事项"}, {"benchmarks", "裁量基准"},
    {"laws", "法律法规"}, {"cases", "案件"}, {"workflow", "网上办案"}, {"findings", "监督预警"},
    {"filings", "重大决定备案"}, {"orders", "监督文书"}, {"leads", "线索"}, {"observations", "监督意见"},
    {"focus-agencies", "重点督查对象"}, {"rule-config", "规则配置"}, {"rules", "监督规则"},
    {"settings", "系统参数"}, {"users", "用户"}, {"roles", "角色权限"}, {"tokens", "接口令牌"},
    {"audit", "审计日志"}, {"ledger", "存证记录"}, {"reports", "按月报送"}, {"imports", "数据导入"},
    {"regions", "行政区划"}, {"dicts", "数据字典"}, {"session", "会话"}, {"public", "公众门户"},
    {"templates", "文书模板"}, {"elements", "执法要素"},
    {"inspection-entities", "检查对象名录"}, {"inspection-officers", "检查人员名录"}, {"inspection-plans", "双随机抽查计划"},
    {"joint-catalogue", "综合查一次事项目录"}, {"joint-plans", "联合检查计划"},
    {"normative-docs", "规范性文件备案审查"}, {"normative-tasks", "规范性文件审查任务"},
};

static const Pair VERBS[] = {{"GET", "查看"}, {"POST", "提交"}, {"PUT", "修改"}, {"DELETE", "删除"}};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool pair_at(const Pair *t, size_t n, size_t i, const char **code, const char **name)
{
    if (i >= n) return false;
    *code = t[i].code;
    *name = t[i].name;
    return true;
}
bool audit_action_at(size_t i, const char **code, const char **name) { return pair_at(ACTIONS, COUNT(ACTIONS), i, code, name); }
bool audit_field_at(size_t i, const char **code, const char **name) { return pair_at(FIELDS, COUNT(FIELDS), i, code, name); }
bool audit_denial_at(size_t i, const char **code, const char **name) { return pair_at(DENIALS, COUNT(DENIALS), i, code, name); }

static const char *lookup(const Pair *t, size_t n, const char *code, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(t[i].code) == len && strncmp(t[i].code, code, len) == 0) return t[i].name;
    return NULL;
}

/* Does path match pattern, where "{}" stands for one non-empty segment? */
static bool path_matches(const char *pattern, const char *path)
{
    while (*pattern && *path) {
        if (pattern[0] == '{' && pattern[1] == '}') {
            if (*path == '/') return false;
            while (*path && *path != '/') path++;
            pattern += 2;
        } else if (*pattern++ != *path++) {
            return false;
        }
    }
    return !*pattern && !*path;
}

static const char *request_name(const char *method, const char *path, char *buf, size_t size)
{
    for (size_t i = 0; i < COUNT(ROUTES); i++)
        if (strcmp(ROUTES[i].method, method) == 0 && path_matches(ROUTES[i].path, path)) return ROUTES[i].name;
    const char *verb = lookup(VERBS, COUNT(VERBS), method, strlen(method));
    const char *prefix = "/api/v1/";
    if (!verb || strncmp(path, prefix, strlen(prefix)) != 0) return "";
    const char *res = path + strlen(prefix);
    const char *what = lookup(RESOURCES, COUNT(RESOURCES), res, strcspn(res, "/?"));
    if (!what) return "";
    snprintf(buf, size, "%s%s", verb, what);
    return buf;
}

const char *audit_record_name(const char *action, const char *target, char *buf, size_t size)
{
    if (!action || !size) return "";
    buf[0] = '\0';
    const char *named = lookup(ACTIONS, COUNT(ACTIONS), action, strlen(action));
    if (named) return named;
    return target ? request_name(action, target, buf, size) : "";
}
