/* Case types as data: stages, transitions (who may act, approvals, gates) and the fields each
 * stage must hold before it is left; and the check that refuses an illegal step with the article.
 * Pure: callers pass today, the holiday calendar and the rule configuration; nothing is stored. */
#ifndef ZF_WORKFLOW_H
#define ZF_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/calendar.h"
#include "domain/rules/rules.h"
#include "domain/workflow/case_state.h"
#include "util/error.h"

typedef enum {
    WA_SUBMIT_FILING,        /* 提交立案审批 */
    WA_APPROVE_FILING,       /* 批准立案 */
    WA_FINISH_INVESTIGATION, /* 调查终结 */
    WA_APPROVE_CASE_REVIEW,  /* 案件审核通过 */
    WA_REQUEST_HEARING,      /* 登记听证申请 */
    WA_SUBMIT_LEGAL_REVIEW,  /* 提交法制审核 */
    WA_FINISH_HEARING,       /* 听证结束 */
    WA_SUBMIT_COLLECTIVE,    /* 提交集体讨论 */
    WA_SUBMIT_DECISION,      /* 提交决定审批 */
    WA_APPROVE_DECISION,     /* 批准处罚决定 */
    WA_SERVE,                /* 送达 */
    WA_CLOSE,                /* 批准结案 */
    WA_DECIDE_ON_SPOT,       /* 当场作出处罚决定 */
    WA_SERVE_ON_SPOT,        /* 当场交付决定书 */
    WA_REQUEST_CLOSE,        /* 提请结案审批 */
    /* 行政检查 (kinds.c) */
    WA_INSP_NOTIFY,          /* 发出检查通知 */
    WA_INSP_START,           /* 开始现场检查 */
    WA_INSP_RECORD,          /* 提交现场检查记录 */
    WA_INSP_PASS,            /* 检查合格 */
    WA_INSP_ORDER,           /* 责令改正 */
    WA_INSP_TRANSFER,        /* 移送立案 */
    WA_INSP_FOLLOWUP_PASS,   /* 复查合格 */
    WA_INSP_CLOSE,           /* 公示并办结 */
    /* 行政强制措施 */
    WA_CO_APPROVE,           /* 批准实施强制措施 */
    WA_CO_URGENT,            /* 当场实施（紧急情况） */
    WA_CO_IMPLEMENT,         /* 实施并交付决定书、清单 */
    WA_CO_EXTEND,            /* 批准延长期限 */
    WA_CO_RELEASE,           /* 解除强制措施 */
    WA_CO_HANDOVER,          /* 依法移送或处理 */
    /* 行政强制执行 */
    WA_EN_DEMAND,            /* 送达催告书 */
    WA_EN_DEMAND_DUE,        /* 催告期满 */
    WA_EN_DECIDE,            /* 批准强制执行决定 */
    WA_EN_EXECUTE,           /* 实施强制执行 */
    /* 行政许可 */
    WA_LI_CORRECTION,        /* 一次告知补正 */
    WA_LI_ACCEPT,            /* 受理 */
    WA_LI_EXTEND,            /* 批准延长审查期限 */
    WA_LI_SUBMIT,            /* 提交许可决定审批 */
    WA_LI_GRANT,             /* 准予许可 */
    WA_LI_DENY,              /* 不予许可 */
    WA_LI_SERVE,             /* 送达许可决定 */
    WA_LI_PUBLISH,           /* 公示并办结 */
    WF_ACTION_COUNT
} WfAction;

typedef enum {
    WR_OFFICER = 1u << 0,        /* 执法人员 */
    WR_AGENCY_HEAD = 1u << 1,    /* 机关负责人 */
    WR_LEGAL_REVIEWER = 1u << 2, /* 法制审核人员 */
} WfRole;

/* Gates a transition checks, as bits; each cites its article (gates.c). */
typedef enum {
    WG_OFFICERS = 1u << 0,            /* ≥ 2 certified, active officers on the act date (42) */
    WG_LIMITATION = 1u << 1,          /* discovered within 2 / 5 years (36) */
    WG_SIMPLE_LIMITS = 1u << 2,       /* simple procedure caps and measures (51) */
    WG_NOTICE = 1u << 3,              /* notified on or before the act date (44, 62) */
    WG_HEARING_RIGHT = 1u << 4,       /* hearing right notified when required (63) */
    WG_HEARING_REQUEST = 1u << 5,     /* request within 5 working days of notice (64) */
    WG_HEARING_WINDOW = 1u << 6,      /* request period over or hearing waived/requested (64) */
    WG_HEARING_NOTICE = 1u << 7,      /* notice ≥ 7 working days before the hearing (64, 85) */
    WG_LEGAL_REVIEW = 1u << 8,        /* passed legal review for major/complex/heard (58) */
    WG_REVIEW_PASSED = 1u << 9,       /* leaving 法制审核 needs a passed review (58) */
    WG_COLLECTIVE = 1u << 10,         /* collective discussion for major/complex (57) */
    WG_DISCRETION = 1u << 11,         /* fine inside the chosen tier (34) */
    WG_ONSPOT_SERVICE = 1u << 12,     /* simple procedure: served the day decided (52, 61) */
    WG_SUBSTANCE_NOTICE = 1u << 13,   /* 案情 to notify: cause, facts, both bases (44) */
    WG_SUBSTANCE_DECISION = 1u << 14, /* 案情 to decide: the same and evidence (40), defence reviewed (45) */
    WG_SUBSTANCE_ONSPOT = 1u << 15,   /* 案情 of an on-the-spot decision: cause, facts, penalty basis (52) */
    /* the kinds of issue 20 (kind_gates.c) */
    WG_INSP_NOTICE = 1u << 16,        /* the plan asks for a notice: sent before the visit */
    WG_INSP_ONSITE = 1u << 17,        /* 出示证件 (处罚法 55), the visit dated, a photo or video kept (47) */
    WG_INSP_CORRECTION = 1u << 18,    /* 责令改正 names a deadline after the result (处罚法 28) */
    WG_INSP_CORRECTED = 1u << 19,     /* 复查 on or after the correction, within the deadline */
    WG_INSP_PUBLISHED = 1u << 20,     /* the result published (企业信息公示暂行条例 6, 7) */
    WG_CO_POWER = 1u << 21,           /* the measure is one the power allows (强制法 9, 10, 29) */
    WG_CO_APPROVAL = 1u << 22,        /* approved before, or within 24 h after an urgent measure (19) */
    WG_CO_RECORD = 1u << 23,          /* 现场笔录 and 清单 (18, 24) */
    WG_CO_EXTENSION = 1u << 24,       /* one extension of ≤ 30 days, within the period (25) */
    WG_EN_DEMAND = 1u << 25,          /* 催告 served and its period over before deciding (35, 37) */
    WG_EN_TIME = 1u << 26,            /* not at night nor on a holiday unless urgent (43) */
    WG_EN_LATE_FEE = 1u << 27,        /* 滞纳金 not above the principal (45) */
    WG_LI_CORRECTION = 1u << 28,      /* 补正 notice within 5 working days of receipt (许可法 32) */
    WG_LI_DECISION = 1u << 29,        /* within 20 (+10) working days of acceptance (42); hearing held where required (46, 47) */
    WG_LI_EXTENSION = 1u << 30,       /* one extension of ≤ 10 working days (42) */
} WfGate;

typedef enum {
    WF_F_PARTY = 1u << 0,
    WF_F_DISCOVERED_ON = 1u << 1,
    WF_F_OFFICERS = 1u << 2,
    WF_F_MEASURES = 1u << 3,
    WF_F_NOTIFIED_ON = 1u << 4,
    WF_F_HEARING_NOTICE_ON = 1u << 5,
    WF_F_HEARING_HELD_ON = 1u << 6,
    WF_F_LEGAL_REVIEW = 1u << 7,
    WF_F_COLLECTIVE_ON = 1u << 8,
    WF_F_INSPECTED_ON = 1u << 9,    /* 检查日期 */
    WF_F_MEASURE = 1u << 10,        /* 强制措施种类 */
    WF_F_RECEIVED_ON = 1u << 11,    /* 申请日期 */
    WF_F_PRINCIPAL = 1u << 12,      /* 催告的金钱给付义务 or 履行义务 */
} WfField;

typedef struct {
    WfStage stage;
    const char *code;    /* "investigation" */
    const char *name;    /* "调查取证" */
    unsigned required;   /* WfField bits that must be present before the stage is left */
} WfStageDef;

typedef struct {
    WfStage from, to;
    WfAction action;
    unsigned roles;  /* WfRole bits allowed to act */
    bool approval;   /* an approval: recorded as the approver's sign-off */
    unsigned gates;  /* WfGate bits */
} WfTransition;

typedef struct {
    const char *code; /* "penalty_ordinary" */
    const char *name; /* "行政处罚（普通程序）" */
    const WfStageDef *stages; /* in order: send-back goes to an earlier one */
    size_t stage_count;
    const WfTransition *transitions;
    size_t transition_count;
} WfCaseType;

const WfCaseType *workflow_case_type(WfProcedure procedure);
const WfStageDef *workflow_stage(const WfCaseType *type, WfStage stage); /* NULL if not in type */
/* Position of the stage in the type's order, -1 when the type does not use it. */
int workflow_stage_index(const WfCaseType *type, WfStage stage);
const WfTransition *workflow_transition(const WfCaseType *type, WfStage from, WfAction action);
/* The first transition taking this action in any case type (an approval's stage), or NULL. */
const WfTransition *workflow_transition_of_action(WfAction action);
const char *workflow_stage_code(WfStage stage);
const char *workflow_stage_name(WfStage stage);
const char *workflow_action_code(WfAction action);
const char *workflow_action_name(WfAction action);
int workflow_stage_by_code(const char *code, WfStage *out);
int workflow_action_by_code(const char *code, WfAction *out);
const char *workflow_field_code(WfField field); /* single bit → "notified_on" */

/* May `role` take `action` on the case today (the act's date)? ZF_OK, or ZF_ERR with err:
 * 409 invalid_transition (no such step from the current stage), 403 role_not_allowed,
 * 422 missing_field (a required field of the current stage is absent), 422 gate_* (a legal
 * gate refuses; the message cites the article). The caller records the act with date today. */
int workflow_can_transition(const CaseState *cs, WfAction action, WfRole role, zf_day today,
                            const Calendar *cal, const RuleConfig *cfg, ZfError *err);
/* The same check without the role: required fields and gates. Approval steps use it after the
 * approval task (approval.h) has settled who may sign. */
int workflow_check_step(const CaseState *cs, WfAction action, zf_day today, const Calendar *cal,
                        const RuleConfig *cfg, ZfError *err);
/* The stage the action leads to from the current stage, or -1 when there is none. */
int workflow_next_stage(const CaseState *cs, WfAction action);

/* Send the case back to an earlier stage of its type with a reason (退回): approvers only
 * (agency head, legal reviewer); reason required; never from or to 结案. */
int workflow_can_send_back(const CaseState *cs, WfStage target, WfRole role, const char *reason,
                           ZfError *err);

/* One gate on its own (gates.c), with the act dated `act_day`. */
int workflow_check_gate(WfGate gate, const CaseState *cs, zf_day act_day, const Calendar *cal,
                        const RuleConfig *cfg, ZfError *err);
/* A gate of the kinds of issue 20 (kind_gates.c); ZF_OK for a penalty gate. */
int workflow_check_kind_gate(WfGate gate, const CaseState *cs, zf_day act_day, const Calendar *cal, ZfError *err);
/* The case type of a kind (kinds.c), NULL for a penalty procedure. */
const WfCaseType *workflow_kind_type(WfProcedure procedure);
/* The case type by its code ("inspection", "penalty_simple" …), NULL when unknown. */
const WfCaseType *workflow_case_type_by_code(const char *code, WfProcedure *procedure);
/* Dictionary entries (kinds.c): case types, 检查结果, 强制措施种类, 强制措施的处理. */
bool workflow_case_type_at(size_t i, const char **code, const char **name);
bool inspection_result_at(size_t i, const char **code, const char **name);
bool coercion_measure_at(size_t i, const char **code, const char **name);
bool coercion_disposition_at(size_t i, const char **code, const char **name);
/* The 案情 gates (substance_gates.c): ZF_OK, or 422 naming the missing fields with the article. */
int workflow_check_substance(WfGate gate, const CaseState *cs, ZfError *err);
/* Earliest lawful hearing date for a notice sent on notice_on (行政处罚法 64, 85). */
zf_day workflow_earliest_hearing(const Calendar *cal, const RuleConfig *cfg, const CaseState *cs,
                                 zf_day notice_on);

#endif
