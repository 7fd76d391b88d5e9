/* Approval tasks of the workflow (行政处罚法 第五十七条): which approver level a step needs
 * (tiers as data), the sign-offs a task requires (会签), adding an approver (加签) and the
 * escalation of a task left unsigned. Pure: callers pass the policy, the case, today and the
 * calendar; nothing is stored or read from the clock here. */
#ifndef ZF_WORKFLOW_APPROVAL_H
#define ZF_WORKFLOW_APPROVAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/calendar.h"
#include "domain/workflow/workflow.h"
#include "util/error.h"

#define APPROVAL_MAX_LEVELS 4
#define APPROVAL_MAX_RULES 16
#define APPROVAL_MAX_SLOTS 8
#define APPROVAL_USER_LEN 33
#define APPROVAL_BASIS_LEN 256
#define APPROVAL_OPINION_LEN 1001 /* 审批意见: the step's note, ≤ 1000 bytes */
#define APPROVAL_TIME_LEN 24      /* "YYYY-MM-DDTHH:MM:SSZ", stamped by the caller */

/* An approver level of an agency's leadership, lowest first: 1 分管负责人, 2 主要负责人. */
typedef struct {
    int level;
    char code[16];
    char name[32];
} ApprovalLevel;

/* One tier: when a step is one of `actions` and any of its conditions holds (or it has none),
 * the head's sign-off needs `level` and, with `legal`, the 法制审核机构 countersigns. */
typedef struct {
    unsigned actions;     /* 1u << WfAction */
    int64_t fine_min_fen; /* fine + confiscated at or above; 0 = not a condition */
    unsigned measures;    /* any of these WF_M_* measures; 0 = not a condition */
    bool major;           /* a major or complex case */
    int level;
    bool legal;
    char basis[APPROVAL_BASIS_LEN];
} ApprovalRule;

typedef struct {
    ApprovalLevel levels[APPROVAL_MAX_LEVELS];
    size_t level_count;
    int default_level;        /* what a step needs when no tier asks for more */
    int unassigned_head_level; /* an agency head whose level is not set */
    int escalate_after_wd;    /* working days a task may wait before it escalates */
    ApprovalRule rules[APPROVAL_MAX_RULES];
    size_t rule_count;
} ApprovalPolicy;

typedef enum {
    AK_HEAD,  /* 机关负责人 of at least `level` */
    AK_LEGAL, /* 法制审核机构 */
    AK_NAMED, /* one named approver, added by 加签 */
} ApproverKind;

typedef struct {
    ApproverKind kind;
    int level;                        /* AK_HEAD */
    char user[APPROVAL_USER_LEN];     /* AK_NAMED */
    char added_by[APPROVAL_USER_LEN]; /* 加签 by; "" when the policy requires the slot */
    char signed_by[APPROVAL_USER_LEN];/* "" while pending */
    int signed_level;
    zf_day signed_on;
    char basis[APPROVAL_BASIS_LEN];   /* why this level (the tier's basis), "" = default */
    char opinion[APPROVAL_OPINION_LEN]; /* 审批意见 given with the sign-off */
    char signed_at[APPROVAL_TIME_LEN];  /* when it was given (UTC), "" for older sign-offs */
} ApprovalSlot;

/* 不同意（退回）: who refused the task, when, at which level, and why (the opinion is required). */
typedef struct {
    char by[APPROVAL_USER_LEN]; /* "" = not refused */
    int level;
    zf_day on;
    char at[APPROVAL_TIME_LEN];
    char opinion[APPROVAL_OPINION_LEN];
} ApprovalRefusal;

typedef struct {
    WfAction action;
    ApprovalSlot slots[APPROVAL_MAX_SLOTS];
    size_t slot_count;
    zf_day requested_on, due_on;
    int escalations;
    /* the stage the case stood at when the approval was requested: where a refusal sends it
     * back; WF_STAGE_COUNT when unknown (tasks opened before it was kept) */
    WfStage return_to;
    ApprovalRefusal refused;
} ApprovalTask;

/* Who is signing: user name, workflow role and approver level (0 for non-heads). */
typedef struct {
    const char *user;
    WfRole role;
    int level;
} Approver;

/* The policy from its JSON text (settings `approval_policy`); 400 on bad data. */
int approval_policy_parse(const char *text, ApprovalPolicy *out, ZfError *err);
/* The built-in policy (the same text migration 011 seeds). */
void approval_policy_defaults(ApprovalPolicy *out);
/* "主要负责人" for a level; "负责人" when unknown. */
const char *approval_level_name(const ApprovalPolicy *p, int level);
int approval_level_by_code(const ApprovalPolicy *p, const char *code, int *level);
const char *approval_level_code(const ApprovalPolicy *p, int level);

/* 立案, 决定 and 结案审批 wait for their approval as soon as the case reaches them: the step
 * that leaves the stage, or WF_ACTION_COUNT when the stage opens no task on entry. */
WfAction approval_opened_on_entering(WfStage stage);

/* A new task for the step: the slots the policy requires for this case, due after
 * escalate_after_wd working days. */
void approval_task_init(ApprovalTask *t, const ApprovalPolicy *p, WfAction action, const CaseState *cs,
                        zf_day requested_on, const Calendar *cal);
/* Brings the task up to what the policy requires for the case as it is now (facts may have
 * changed since it opened): missing slots are added, pending ones raised; a sign-off below a
 * raised level is withdrawn. */
void approval_require(ApprovalTask *t, const ApprovalPolicy *p, const CaseState *cs);
/* The approver's sign-off on one slot he may sign. 403 role_not_allowed / approval_level_too_low
 * (the message names the level needed), 409 already_signed / nothing_to_sign. */
int approval_sign(ApprovalTask *t, const ApprovalPolicy *p, const Approver *who, zf_day on, ZfError *err);
/* The opinion and time of the sign-off `user` just gave (approval_sign), kept with it. */
void approval_note_opinion(ApprovalTask *t, const char *user, const char *opinion, const char *at);
/* 不同意（退回）: an approver the task awaits refuses it with his opinion. The same 403/409 as
 * approval_sign for anyone else; 422 opinion_required when the opinion is blank; 422
 * approval_date_order when dated before the request. The caller closes the task and sends the
 * case to approval_return_stage. */
int approval_refuse(ApprovalTask *t, const ApprovalPolicy *p, const Approver *who, zf_day on, const char *opinion,
                    const char *at, ZfError *err);
/* Where a refused task sends the case (行政处罚法 57: the approval is refused, the case goes back
 * to who asked): the stage it stood at when the approval was requested (立案审批 → 线索登记, 决定
 * 审批 → 告知 / 法制审核 / 集体讨论 as it came, 结案审批 → 执行); for a task that did not keep it,
 * the first stage of the case type leading into the approval's stage. */
WfStage approval_return_stage(const ApprovalTask *t, WfProcedure procedure);
/* A sign-off dated `on` keeps the task's dates in order: not before the request, not before a
 * signature already on it — the decision takes the last signature's date, and must not precede
 * what it rests on. 422 approval_date_order otherwise. */
int approval_check_date(const ApprovalTask *t, zf_day on, ZfError *err);
/* 加签: `by` (an approver of the task) adds `added` as a further required signer. 403 when `by`
 * is not an approver of the task; 409 when `added` is already on it; 422 when it is full. */
int approval_add(ApprovalTask *t, const Approver *by, const Approver *added, ZfError *err);
bool approval_complete(const ApprovalTask *t);
size_t approval_signed_count(const ApprovalTask *t);
bool approval_signed_by(const ApprovalTask *t, const char *user);
/* Is the task waiting for this approver (he may sign a pending slot and has not signed)? */
bool approval_awaits(const ApprovalTask *t, const Approver *who);
/* A task not complete and past its due day goes to the next level: its pending head slots are
 * raised one level and it is due again escalate_after_wd working days after today. False when
 * it is not due yet or no pending slot can go higher. */
bool approval_escalate(ApprovalTask *t, const ApprovalPolicy *p, zf_day today, const Calendar *cal);

/* The task as JSON (stored and shown): {"action","requested_on","due_on","escalations",
 * "slots":[{"kind","level","user","added_by","signed_by","signed_level","signed_on","basis","opinion",
 * "signed_at"}], "return_to": stage code | null, "refused": {"by","level","on","at","opinion"} | null}. */
json_t *approval_task_json(const ApprovalTask *t);
int approval_task_from_json(const json_t *o, ApprovalTask *t, ZfError *err);

#endif
