/* 公示 of a penalty decision and its withdrawal (行政处罚法 第四十八条): when a decision may be
 * published, recorded as revoked or changed, and withdrawn from the portal. Pure: the caller
 * passes the case and the act's date; nothing is stored. */
#ifndef ZF_WORKFLOW_PUBLICITY_H
#define ZF_WORKFLOW_PUBLICITY_H

#include "domain/workflow/case_state.h"
#include "util/error.h"

/* What happened to the decision (行政处罚法 48 ¶2) and who decided it. */
typedef enum { WF_REVOKE_REVOKED, WF_REVOKE_CHANGED, WF_REVOKE_ILLEGAL, WF_REVOKE_VOID, WF_REVOKE_KIND_COUNT } WfRevokeKind;
typedef enum { WF_REVOKE_BY_REVIEW, WF_REVOKE_BY_LITIGATION, WF_REVOKE_BY_SELF, WF_REVOKE_BY_COUNT } WfRevokeBy;

int publicity_revoke_kind_by_code(const char *code, WfRevokeKind *out); /* "revoked" "changed" "illegal" "void" */
int publicity_revoke_by_by_code(const char *code, WfRevokeBy *out);     /* "review" "litigation" "self_correction" */
const char *publicity_revoke_kind_name(WfRevokeKind kind);              /* "撤销" */
const char *publicity_revoke_by_name(WfRevokeBy by);                    /* "行政复议" */

/* Publishing on `on`: 422 gate_not_decided before the decision (48), 422 gate_revoked once it is
 * revoked, 409 already_published, 422 invalid_date before the decision day. */
int publicity_can_publish(const CaseState *cs, zf_day on, ZfError *err);
/* Recording the revocation on `on`: 422 gate_not_decided, 409 already_revoked, 422 invalid_date
 * before the decision day. */
int publicity_can_revoke(const CaseState *cs, zf_day on, ZfError *err);
/* Withdrawing the publication on `on` with a reason (48 ¶2: 公开说明理由): 400 missing_field
 * without one, 409 not_published / already_withdrawn, 422 invalid_date before publication. */
int publicity_can_withdraw(const CaseState *cs, zf_day on, const char *reason, ZfError *err);

#endif
