/* The case kinds of issue 20 as tables: 行政检查, 行政强制措施, 行政强制执行 and 行政许可. Each
 * transition names who may take it and the gates (kind_gates.c) that cite the article it rests
 * on; the periods are in kind_deadlines.c. Pure: a case type is data. */
#include "domain/workflow/workflow.h"

#define COUNT(a) (sizeof(a) / sizeof *(a))

enum { OFF = WR_OFFICER, HEAD = WR_AGENCY_HEAD };

/* ---- 行政检查: plan → notice → on-site record → result → follow-up → published, closed ---- */

static const WfStageDef INSPECTION_STAGES[] = {
    {WS_INSP_PLAN, "inspection_plan", "检查准备", WF_F_PARTY | WF_F_OFFICERS},
    {WS_INSP_NOTICE, "inspection_notice", "检查通知", 0},
    {WS_INSP_ONSITE, "inspection_onsite", "现场检查", WF_F_OFFICERS},
    {WS_INSP_RESULT, "inspection_result", "检查结果", WF_F_INSPECTED_ON},
    {WS_INSP_FOLLOWUP, "inspection_followup", "整改复查", 0},
    {WS_INSP_PUBLICITY, "inspection_publicity", "结果公示", 0},
    {WS_CLOSED, "closed", "结案", 0},
};

static const WfTransition INSPECTION_TRANSITIONS[] = {
    {WS_INSP_PLAN, WS_INSP_NOTICE, WA_INSP_NOTIFY, OFF, false, 0},
    {WS_INSP_PLAN, WS_INSP_ONSITE, WA_INSP_START, OFF, false, WG_INSP_NOTICE | WG_OFFICERS},
    {WS_INSP_NOTICE, WS_INSP_ONSITE, WA_INSP_START, OFF, false, WG_INSP_NOTICE | WG_OFFICERS},
    {WS_INSP_ONSITE, WS_INSP_RESULT, WA_INSP_RECORD, OFF, false, WG_OFFICERS | WG_INSP_ONSITE},
    {WS_INSP_RESULT, WS_INSP_PUBLICITY, WA_INSP_PASS, OFF, false, 0},
    {WS_INSP_RESULT, WS_INSP_FOLLOWUP, WA_INSP_ORDER, OFF, false, WG_INSP_CORRECTION},
    {WS_INSP_RESULT, WS_INSP_PUBLICITY, WA_INSP_TRANSFER, OFF, false, 0},
    {WS_INSP_FOLLOWUP, WS_INSP_PUBLICITY, WA_INSP_FOLLOWUP_PASS, OFF, false, WG_OFFICERS | WG_INSP_CORRECTED},
    {WS_INSP_FOLLOWUP, WS_INSP_PUBLICITY, WA_INSP_TRANSFER, OFF, false, 0},
    {WS_INSP_PUBLICITY, WS_CLOSED, WA_INSP_CLOSE, OFF, false, WG_INSP_PUBLISHED},
};

/* ---- 行政强制措施 (行政强制法 第三章): approval, 现场笔录 and 清单, 30 + 30 days, release ---- */

static const WfStageDef COERCION_STAGES[] = {
    {WS_CO_REQUEST, "coercion_request", "强制措施审批", WF_F_PARTY | WF_F_OFFICERS | WF_F_MEASURE},
    {WS_CO_REPORT, "coercion_report", "紧急实施后报批", 0},
    {WS_CO_IMPLEMENT, "coercion_implement", "实施强制措施", 0},
    {WS_CO_HOLDING, "coercion_holding", "查封扣押期间", 0},
    {WS_CLOSED, "closed", "结案", 0},
};

static const WfTransition COERCION_TRANSITIONS[] = {
    {WS_CO_REQUEST, WS_CO_IMPLEMENT, WA_CO_APPROVE, HEAD, true, WG_CO_POWER},
    {WS_CO_REQUEST, WS_CO_REPORT, WA_CO_URGENT, OFF, false, WG_CO_POWER | WG_OFFICERS | WG_CO_RECORD},
    {WS_CO_REPORT, WS_CO_HOLDING, WA_CO_APPROVE, HEAD, true, WG_CO_APPROVAL},
    {WS_CO_REPORT, WS_CLOSED, WA_CO_RELEASE, OFF, false, 0},
    {WS_CO_IMPLEMENT, WS_CO_HOLDING, WA_CO_IMPLEMENT, OFF, false, WG_OFFICERS | WG_CO_APPROVAL | WG_CO_RECORD},
    {WS_CO_HOLDING, WS_CO_HOLDING, WA_CO_EXTEND, HEAD, true, WG_CO_EXTENSION},
    {WS_CO_HOLDING, WS_CLOSED, WA_CO_RELEASE, OFF, false, 0},
    {WS_CO_HOLDING, WS_CLOSED, WA_CO_HANDOVER, OFF, false, 0},
};

/* ---- 行政强制执行 (行政强制法 第四章): 催告, its period, the decision, execution in daytime ---- */

static const WfStageDef ENFORCE_STAGES[] = {
    {WS_EN_DEMAND, "enforce_demand", "催告", WF_F_PARTY | WF_F_OFFICERS},
    {WS_EN_WAIT, "enforce_wait", "催告履行期", 0},
    {WS_EN_DECISION, "enforce_decision", "强制执行决定", 0},
    {WS_EN_EXECUTE, "enforce_execute", "实施强制执行", 0},
    {WS_CLOSED, "closed", "结案", 0},
};

static const WfTransition ENFORCE_TRANSITIONS[] = {
    {WS_EN_DEMAND, WS_EN_WAIT, WA_EN_DEMAND, OFF, false, WG_EN_LATE_FEE},
    {WS_EN_WAIT, WS_EN_DECISION, WA_EN_DEMAND_DUE, OFF, false, WG_EN_DEMAND},
    {WS_EN_DECISION, WS_EN_EXECUTE, WA_EN_DECIDE, HEAD, true, WG_EN_DEMAND | WG_EN_LATE_FEE},
    {WS_EN_EXECUTE, WS_CLOSED, WA_EN_EXECUTE, OFF, false, WG_OFFICERS | WG_EN_TIME | WG_EN_LATE_FEE},
};

/* ---- 行政许可 (行政许可法 第四章): 申请, 补正, 受理, 审查, 决定, 送达, 公示 ---------------- */

static const WfStageDef LICENSE_STAGES[] = {
    {WS_LI_RECEIVED, "license_received", "申请接收", WF_F_PARTY | WF_F_RECEIVED_ON},
    {WS_LI_CORRECTION, "license_correction", "补正材料", 0},
    {WS_LI_REVIEW, "license_review", "审查", 0},
    {WS_LI_DECISION, "license_decision", "许可决定", 0},
    {WS_LI_SERVICE, "license_service", "送达许可决定", 0},
    {WS_LI_PUBLICITY, "license_publicity", "许可公示", 0},
    {WS_CLOSED, "closed", "结案", 0},
};

static const WfTransition LICENSE_TRANSITIONS[] = {
    {WS_LI_RECEIVED, WS_LI_CORRECTION, WA_LI_CORRECTION, OFF, false, WG_LI_CORRECTION},
    {WS_LI_RECEIVED, WS_LI_REVIEW, WA_LI_ACCEPT, OFF, false, 0},
    {WS_LI_CORRECTION, WS_LI_REVIEW, WA_LI_ACCEPT, OFF, false, 0},
    {WS_LI_REVIEW, WS_LI_REVIEW, WA_LI_EXTEND, HEAD, true, WG_LI_EXTENSION},
    {WS_LI_REVIEW, WS_LI_DECISION, WA_LI_SUBMIT, OFF, false, 0},
    {WS_LI_DECISION, WS_LI_SERVICE, WA_LI_GRANT, HEAD, true, WG_LI_DECISION},
    {WS_LI_DECISION, WS_LI_SERVICE, WA_LI_DENY, HEAD, true, WG_LI_DECISION},
    {WS_LI_SERVICE, WS_LI_PUBLICITY, WA_LI_SERVE, OFF, false, 0},
    {WS_LI_PUBLICITY, WS_CLOSED, WA_LI_PUBLISH, OFF, false, WG_INSP_PUBLISHED},
};

static const WfCaseType INSPECTION = {"inspection", "行政检查", INSPECTION_STAGES, COUNT(INSPECTION_STAGES),
                                      INSPECTION_TRANSITIONS, COUNT(INSPECTION_TRANSITIONS)};
static const WfCaseType COERCION = {"coercion", "行政强制措施", COERCION_STAGES, COUNT(COERCION_STAGES),
                                    COERCION_TRANSITIONS, COUNT(COERCION_TRANSITIONS)};
static const WfCaseType ENFORCE = {"enforcement", "行政强制执行", ENFORCE_STAGES, COUNT(ENFORCE_STAGES),
                                   ENFORCE_TRANSITIONS, COUNT(ENFORCE_TRANSITIONS)};
static const WfCaseType LICENSE = {"license", "行政许可", LICENSE_STAGES, COUNT(LICENSE_STAGES),
                                   LICENSE_TRANSITIONS, COUNT(LICENSE_TRANSITIONS)};

const WfCaseType *workflow_kind_type(WfProcedure procedure)
{
    switch (procedure) {
    case WF_PROC_INSPECTION: return &INSPECTION;
    case WF_PROC_COERCION: return &COERCION;
    case WF_PROC_ENFORCE: return &ENFORCE;
    case WF_PROC_LICENSE: return &LICENSE;
    default: return NULL;
    }
}

WfStage workflow_kind_first_stage(WfProcedure procedure)
{
    const WfCaseType *t = workflow_kind_type(procedure);
    return t ? t->stages[0].stage : WS_CLUE;
}

/* ---- names for the dictionaries (GET /api/v1/dicts): never a code on a page ---------------- */

bool workflow_case_type_at(size_t i, const char **code, const char **name)
{
    if (i >= WF_PROC_COUNT) return false;
    const WfCaseType *t = workflow_case_type((WfProcedure)i);
    *code = t->code, *name = t->name;
    return true;
}

typedef struct {
    const char *code, *name;
} Label;

static bool label_at(const Label *list, size_t n, size_t i, const char **code, const char **name)
{
    if (i >= n) return false;
    *code = list[i].code, *name = list[i].name;
    return true;
}

bool inspection_result_at(size_t i, const char **code, const char **name)
{
    static const Label L[] = {{"ok", "合格"}, {"correct", "责令改正"}, {"transfer", "移送立案"}};
    return label_at(L, COUNT(L), i, code, name);
}

bool coercion_measure_at(size_t i, const char **code, const char **name)
{
    static const Label L[] = {{"seal", "查封"}, {"seize", "扣押"}, {"freeze", "冻结"}, {"enforce", "强制执行"}};
    return label_at(L, COUNT(L), i, code, name);
}

bool coercion_disposition_at(size_t i, const char **code, const char **name)
{
    static const Label L[] = {{"release", "解除强制措施"}, {"handover", "移送或者依法处理"}};
    return label_at(L, COUNT(L), i, code, name);
}
