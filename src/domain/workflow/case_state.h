/* The facts of one penalty case as the workflow sees them: plain values the store fills in and
 * the gates, deadlines and recommendations read. Pure: no storage, no clock. Money in fen;
 * dates are day numbers, ZF_DAY_NONE when the act has not happened. */
#ifndef ZF_WORKFLOW_CASE_STATE_H
#define ZF_WORKFLOW_CASE_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/rules/rules.h"
#include "domain/workflow/kind_state.h"
#include "util/date.h"

#define WF_MAX_OFFICERS 8
#define WF_MAX_TIERS 8

/* The penalty procedures, then the case kinds of issue 20 (domain/workflow/kinds.c). */
typedef enum {
    WF_PROC_ORDINARY,
    WF_PROC_SIMPLE,
    WF_PROC_INSPECTION, /* 行政检查 */
    WF_PROC_COERCION,   /* 行政强制措施：查封、扣押、冻结 */
    WF_PROC_ENFORCE,    /* 行政强制执行 */
    WF_PROC_LICENSE,    /* 行政许可 */
    WF_PROC_COUNT
} WfProcedure;
typedef enum { WF_PARTY_PERSON, WF_PARTY_ORG } WfPartyKind;
typedef enum { WF_REVIEW_NONE, WF_REVIEW_PASSED, WF_REVIEW_FAILED } WfReview;

/* Penalty measures (行政处罚法 第九条), as bits; names match exchange-v1 / rules.md. */
enum {
    WF_M_WARNING = 1u << 0,
    WF_M_FINE = 1u << 1,
    WF_M_CONFISCATE = 1u << 2,
    WF_M_SUSPEND_BUSINESS = 1u << 3,
    WF_M_SUSPEND_LICENSE = 1u << 4,
    WF_M_REVOKE_LICENSE = 1u << 5,
    WF_M_LOWER_QUALIFICATION = 1u << 6,
    WF_M_CLOSE = 1u << 7,
    WF_M_RESTRICT_PRACTICE = 1u << 8,
    WF_M_OTHER = 1u << 9,
};

/* Stages of every case type; a case type (workflow.h) lists the ones it uses, in order.
 * A stage is the step in progress; the action leaving it completes that step. */
typedef enum {
    WS_CLUE,            /* 线索登记 */
    WS_FILING,          /* 立案 (awaiting approval) */
    WS_INVESTIGATION,   /* 调查取证 */
    WS_CASE_REVIEW,     /* 案件审核 */
    WS_NOTICE,          /* 告知 */
    WS_HEARING,         /* 听证 */
    WS_LEGAL_REVIEW,    /* 法制审核 */
    WS_COLLECTIVE,      /* 集体讨论 */
    WS_DECISION,        /* 决定 (awaiting approval) */
    WS_SERVICE,         /* 送达 */
    WS_EXECUTION,       /* 执行 */
    WS_CLOSED,          /* 结案 */
    WS_ONSPOT_DECISION, /* 当场决定 */
    WS_ONSPOT_SERVICE,  /* 当场送达 */
    WS_CLOSING,         /* 结案审批 (awaiting approval; after 执行) */
    /* 行政检查 */
    WS_INSP_PLAN,       /* 检查准备 */
    WS_INSP_NOTICE,     /* 检查通知 */
    WS_INSP_ONSITE,     /* 现场检查 */
    WS_INSP_RESULT,     /* 检查结果 */
    WS_INSP_FOLLOWUP,   /* 整改复查 */
    WS_INSP_PUBLICITY,  /* 结果公示 */
    /* 行政强制措施 */
    WS_CO_REQUEST,      /* 强制措施审批 (awaiting approval) */
    WS_CO_REPORT,       /* 紧急实施后报批 (awaiting approval within 24 hours) */
    WS_CO_IMPLEMENT,    /* 实施（现场笔录、清单、决定书） */
    WS_CO_HOLDING,      /* 查封扣押期间 */
    /* 行政强制执行 */
    WS_EN_DEMAND,       /* 催告 */
    WS_EN_WAIT,         /* 催告履行期 */
    WS_EN_DECISION,     /* 强制执行决定 (awaiting approval) */
    WS_EN_EXECUTE,      /* 实施强制执行 */
    /* 行政许可 */
    WS_LI_RECEIVED,     /* 申请接收 */
    WS_LI_CORRECTION,   /* 补正材料 */
    WS_LI_REVIEW,       /* 审查 */
    WS_LI_DECISION,     /* 许可决定 (awaiting approval) */
    WS_LI_SERVICE,      /* 送达许可决定 */
    WS_LI_PUBLICITY,    /* 许可公示 */
    WF_STAGE_COUNT
} WfStage;

typedef struct {
    char cert_no[32];
    bool active;                /* certificate status is `active` */
    zf_day cert_valid_from, cert_valid_to;
} WfOfficer;

/* One tier of the power's discretion benchmark (裁量基准), lightest first. */
typedef struct {
    char name[32];
    int64_t min_fen, max_fen;
} WfTier;

typedef struct {
    WfStage stage;
    WfProcedure procedure;
    WfPartyKind party_kind;
    char party_name[128];
    char sector[32]; /* agency sector, for per-sector thresholds ("market_regulation") */
    char region[8];  /* agency region code, for per-region thresholds */

    WfOfficer officers[WF_MAX_OFFICERS];
    size_t officer_count;

    unsigned measures; /* WF_M_* */
    int64_t fine_fen, confiscated_fen;
    WfTier tiers[WF_MAX_TIERS]; /* the power's benchmark; tier_count 0 = none */
    size_t tier_count;
    char tier[32];              /* tier chosen by the officer, "" = none */
    bool reduced;               /* 减轻处罚 (行政处罚法 32) */
    char reduced_reason[256];
    bool major, complex;
    bool health_or_finance;     /* 5-year limitation (行政处罚法 36) */

    zf_day violation_ended_on, discovered_on, filed_on;
    zf_day notified_on;
    bool hearing_right_notified;
    bool hearing_waived;        /* the party declined the hearing in writing */
    zf_day hearing_requested_on, hearing_notice_on, hearing_held_on;
    WfReview legal_review;
    zf_day reviewed_on;
    zf_day collective_on;
    zf_day decided_on, served_on, published_on, paid_on;
    zf_day revoked_on;   /* the decision was revoked or changed (撤销/变更: review, litigation, self-correction) */
    zf_day withdrawn_on; /* its publication withdrawn from the portal (行政处罚法 48 ¶2) */
    int extension_days, suspended_days; /* of the 90-day decision limit (行政处罚法 60) */
    unsigned substance; /* 案情 the case holds: CASE_SUB_* bits (domain/case_substance.h) */
    WfKindState k;      /* the facts of an inspection, coercion or licence case (kind_state.h) */
} CaseState;

/* Zeroed state, every date ZF_DAY_NONE, stage = the first stage of the procedure. */
void case_state_init(CaseState *cs, WfProcedure procedure);
/* 行政处罚法 63: measures that always carry the hearing right, or fine + confiscated at or above
 * the sector/region threshold for the party kind (rule config P05). */
bool case_hearing_required(const CaseState *cs, const RuleConfig *cfg);
/* The WF_M_* bit of an exchange-v1 measure name ("revoke_license"), 0 when unknown. */
unsigned case_measure_bit(const char *code);
/* The i-th measure the online workflow accepts, NULL past the last; its Chinese name. */
const char *case_measure_code(size_t i);
const char *case_measure_name(const char *code);
/* The first stage of a case kind of issue 20 (kinds.c). */
WfStage workflow_kind_first_stage(WfProcedure procedure);
static inline bool case_has(zf_day d) { return d != ZF_DAY_NONE; }

#endif
