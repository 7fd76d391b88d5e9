/* The steps of a reconsideration (docs/reconsideration.md): statuses, actions, which status each
 * action is taken from, where it leads and who takes it; the statutory reason lists. Pure tables. */
#ifndef ZF_RECON_FLOW_H
#define ZF_RECON_FLOW_H

#include <stdbool.h>

typedef enum {
    RECON_SIDE_ORGAN = 1,      /* 行政复议机构: reconsideration.handle */
    RECON_SIDE_HEAD = 2,       /* its 负责人: reconsideration.approve */
    RECON_SIDE_RESPONDENT = 4, /* 被申请人: reconsideration.answer, its own agency */
} ReconSide;

typedef struct {
    const char *code, *name; /* "accept", "受理" */
    const char *from;        /* the statuses it is taken from, space-separated */
    const char *to;          /* the status it leads to; NULL = unchanged; "" = back to the status before (resume) */
    ReconSide side;
} ReconActionDef;

const ReconActionDef *recon_action(const char *code);
/* Whether `status` appears in def->from. */
bool recon_action_allowed_from(const ReconActionDef *def, const char *status);
/* The status a step leads to from `status` (prior: the status before a 中止). */
const char *recon_action_target(const ReconActionDef *def, const char *status, const char *prior);

const char *recon_status_name(const char *code); /* NULL when unknown */
const char *recon_outcome_name(const char *code); /* maintain 维持 … NULL when unknown */
/* The case record's revocation kind of an outcome that corrects the act (revoked | changed | illegal); NULL otherwise. */
const char *recon_outcome_revocation(const char *outcome);
/* Whether an outcome counts as a correction of the respondent's act (纠错率). */
bool recon_outcome_corrects(const char *outcome);
/* 第三十九条第一款 (一)…(十): the reason's text, NULL outside 1–10. */
const char *recon_suspend_reason(int n);
/* 第三十条第一款 conditions failed (不予受理): the reason's name, NULL when unknown. */
const char *recon_reject_reason(const char *code);

/* The tables themselves, for GET /dicts: NULL-terminated {code, name} pairs. */
extern const char *const RECON_STATUSES[][2];
extern const char *const RECON_OUTCOMES[][2];
extern const char *const RECON_REJECT_REASONS[][2];
extern const ReconActionDef RECON_ACTIONS[];

#endif
