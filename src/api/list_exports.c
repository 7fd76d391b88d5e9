/* The Excel exports of the list pages (GET <list>/export.xlsx): each list's columns as its page
 * shows them, under the page's Chinese headings; the work is api/list_export.c's. */
#include "api/api.h"
#include "api/list_export.h"
#include "api/reviews.h"

#define N(a) ((int)(sizeof a / sizeof *a))
#define EXPORT(fn, action, sheet, ascii, utf8, handler, cols)                                   \
    int fn(HttpRequest *req)                                                                      \
    {                                                                                             \
        static const ListExport ex = {action, sheet, ascii, utf8, handler, N(cols), cols};        \
        return list_export_reply(req, &ex);                                                       \
    }

static const ListExportColumn FINDINGS[] = {
    {"severity", "级别", 8, LX_TEXT, "severities"},     {"rule", "规则", 30, LX_TEXT, "rules"},
    {"subject_type", "对象类别", 10, LX_TEXT, "subject_types"}, {"subject", "对象", 26, LX_TEXT, NULL},
    {"agency_name", "执法主体", 28, LX_TEXT, NULL},     {"sector", "领域", 12, LX_TEXT, "sectors"},
    {"message", "说明", 40, LX_TEXT, NULL},             {"law", "依据", 36, LX_TEXT, NULL},
    {"due_on", "期限", 12, LX_TEXT, NULL},              {"first_seen", "首次发现", 20, LX_TEXT, NULL},
    {"age_days", "持续天数", 10, LX_NUMBER, NULL},      {"resolved_at", "消除时间", 20, LX_TEXT, NULL},
};
EXPORT(api_findings_export, "findings_export", "预警", "findings.xlsx", "预警看板.xlsx", api_findings_list, FINDINGS)

static const ListExportColumn ORDERS[] = {
    {"doc_no", "文号", 26, LX_TEXT, NULL},          {"kind_name", "类别", 14, LX_TEXT, NULL},
    {"agency_name", "执法主体", 28, LX_TEXT, NULL}, {"region_name", "区划", 12, LX_TEXT, NULL},
    {"problem", "问题", 40, LX_TEXT, NULL},         {"case_nos", "涉及案件", 30, LX_TEXT, NULL},
    {"status_name", "状态", 10, LX_TEXT, NULL},     {"issued_on", "下发日期", 12, LX_TEXT, NULL},
    {"deadline_wd", "整改期限（工作日）", 10, LX_NUMBER, NULL}, {"due_on", "到期日", 12, LX_TEXT, NULL},
    {"overdue", "逾期", 6, LX_YESNO, NULL},         {"escalation_name", "升级", 10, LX_TEXT, NULL},
    {"issuer", "下发机关", 20, LX_TEXT, NULL},
};
EXPORT(api_orders_export, "orders_export", "督办问诊", "orders.xlsx", "督办问诊.xlsx", api_orders_list, ORDERS)

static const ListExportColumn LEADS[] = {
    {"id", "编号", 8, LX_NUMBER, NULL},             {"source_name", "来源", 12, LX_TEXT, NULL},
    {"source_ref", "来源编号", 16, LX_TEXT, NULL},  {"category", "类别", 12, LX_TEXT, NULL},
    {"content", "内容", 50, LX_TEXT, NULL},         {"agency_name", "涉及执法主体", 28, LX_TEXT, NULL},
    {"case_no", "涉及案件", 24, LX_TEXT, NULL},     {"status_name", "状态", 10, LX_TEXT, NULL},
    {"received_at", "受理时间", 20, LX_TEXT, NULL}, {"due_on", "办理期限", 12, LX_TEXT, NULL},
    {"answered_on", "答复日期", 12, LX_TEXT, NULL}, {"overdue", "逾期", 6, LX_YESNO, NULL},
};
EXPORT(api_leads_export, "leads_export", "线索", "leads.xlsx", "线索受理.xlsx", api_leads_list, LEADS)

static const ListExportColumn OFFICERS[] = {
    {"name", "姓名", 10, LX_TEXT, NULL},          {"cert_no", "执法证号", 16, LX_TEXT, NULL},
    {"agency_name", "所属执法主体", 28, LX_TEXT, NULL}, {"cert_valid_from", "有效期自", 12, LX_TEXT, NULL},
    {"cert_valid_to", "有效期至", 12, LX_TEXT, NULL}, {"status", "状态", 8, LX_TEXT, "officer_status"},
};
EXPORT(api_officers_export, "officers_export", "执法人员", "officers.xlsx", "执法人员.xlsx", api_officers_list, OFFICERS)

static const ListExportColumn POWERS[] = {
    {"code", "事项编码", 14, LX_TEXT, NULL}, {"name", "事项名称", 40, LX_TEXT, NULL},
    {"kind", "类别", 10, LX_TEXT, "power_kinds"}, {"basis", "依据", 50, LX_TEXT, NULL},
};
EXPORT(api_powers_export, "powers_export", "权责清单", "powers.xlsx", "权责清单.xlsx", api_powers_list, POWERS)

static const ListExportColumn AGENCIES[] = {
    {"name", "名称", 30, LX_TEXT, NULL},          {"code", "统一社会信用代码", 22, LX_TEXT, NULL},
    {"region", "区划代码", 10, LX_TEXT, NULL},    {"level", "层级", 10, LX_TEXT, "agency_levels"},
    {"kind", "类别", 14, LX_TEXT, "agency_kinds"}, {"sector", "领域", 12, LX_TEXT, "sectors"},
};
EXPORT(api_agencies_export, "agencies_export", "执法主体", "agencies.xlsx", "执法主体.xlsx", api_agencies_list, AGENCIES)

static const ListExportColumn USERS[] = {
    {"username", "用户名", 14, LX_TEXT, NULL},     {"display_name", "姓名", 10, LX_TEXT, NULL},
    {"role_name", "角色", 14, LX_TEXT, NULL},      {"agency_name", "所属机构", 28, LX_TEXT, NULL},
    {"region", "区划代码", 10, LX_TEXT, NULL},     {"disabled", "已停用", 8, LX_YESNO, NULL},
};
EXPORT(api_users_export, "users_export", "用户", "users.xlsx", "用户管理.xlsx", api_users_list, USERS)

static const ListExportColumn AUDIT[] = {
    {"time", "时间", 20, LX_TEXT, NULL},        {"username", "用户", 14, LX_TEXT, NULL},
    {"role", "角色", 14, LX_TEXT, "roles"},     {"ip", "IP", 16, LX_TEXT, NULL},
    {"action_name", "动作", 18, LX_TEXT, NULL}, {"target", "对象", 30, LX_TEXT, NULL},
    {"result", "结果", 8, LX_TEXT, NULL},       {"detail", "详情", 30, LX_TEXT, NULL},
};
EXPORT(api_audit_export_xlsx, "audit_export_xlsx", "审计日志", "audit.xlsx", "审计日志.xlsx", api_audit_list, AUDIT)

static const ListExportColumn FILINGS[] = {
    {"case_no", "案号", 26, LX_TEXT, NULL},         {"agency_name", "执法主体", 28, LX_TEXT, NULL},
    {"reasons", "重大的理由", 40, LX_TEXT, NULL},   {"decided_on", "决定日期", 12, LX_TEXT, NULL},
    {"filed_on", "备案日期", 12, LX_TEXT, NULL},    {"due_on", "备案期限", 12, LX_TEXT, NULL},
    {"late", "逾期备案", 8, LX_YESNO, NULL},        {"status_name", "审查状态", 10, LX_TEXT, NULL},
    {"result_name", "审查结果", 10, LX_TEXT, NULL}, {"note", "审查意见", 30, LX_TEXT, NULL},
};
EXPORT(api_filings_export, "filings_export", "重大决定备案", "filings.xlsx", "重大决定备案.xlsx", api_filings_list, FILINGS)

static const ListExportColumn MONTHLY[] = {
    {"name", "执法主体", 30, LX_TEXT, NULL}, {"region", "区划代码", 10, LX_TEXT, NULL},
    {"submitted", "已报送", 8, LX_YESNO, NULL}, {"overdue", "逾期未报", 8, LX_YESNO, NULL},
    {"report.submitted_at", "报送时间", 20, LX_TEXT, NULL},
};
EXPORT(api_reports_monthly_export, "reports_monthly_export", "报送情况", "monthly-reports.xlsx", "报送情况.xlsx",
       api_reports_monthly_list, MONTHLY)

static const ListExportColumn PLANS[] = {
    {"name", "计划名称", 36, LX_TEXT, NULL},         {"period_from", "评查期间自", 12, LX_TEXT, NULL},
    {"period_to", "评查期间至", 12, LX_TEXT, NULL},  {"status_name", "状态", 10, LX_TEXT, NULL},
    {"per_agency", "每主体抽取（件）", 10, LX_NUMBER, NULL}, {"created_at", "创建时间", 20, LX_TEXT, NULL},
};
EXPORT(api_review_plans_export, "review_plans_export", "评查计划", "review-plans.xlsx", "案卷评查.xlsx",
       api_review_plans_list, PLANS)

static const ListExportColumn FOCUS[] = {
    {"rank", "排名", 6, LX_NUMBER, NULL},          {"agency_name", "执法主体", 30, LX_TEXT, NULL},
    {"leads", "线索（件）", 10, LX_NUMBER, NULL},   {"reconsideration", "复议纠错（件）", 12, LX_NUMBER, NULL},
    {"litigation", "诉讼纠错（件）", 12, LX_NUMBER, NULL}, {"orders", "监督文书（件）", 12, LX_NUMBER, NULL},
    {"overdue_orders", "逾期文书（件）", 12, LX_NUMBER, NULL}, {"violations", "违法预警（条）", 12, LX_NUMBER, NULL},
    {"score", "得分", 8, LX_NUMBER, NULL},
};
EXPORT(api_focus_agencies_export, "focus_agencies_export", "重点督查对象", "focus-agencies.xlsx", "重点督查对象.xlsx",
       api_focus_agencies, FOCUS)
