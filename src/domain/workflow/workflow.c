/* The penalty case types as tables (行政处罚法 第五章) and the step check built on them.
 * Pure: a case type is data; adding a stage or a gate means editing a table, not control flow. */
#include "domain/workflow/workflow.h"

#include <ctype.h>
#include <string.h>

#include "util/text.h"

static const struct {
    const char *code, *name;
} STAGE_NAMES[WF_STAGE_COUNT] = {
    [WS_CLUE] = {"clue", "线索登记"},
    [WS_FILING] = {"filing", "立案"},
    [WS_INVESTIGATION] = {"investigation", "调查取证"},
    [WS_CASE_REVIEW] = {"case_review", "案件审核"},
    [WS_NOTICE] = {"notice", "告知"},
    [WS_HEARING] = {"hearing", "听证"},
    [WS_LEGAL_REVIEW] = {"legal_review", "法制审核"},
    [WS_COLLECTIVE] = {"collective_discussion", "集体讨论"},
    [WS_DECISION] = {"decision", "决定"},
    [WS_SERVICE] = {"service", "送达"},
    [WS_EXECUTION] = {"execution", "执行"},
    [WS_CLOSED] = {"closed", "结案"},
    [WS_ONSPOT_DECISION] = {"onspot_decision", "当场决定"},
    [WS_ONSPOT_SERVICE] = {"onspot_service", "当场送达"},
    [WS_CLOSING] = {"closing", "结案审批"},
    [WS_INSP_PLAN] = {"inspection_plan", "检查准备"},
    [WS_INSP_NOTICE] = {"inspection_notice", "检查通知"},
    [WS_INSP_ONSITE] = {"inspection_onsite", "现场检查"},
    [WS_INSP_RESULT] = {"inspection_result", "检查结果"},
    [WS_INSP_FOLLOWUP] = {"inspection_followup", "整改复查"},
    [WS_INSP_PUBLICITY] = {"inspection_publicity", "结果公示"},
    [WS_CO_REQUEST] = {"coercion_request", "强制措施审批"},
    [WS_CO_REPORT] = {"coercion_report", "紧急实施后报批"},
    [WS_CO_IMPLEMENT] = {"coercion_implement", "实施强制措施"},
    [WS_CO_HOLDING] = {"coercion_holding", "查封扣押期间"},
    [WS_EN_DEMAND] = {"enforce_demand", "催告"},
    [WS_EN_WAIT] = {"enforce_wait", "催告履行期"},
    [WS_EN_DECISION] = {"enforce_decision", "强制执行决定"},
    [WS_EN_EXECUTE] = {"enforce_execute", "实施强制执行"},
    [WS_LI_RECEIVED] = {"license_received", "申请接收"},
    [WS_LI_CORRECTION] = {"license_correction", "补正材料"},
    [WS_LI_REVIEW] = {"license_review", "审查"},
    [WS_LI_DECISION] = {"license_decision", "许可决定"},
    [WS_LI_SERVICE] = {"license_service", "送达许可决定"},
    [WS_LI_PUBLICITY] = {"license_publicity", "许可公示"},
};

static const struct {
    const char *code, *name;
} ACTION_NAMES[WF_ACTION_COUNT] = {
    [WA_SUBMIT_FILING] = {"submit_filing", "提交立案审批"},
    [WA_APPROVE_FILING] = {"approve_filing", "批准立案"},
    [WA_FINISH_INVESTIGATION] = {"finish_investigation", "调查终结"},
    [WA_APPROVE_CASE_REVIEW] = {"approve_case_review", "案件审核通过"},
    [WA_REQUEST_HEARING] = {"request_hearing", "登记听证申请"},
    [WA_SUBMIT_LEGAL_REVIEW] = {"submit_legal_review", "提交法制审核"},
    [WA_FINISH_HEARING] = {"finish_hearing", "听证结束"},
    [WA_SUBMIT_COLLECTIVE] = {"submit_collective_discussion", "提交集体讨论"},
    [WA_SUBMIT_DECISION] = {"submit_decision", "提交决定审批"},
    [WA_APPROVE_DECISION] = {"approve_decision", "批准处罚决定"},
    [WA_SERVE] = {"serve", "送达决定书"},
    [WA_CLOSE] = {"close", "批准结案"},
    [WA_DECIDE_ON_SPOT] = {"decide_on_spot", "当场作出处罚决定"},
    [WA_SERVE_ON_SPOT] = {"serve_on_spot", "当场交付决定书"},
    [WA_REQUEST_CLOSE] = {"request_close", "提请结案审批"},
    [WA_INSP_NOTIFY] = {"inspection_notify", "发出检查通知"},
    [WA_INSP_START] = {"inspection_start", "开始现场检查"},
    [WA_INSP_RECORD] = {"inspection_record", "提交现场检查记录"},
    [WA_INSP_PASS] = {"inspection_pass", "检查合格"},
    [WA_INSP_ORDER] = {"inspection_order", "责令改正"},
    [WA_INSP_TRANSFER] = {"inspection_transfer", "移送立案"},
    [WA_INSP_FOLLOWUP_PASS] = {"inspection_followup_pass", "复查合格"},
    [WA_INSP_CLOSE] = {"inspection_close", "公示并办结"},
    [WA_CO_APPROVE] = {"coercion_approve", "批准实施强制措施"},
    [WA_CO_URGENT] = {"coercion_urgent", "当场实施（情况紧急）"},
    [WA_CO_IMPLEMENT] = {"coercion_implement", "实施并交付决定书、清单"},
    [WA_CO_EXTEND] = {"coercion_extend", "批准延长期限"},
    [WA_CO_RELEASE] = {"coercion_release", "解除强制措施"},
    [WA_CO_HANDOVER] = {"coercion_handover", "依法移送或处理"},
    [WA_EN_DEMAND] = {"enforce_demand", "送达催告书"},
    [WA_EN_DEMAND_DUE] = {"enforce_demand_due", "催告期满未履行"},
    [WA_EN_DECIDE] = {"enforce_decide", "批准强制执行决定"},
    [WA_EN_EXECUTE] = {"enforce_execute", "实施强制执行"},
    [WA_LI_CORRECTION] = {"license_correction", "一次告知补正"},
    [WA_LI_ACCEPT] = {"license_accept", "受理"},
    [WA_LI_EXTEND] = {"license_extend", "批准延长审查期限"},
    [WA_LI_SUBMIT] = {"license_submit", "提交许可决定审批"},
    [WA_LI_GRANT] = {"license_grant", "准予许可"},
    [WA_LI_DENY] = {"license_deny", "不予许可"},
    [WA_LI_SERVE] = {"license_serve", "送达许可决定"},
    [WA_LI_PUBLISH] = {"license_publish", "公示并办结"},
};

static const struct {
    WfField field;
    const char *code;
} FIELD_CODES[] = {
    {WF_F_PARTY, "party_name"},
    {WF_F_DISCOVERED_ON, "discovered_on"},
    {WF_F_OFFICERS, "officers"},
    {WF_F_MEASURES, "measures"},
    {WF_F_NOTIFIED_ON, "notified_on"},
    {WF_F_HEARING_NOTICE_ON, "hearing_notice_on"},
    {WF_F_HEARING_HELD_ON, "hearing_held_on"},
    {WF_F_LEGAL_REVIEW, "legal_review"},
    {WF_F_COLLECTIVE_ON, "collective_discussion_on"},
    {WF_F_INSPECTED_ON, "inspected_on"},
    {WF_F_MEASURE, "measure"},
    {WF_F_RECEIVED_ON, "received_on"},
    {WF_F_PRINCIPAL, "principal"},
};

static const char *const FIELD_LABELS[] = {
    "当事人", "发现日期", "执法人员", "处罚种类", "告知日期", "听证通知日期", "听证日期",
    "法制审核意见", "集体讨论日期", "检查日期", "强制措施种类", "申请日期", "应履行的义务（金额）",
};

/* ---- 普通程序 (行政处罚法 54–65) ---------------------------------------------------------- */

static const WfStageDef ORDINARY_STAGES[] = {
    {WS_CLUE, "clue", "线索登记", WF_F_PARTY | WF_F_DISCOVERED_ON},
    {WS_FILING, "filing", "立案", WF_F_OFFICERS},
    {WS_INVESTIGATION, "investigation", "调查取证", WF_F_OFFICERS},
    {WS_CASE_REVIEW, "case_review", "案件审核", WF_F_MEASURES},
    {WS_NOTICE, "notice", "告知", WF_F_NOTIFIED_ON},
    {WS_HEARING, "hearing", "听证", WF_F_HEARING_NOTICE_ON | WF_F_HEARING_HELD_ON},
    {WS_LEGAL_REVIEW, "legal_review", "法制审核", WF_F_LEGAL_REVIEW},
    {WS_COLLECTIVE, "collective_discussion", "集体讨论", WF_F_COLLECTIVE_ON},
    {WS_DECISION, "decision", "决定", WF_F_MEASURES},
    {WS_SERVICE, "service", "送达", 0},
    {WS_EXECUTION, "execution", "执行", 0},
    {WS_CLOSING, "closing", "结案审批", 0},
    {WS_CLOSED, "closed", "结案", 0},
};

enum {
    OFF = WR_OFFICER,
    HEAD = WR_AGENCY_HEAD,
    LEGAL = WR_LEGAL_REVIEWER,
    DECISION_GATES = WG_OFFICERS | WG_LIMITATION | WG_NOTICE | WG_HEARING_RIGHT |
                     WG_HEARING_WINDOW | WG_HEARING_NOTICE | WG_LEGAL_REVIEW | WG_COLLECTIVE |
                     WG_DISCRETION | WG_SUBSTANCE_DECISION,
    LEAVE_NOTICE_GATES = WG_NOTICE | WG_HEARING_RIGHT | WG_HEARING_WINDOW,
};

static const WfTransition ORDINARY_TRANSITIONS[] = {
    {WS_CLUE, WS_FILING, WA_SUBMIT_FILING, OFF, false, 0},
    {WS_FILING, WS_INVESTIGATION, WA_APPROVE_FILING, HEAD, true, WG_OFFICERS | WG_LIMITATION},
    {WS_INVESTIGATION, WS_CASE_REVIEW, WA_FINISH_INVESTIGATION, OFF, false, WG_OFFICERS},
    {WS_CASE_REVIEW, WS_NOTICE, WA_APPROVE_CASE_REVIEW, LEGAL | HEAD, false, WG_DISCRETION | WG_SUBSTANCE_NOTICE},
    {WS_NOTICE, WS_HEARING, WA_REQUEST_HEARING, OFF, false, WG_HEARING_REQUEST},
    {WS_NOTICE, WS_LEGAL_REVIEW, WA_SUBMIT_LEGAL_REVIEW, OFF, false, LEAVE_NOTICE_GATES},
    {WS_NOTICE, WS_DECISION, WA_SUBMIT_DECISION, OFF, false,
     LEAVE_NOTICE_GATES | WG_LEGAL_REVIEW | WG_COLLECTIVE | WG_SUBSTANCE_DECISION},
    {WS_HEARING, WS_LEGAL_REVIEW, WA_FINISH_HEARING, OFF, false, WG_HEARING_NOTICE},
    {WS_LEGAL_REVIEW, WS_COLLECTIVE, WA_SUBMIT_COLLECTIVE, LEGAL, false, WG_REVIEW_PASSED},
    {WS_LEGAL_REVIEW, WS_DECISION, WA_SUBMIT_DECISION, LEGAL, false,
     WG_REVIEW_PASSED | WG_COLLECTIVE | WG_SUBSTANCE_DECISION},
    {WS_COLLECTIVE, WS_DECISION, WA_SUBMIT_DECISION, HEAD, false, WG_COLLECTIVE | WG_SUBSTANCE_DECISION},
    {WS_DECISION, WS_SERVICE, WA_APPROVE_DECISION, HEAD, true, DECISION_GATES},
    {WS_SERVICE, WS_EXECUTION, WA_SERVE, OFF, false, WG_OFFICERS},
    /* The officer asks for closing (结案审批表); entering 结案审批 opens the head's task, so it
     * waits in the right approver's inbox instead of opening only with a head's own sign-off. */
    {WS_EXECUTION, WS_CLOSING, WA_REQUEST_CLOSE, OFF, false, 0},
    {WS_CLOSING, WS_CLOSED, WA_CLOSE, HEAD, true, 0},
};

/* ---- 简易程序 (行政处罚法 51–53) ---------------------------------------------------------- */

static const WfStageDef SIMPLE_STAGES[] = {
    {WS_ONSPOT_DECISION, "onspot_decision", "当场决定",
     WF_F_PARTY | WF_F_OFFICERS | WF_F_MEASURES | WF_F_NOTIFIED_ON},
    {WS_ONSPOT_SERVICE, "onspot_service", "当场送达", 0},
    {WS_CLOSED, "closed", "结案", 0},
};

static const WfTransition SIMPLE_TRANSITIONS[] = {
    {WS_ONSPOT_DECISION, WS_ONSPOT_SERVICE, WA_DECIDE_ON_SPOT, OFF, false,
     WG_OFFICERS | WG_LIMITATION | WG_SIMPLE_LIMITS | WG_NOTICE | WG_DISCRETION | WG_SUBSTANCE_ONSPOT},
    {WS_ONSPOT_SERVICE, WS_CLOSED, WA_SERVE_ON_SPOT, OFF, false, WG_OFFICERS | WG_ONSPOT_SERVICE},
};

#define COUNT(a) (sizeof(a) / sizeof *(a))

static const WfCaseType ORDINARY = {"penalty_ordinary", "行政处罚（普通程序）", ORDINARY_STAGES,
                                    COUNT(ORDINARY_STAGES), ORDINARY_TRANSITIONS,
                                    COUNT(ORDINARY_TRANSITIONS)};
static const WfCaseType SIMPLE = {"penalty_simple", "行政处罚（简易程序）", SIMPLE_STAGES,
                                  COUNT(SIMPLE_STAGES), SIMPLE_TRANSITIONS,
                                  COUNT(SIMPLE_TRANSITIONS)};

const WfCaseType *workflow_case_type(WfProcedure procedure)
{
    if (procedure >= WF_PROC_INSPECTION && workflow_kind_type(procedure)) return workflow_kind_type(procedure);
    return procedure == WF_PROC_SIMPLE ? &SIMPLE : &ORDINARY;
}

const WfCaseType *workflow_case_type_by_code(const char *code, WfProcedure *procedure)
{
    for (int p = WF_PROC_ORDINARY; code && p < WF_PROC_COUNT; p++) {
        const WfCaseType *t = workflow_case_type((WfProcedure)p);
        if (strcmp(t->code, code) == 0) {
            if (procedure) *procedure = (WfProcedure)p;
            return t;
        }
    }
    return NULL;
}

int workflow_stage_index(const WfCaseType *type, WfStage stage)
{
    for (size_t i = 0; i < type->stage_count; i++)
        if (type->stages[i].stage == stage) return (int)i;
    return -1;
}

const WfStageDef *workflow_stage(const WfCaseType *type, WfStage stage)
{
    int i = workflow_stage_index(type, stage);
    return i < 0 ? NULL : &type->stages[i];
}

const WfTransition *workflow_transition(const WfCaseType *type, WfStage from, WfAction action)
{
    for (size_t i = 0; i < type->transition_count; i++)
        if (type->transitions[i].from == from && type->transitions[i].action == action)
            return &type->transitions[i];
    return NULL;
}

const WfTransition *workflow_transition_of_action(WfAction action)
{
    for (int proc = WF_PROC_ORDINARY; proc < WF_PROC_COUNT; proc++) {
        const WfCaseType *type = workflow_case_type((WfProcedure)proc);
        for (size_t i = 0; i < type->transition_count; i++)
            if (type->transitions[i].action == action) return &type->transitions[i];
    }
    return NULL;
}

const char *workflow_stage_code(WfStage s)
{
    return (unsigned)s < WF_STAGE_COUNT ? STAGE_NAMES[s].code : NULL;
}
const char *workflow_stage_name(WfStage s)
{
    return (unsigned)s < WF_STAGE_COUNT ? STAGE_NAMES[s].name : NULL;
}
const char *workflow_action_code(WfAction a)
{
    return (unsigned)a < WF_ACTION_COUNT ? ACTION_NAMES[a].code : NULL;
}
const char *workflow_action_name(WfAction a)
{
    return (unsigned)a < WF_ACTION_COUNT ? ACTION_NAMES[a].name : NULL;
}

int workflow_stage_by_code(const char *code, WfStage *out)
{
    for (int s = 0; code && s < WF_STAGE_COUNT; s++)
        if (strcmp(STAGE_NAMES[s].code, code) == 0) {
            *out = (WfStage)s;
            return ZF_OK;
        }
    return ZF_ERR;
}

int workflow_action_by_code(const char *code, WfAction *out)
{
    for (int a = 0; code && a < WF_ACTION_COUNT; a++)
        if (strcmp(ACTION_NAMES[a].code, code) == 0) {
            *out = (WfAction)a;
            return ZF_OK;
        }
    return ZF_ERR;
}

const char *workflow_field_code(WfField field)
{
    for (size_t i = 0; i < COUNT(FIELD_CODES); i++)
        if (FIELD_CODES[i].field == field) return FIELD_CODES[i].code;
    return NULL;
}

static bool field_present(const CaseState *cs, WfField f)
{
    switch (f) {
    case WF_F_PARTY: return cs->party_name[0] != '\0';
    case WF_F_DISCOVERED_ON: return case_has(cs->discovered_on);
    case WF_F_OFFICERS: return cs->officer_count > 0;
    case WF_F_MEASURES: return cs->measures != 0;
    case WF_F_NOTIFIED_ON: return case_has(cs->notified_on);
    case WF_F_HEARING_NOTICE_ON: return case_has(cs->hearing_notice_on);
    case WF_F_HEARING_HELD_ON: return case_has(cs->hearing_held_on);
    case WF_F_LEGAL_REVIEW: return cs->legal_review != WF_REVIEW_NONE;
    case WF_F_COLLECTIVE_ON: return case_has(cs->collective_on);
    case WF_F_INSPECTED_ON: return case_has(cs->k.inspected_on);
    case WF_F_MEASURE: return cs->k.measure[0] != '\0';
    case WF_F_RECEIVED_ON: return case_has(cs->k.received_on);
    case WF_F_PRINCIPAL: return cs->k.principal_fen > 0;
    }
    return false;
}

static int check_required(const WfStageDef *st, const CaseState *cs, ZfError *err)
{
    for (size_t i = 0; i < COUNT(FIELD_CODES); i++) {
        WfField f = FIELD_CODES[i].field;
        if ((st->required & f) && !field_present(cs, f))
            return zf_fail(err, 422, "missing_field", FIELD_CODES[i].code,
                           "“%s”阶段须先填写%s", st->name, FIELD_LABELS[i]);
    }
    return ZF_OK;
}

int workflow_next_stage(const CaseState *cs, WfAction action)
{
    const WfTransition *t = workflow_transition(workflow_case_type(cs->procedure), cs->stage,
                                                action);
    return t ? (int)t->to : -1;
}

/* The step exists from the current stage: the transition, or 409 naming the stage. */
static const WfTransition *step_of(const CaseState *cs, WfAction action, const WfStageDef **st, ZfError *err)
{
    const WfCaseType *type = workflow_case_type(cs->procedure);
    *st = workflow_stage(type, cs->stage);
    const WfTransition *t = *st ? workflow_transition(type, cs->stage, action) : NULL;
    if (!t)
        zf_fail(err, 409, "invalid_transition", "action", "案件处于“%s”阶段，不能执行“%s”",
                *st ? (*st)->name : "未知", workflow_action_name(action)
                                               ? workflow_action_name(action) : "未知操作");
    return t;
}

int workflow_check_step(const CaseState *cs, WfAction action, zf_day today, const Calendar *cal,
                        const RuleConfig *cfg, ZfError *err)
{
    const WfStageDef *st;
    const WfTransition *t = step_of(cs, action, &st, err);
    if (!t) return ZF_ERR;
    if (check_required(st, cs, err) != ZF_OK) return ZF_ERR;
    for (unsigned g = 1; g && g <= t->gates; g <<= 1)
        if ((t->gates & g) &&
            workflow_check_gate((WfGate)g, cs, today, cal, cfg, err) != ZF_OK)
            return ZF_ERR;
    return ZF_OK;
}

int workflow_can_transition(const CaseState *cs, WfAction action, WfRole role, zf_day today,
                            const Calendar *cal, const RuleConfig *cfg, ZfError *err)
{
    const WfStageDef *st;
    const WfTransition *t = step_of(cs, action, &st, err);
    if (!t) return ZF_ERR;
    if (!(t->roles & (unsigned)role))
        return zf_fail(err, 403, "role_not_allowed", "role", "当前角色无权执行“%s”%s",
                       workflow_action_name(action), t->approval ? "（须机关负责人审批）" : "");
    return workflow_check_step(cs, action, today, cal, cfg, err);
}

int workflow_can_send_back(const CaseState *cs, WfStage target, WfRole role, const char *reason,
                           ZfError *err)
{
    const WfCaseType *type = workflow_case_type(cs->procedure);
    int from = workflow_stage_index(type, cs->stage), to = workflow_stage_index(type, target);
    if (cs->stage == WS_CLOSED)
        return zf_fail(err, 409, "invalid_transition", "stage", "已结案的案件不能退回");
    if (!(role & (WR_AGENCY_HEAD | WR_LEGAL_REVIEWER)))
        return zf_fail(err, 403, "role_not_allowed", "role", "只有机关负责人或法制审核人员可以退回案件");
    if (from < 0 || to < 0 || to >= from)
        return zf_fail(err, 422, "invalid_send_back", "target", "只能退回到本案之前的环节");
    if (text_blank(reason))
        return zf_fail(err, 422, "missing_field", "reason", "退回须填写理由");
    return ZF_OK;
}
