/* PostgreSQL side of store/approval.h. The task body is the domain's JSON form
 * (approval_task_json), so the rules never see SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/approval.h"
#include "store/pg_internal.h"
#include "store/pg_ops.h"
#include "store/settings.h"
#include "store/workflow.h"

#define PG_NOW "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

int pg_store_approval_policy(Store *st, ApprovalPolicy *out, ZfError *err)
{
    char text[SETTING_VALUE_MAX + 1];
    store_setting_text(st, "approval_policy", "", text, sizeof text);
    if (!text[0]) {
        approval_policy_defaults(out);
        return ZF_OK;
    }
    if (approval_policy_parse(text, out, err) == ZF_OK) return ZF_OK;
    err->status = 500;
    return ZF_ERR;
}

#define TASK_COLS "a.id, a.case_no, a.agency, a.requested_by, a.requested_at, a.task," \
                  " (c.body::jsonb) #>> '{party,name}', a.status"
#define TASK_FROM " FROM approval_tasks a LEFT JOIN cases c ON c.case_no = a.case_no"

static int row_of(const PGresult *r, int i, ApprovalRow *row, ZfError *err)
{
    memset(row, 0, sizeof *row);
    row->id = pg_ll(r, i, 0);
    pg_copy(r, i, 1, row->case_no, sizeof row->case_no);
    pg_copy(r, i, 2, row->agency, sizeof row->agency);
    pg_copy(r, i, 3, row->requested_by, sizeof row->requested_by);
    pg_copy(r, i, 4, row->requested_at, sizeof row->requested_at);
    pg_copy(r, i, 6, row->party, sizeof row->party);
    pg_copy(r, i, 7, row->status, sizeof row->status);
    json_t *task = json_loads(pg_text(r, i, 5), 0, NULL);
    int rc = approval_task_from_json(task, &row->task, err);
    json_decref(task);
    return rc;
}

int pg_store_approval_pending(Store *st, const char *case_no, ApprovalRow *out, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT " TASK_COLS TASK_FROM " WHERE a.case_no = $1 AND a.status = 'pending'",
                           PG_ARGS(case_no), "approval_tasks", err);
    if (!r) return ZF_ERR;
    int rc = PQntuples(r) ? row_of(r, 0, out, err) : zf_fail(err, 404, "not_found", NULL, "没有待审批的事项");
    PQclear(r);
    return rc;
}

static char *task_text(const ApprovalTask *t)
{
    json_t *j = approval_task_json(t);
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return text;
}

int pg_store_approval_open(Store *st, const char *case_no, const char *agency, const char *requested_by,
                           const ApprovalTask *t, const char *status, ZfError *err)
{
    char *text = task_text(t);
    int rc = pg_exec(st,
                     "INSERT INTO approval_tasks(case_no, agency, action, task, requested_by, requested_at,"
                     " updated_at, status) VALUES ($1, $2, $3, $4, $5, " PG_NOW ", " PG_NOW ", $6)",
                     PG_ARGS(case_no, agency, workflow_action_code(t->action), text ? text : "{}", requested_by,
                             status),
                     "approval_tasks", NULL, err);
    free(text);
    return rc;
}

int pg_store_approval_update(Store *st, long long id, const ApprovalTask *t, const char *status, ZfError *err)
{
    char v[24], *text = task_text(t);
    int rc = pg_exec(st, "UPDATE approval_tasks SET task = $2, status = $3, updated_at = " PG_NOW " WHERE id = $1",
                     PG_ARGS(pg_int(v, id), text ? text : "{}", status), "approval_tasks", NULL, err);
    free(text);
    return rc;
}

int pg_store_approval_cancel_pending(Store *st, const char *case_no, ZfError *err)
{
    return pg_exec(st,
                   "UPDATE approval_tasks SET status = 'cancelled', updated_at = " PG_NOW
                   " WHERE case_no = $1 AND status = 'pending'",
                   PG_ARGS(case_no), "approval_tasks", NULL, err);
}

static int rows_foreach(Store *st, const char *sql, const char *param, ApprovalRowFn fn, void *ctx, ZfError *err)
{
    PGresult *r = pg_query(st, sql, PG_ARGS(param), "approval_tasks", err);
    if (!r) return ZF_ERR;
    ApprovalRow *row = malloc(sizeof *row);
    int rc = row ? ZF_OK : zf_fail(err, 500, "internal_error", NULL, "内存不足");
    for (int i = 0; row && i < PQntuples(r); i++) {
        if ((rc = row_of(r, i, row, err)) != ZF_OK || fn(row, ctx) != 0) break;
    }
    free(row);
    PQclear(r);
    return rc;
}

int pg_store_approvals_pending_foreach(Store *st, const char *agency, ApprovalRowFn fn, void *ctx, ZfError *err)
{
    return rows_foreach(st,
                        "SELECT " TASK_COLS TASK_FROM
                        " WHERE a.status = 'pending' AND ($1::text IS NULL OR a.agency = $1) ORDER BY a.id",
                        agency, fn, ctx, err);
}

int pg_store_approvals_of_case(Store *st, const char *case_no, ApprovalRowFn fn, void *ctx, ZfError *err)
{
    return rows_foreach(st, "SELECT " TASK_COLS TASK_FROM " WHERE a.case_no = $1 ORDER BY a.id", case_no, fn, ctx,
                        err);
}

int pg_store_user_approval_level(Store *st, const char *username, int *level, ZfError *err)
{
    PGresult *r = pg_query(st, "SELECT approval_level FROM users WHERE username = $1", PG_ARGS(username), "users", err);
    if (!r) return ZF_ERR;
    int found = PQntuples(r) > 0;
    if (found) *level = (int)pg_ll(r, 0, 0);
    PQclear(r);
    return found ? ZF_OK : zf_fail(err, 404, "not_found", "username", "用户不存在");
}

int pg_store_user_set_approval_level(Store *st, const char *username, int level, ZfError *err)
{
    char v[24];
    long long n = 0;
    if (pg_exec(st, "UPDATE users SET approval_level = $2 WHERE username = $1",
                PG_ARGS(username, level > 0 ? pg_int(v, level) : NULL), "users", &n, err) != ZF_OK)
        return ZF_ERR;
    return n == 1 ? ZF_OK : zf_fail(err, 404, "not_found", "username", "用户不存在");
}

int pg_store_agency_approvers(Store *st, const char *agency, json_t **out, ZfError *err)
{
    return pg_json_rows(st,
                        "SELECT json_build_object('username', username, 'display_name', display_name, 'role', role,"
                        " 'approval_level', approval_level) FROM users"
                        " WHERE agency = $1 AND disabled = 0 AND role IN ('agency_head', 'legal_reviewer')"
                        " ORDER BY role COLLATE \"C\", username COLLATE \"C\"",
                        PG_ARGS(agency), "users", out, err);
}
