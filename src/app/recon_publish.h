/* 行政复议决定书 向社会公开 (行政复议法 第七十九条; docs/reconsideration.md "决定公开"): a decision is
 * on the portal's public list from its date, its texts masked as the portal's 公示 masks a person
 * (names → 张**, ID numbers → 3702**********1234, mobile numbers → 139****5001, addresses → ***);
 * the organ's head may withhold one for a reason (国家秘密、商业秘密、个人隐私) and publish it again. */
#ifndef ZF_APP_RECON_PUBLISH_H
#define ZF_APP_RECON_PUBLISH_H

#include <jansson.h>

#include "app/context.h"
#include "util/error.h"

/* The name of a withholding reason (state_secret, trade_secret, privacy); NULL when unknown. */
const char *recon_withhold_reason_name(const char *code);

/* The published decisions, newest first: {items:[{id, case_no, respondent_name, decided_on, outcome,
 * outcome_name, procedure_name, applicant, act, request, facts, answer, reason}], total, page, size}. */
int app_recon_decisions_public(const AppContext *cx, int page, int size, json_t **out, ZfError *err);
/* One of them; 404 when it is not published (not decided, or withheld). */
int app_recon_decision_public(const AppContext *cx, long long id, json_t **out, ZfError *err);

/* {"withhold": true, "reason": state_secret|trade_secret|privacy, "note"?} or {"withhold": false}
 * by the head (reconsideration.approve, the organ's region) after the decision: kept in
 * body.publication, a timeline row; *record as GET shows it. */
int app_recon_publication_set(const AppContext *cx, long long id, const json_t *in, json_t **record, ZfError *err);

#endif
