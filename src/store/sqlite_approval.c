/* SQLite side of store/approval.h. Every query parameterized; the task body is the domain's
 * JSON form (approval_task_json), so the rules never see SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/approval.h"
#include "store/sqlite_internal.h"
#include "store/workflow.h"

int sqlite_store_approval_policy(Store *st, ApprovalPolicy *out, ZfError *err)
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
                  " json_extract(c.body, '$.party.name'), a.status"
#define TASK_FROM " FROM approval_tasks a LEFT JOIN cases c ON c.case_no = a.case_no"

static int row_of(sqlite3_stmt *q, ApprovalRow *r, ZfError *err)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(q, 0);
    sqlite_col_copy(q, 1, r->case_no, sizeof r->case_no);
    sqlite_col_copy(q, 2, r->agency, sizeof r->agency);
    sqlite_col_copy(q, 3, r->requested_by, sizeof r->requested_by);
    sqlite_col_copy(q, 4, r->requested_at, sizeof r->requested_at);
    sqlite_col_copy(q, 6, r->party, sizeof r->party);
    sqlite_col_copy(q, 7, r->status, sizeof r->status);
    const char *text = (const char *)sqlite3_column_text(q, 5);
    json_t *task = text ? json_loads(text, 0, NULL) : NULL;
    int rc = approval_task_from_json(task, &r->task, err);
    json_decref(task);
    return rc;
}

int sqlite_store_approval_pending(Store *st, const char *case_no, ApprovalRow *out, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT " TASK_COLS TASK_FROM " WHERE a.case_no = ?1 AND a.status = 'pending'",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "approval_tasks");
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q), out_rc;
    if (rc == SQLITE_ROW) out_rc = row_of(q, out, err);
    else if (rc == SQLITE_DONE) out_rc = zf_fail(err, 404, "not_found", NULL, "没有待审批的事项");
    else out_rc = sqlite_fail(st, err, "approval_tasks");
    sqlite3_finalize(q);
    return out_rc;
}

static char *task_text(const ApprovalTask *t)
{
    json_t *j = approval_task_json(t);
    char *text = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return text;
}

int sqlite_store_approval_open(Store *st, const char *case_no, const char *agency, const char *requested_by,
                        const ApprovalTask *t, const char *status, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite3_prepare_v2(st->db,
                           "INSERT INTO approval_tasks(case_no, agency, action, task, requested_by, requested_at,"
                           " updated_at, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "approval_tasks");
    char *text = task_text(t);
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, agency, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, workflow_action_code(t->action), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, text ? text : "{}", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 5, requested_by, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, status, -1, SQLITE_STATIC);
    free(text);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "approval_tasks");
}

int sqlite_store_approval_update(Store *st, long long id, const ApprovalTask *t, const char *status, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite3_prepare_v2(st->db, "UPDATE approval_tasks SET task = ?2, status = ?3, updated_at = ?4 WHERE id = ?1",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "approval_tasks");
    char *text = task_text(t);
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_text(q, 2, text ? text : "{}", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 3, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, now, -1, SQLITE_STATIC);
    free(text);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "approval_tasks");
}

int sqlite_store_approval_cancel_pending(Store *st, const char *case_no, ZfError *err)
{
    sqlite3_stmt *q;
    char now[32];
    sqlite_utc_now(now);
    if (sqlite3_prepare_v2(st->db,
                           "UPDATE approval_tasks SET status = 'cancelled', updated_at = ?2"
                           " WHERE case_no = ?1 AND status = 'pending'",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "approval_tasks");
    sqlite3_bind_text(q, 1, case_no, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, now, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? ZF_OK : sqlite_fail(st, err, "approval_tasks");
}

/* Calls fn with each row the query (one text parameter, NULL allowed) selects. */
static int rows_foreach(Store *st, const char *sql, const char *param, ApprovalRowFn fn, void *ctx, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) return sqlite_fail(st, err, "approval_tasks");
    sqlite_bind_opt(q, 1, param);
    ApprovalRow *row = malloc(sizeof *row);
    int rc = row ? SQLITE_ROW : SQLITE_NOMEM, out = ZF_OK;
    while (row && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (row_of(q, row, err) != ZF_OK) {
            out = ZF_ERR;
            break;
        }
        if (fn(row, ctx) != 0) break;
    }
    if (out == ZF_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        out = row ? sqlite_fail(st, err, "approval_tasks") : zf_fail(err, 500, "internal_error", NULL, "内存不足");
    free(row);
    sqlite3_finalize(q);
    return out;
}

int sqlite_store_approvals_pending_foreach(Store *st, const char *agency, ApprovalRowFn fn, void *ctx, ZfError *err)
{
    return rows_foreach(st,
                        "SELECT " TASK_COLS TASK_FROM " WHERE a.status = 'pending' AND (?1 IS NULL OR a.agency = ?1)"
                        " ORDER BY a.id",
                        agency, fn, ctx, err);
}

/* approval_tasks_by_case (migration 043) serves it. */
int sqlite_store_approvals_of_case(Store *st, const char *case_no, ApprovalRowFn fn, void *ctx, ZfError *err)
{
    return rows_foreach(st, "SELECT " TASK_COLS TASK_FROM " WHERE a.case_no = ?1 ORDER BY a.id", case_no, fn, ctx,
                        err);
}

int sqlite_store_user_approval_level(Store *st, const char *username, int *level, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "SELECT approval_level FROM users WHERE username = ?1", -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "users");
    sqlite3_bind_text(q, 1, username, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) *level = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW) return ZF_OK;
    return rc == SQLITE_DONE ? zf_fail(err, 404, "not_found", "username", "用户不存在") : sqlite_fail(st, err, "users");
}

int sqlite_store_user_set_approval_level(Store *st, const char *username, int level, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db, "UPDATE users SET approval_level = ?2 WHERE username = ?1", -1, &q, NULL) !=
        SQLITE_OK)
        return sqlite_fail(st, err, "users");
    sqlite3_bind_text(q, 1, username, -1, SQLITE_STATIC);
    if (level > 0) sqlite3_bind_int(q, 2, level);
    else sqlite3_bind_null(q, 2);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return sqlite_fail(st, err, "users");
    return sqlite3_changes(st->db) == 1 ? ZF_OK : zf_fail(err, 404, "not_found", "username", "用户不存在");
}

int sqlite_store_agency_approvers(Store *st, const char *agency, json_t **out, ZfError *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT username, display_name, role, approval_level FROM users"
                           " WHERE agency = ?1 AND disabled = 0 AND role IN ('agency_head', 'legal_reviewer')"
                           " ORDER BY role, username",
                           -1, &q, NULL) != SQLITE_OK)
        return sqlite_fail(st, err, "users");
    sqlite3_bind_text(q, 1, agency, -1, SQLITE_STATIC);
    json_t *a = json_array();
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o}", "username", sqlite_json_text(q, 0), "display_name",
                                           sqlite_json_text(q, 1), "role", sqlite_json_text(q, 2), "approval_level",
                                           sqlite3_column_type(q, 3) == SQLITE_NULL
                                               ? json_null() : json_integer(sqlite3_column_int(q, 3))));
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        json_decref(a);
        return sqlite_fail(st, err, "users");
    }
    *out = a;
    return ZF_OK;
}
