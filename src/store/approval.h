/* Approval tasks (store side): the open task of a case, its sign-offs as the domain's JSON, the
 * approval policy setting, and each user's approver level. The rules about who may sign live
 * in domain/workflow/approval.c; this file only reads and writes rows. */
#ifndef ZF_STORE_APPROVAL_H
#define ZF_STORE_APPROVAL_H

#include <jansson.h>

#include "domain/workflow/approval.h"
#include "store/store.h"

typedef struct {
    long long id;
    char case_no[129];
    char agency[19];
    char requested_by[33];
    char requested_at[32];
    char party[128]; /* the case's party name, "" when unknown */
    char status[12]; /* pending | done | cancelled (a refused task is cancelled, task.refused set) */
    ApprovalTask task;
} ApprovalRow;

/* settings `approval_policy`, or the built-in defaults when absent; 500 when it is unreadable. */
int store_approval_policy(Store *st, ApprovalPolicy *out, ZfError *err);
/* The open task of a case; 404 when there is none. */
int store_approval_pending(Store *st, const char *case_no, ApprovalRow *out, ZfError *err);
/* Opens a task (inside the caller's transaction); status pending, or done when its first
 * sign-off already completed it (kept as the record of who approved). */
int store_approval_open(Store *st, const char *case_no, const char *agency, const char *requested_by,
                        const ApprovalTask *t, const char *status, ZfError *err);
/* Saves the task's sign-offs and sets its status (pending | done | cancelled). */
int store_approval_update(Store *st, long long id, const ApprovalTask *t, const char *status, ZfError *err);
/* Cancels the open task of a case, if any (send-back). */
int store_approval_cancel_pending(Store *st, const char *case_no, ZfError *err);
/* Calls fn with each open task of the agency (NULL = every agency), oldest first; stops when fn
 * returns non-zero. */
typedef int (*ApprovalRowFn)(const ApprovalRow *row, void *ctx);
int store_approvals_pending_foreach(Store *st, const char *agency, ApprovalRowFn fn, void *ctx, ZfError *err);
/* Calls fn with every task of a case, whatever its status, oldest first (the signature history). */
int store_approvals_of_case(Store *st, const char *case_no, ApprovalRowFn fn, void *ctx, ZfError *err);

/* The user's approver level, 0 when not set; 404 when there is no such user. */
int store_user_approval_level(Store *st, const char *username, int *level, ZfError *err);
int store_user_set_approval_level(Store *st, const char *username, int level, ZfError *err);
/* The enabled agency heads and legal reviewers of an agency:
 * [{"username","display_name","role","approval_level"}], approval_level null when unset. */
int store_agency_approvers(Store *st, const char *agency, json_t **out, ZfError *err);

#endif
