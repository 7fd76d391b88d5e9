/* Escalation of unsigned approval tasks (see escalate.h). Never decides who may sign: it only
 * raises a task when the domain says its working days have run out. */
#include "app/escalate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/case_log.h"
#include "app/workflow_messages.h"
#include "store/approval.h"
#include "store/workflow.h"

typedef struct {
    const ApprovalPolicy *policy;
    const Calendar *cal;
    zf_day as_of;
    ApprovalRow *rows; /* the escalated ones, saved after the scan */
    size_t n, cap;
    long long seen;
    int failed;
} Scan;

static int scan_row(const ApprovalRow *row, void *ctx)
{
    Scan *s = ctx;
    s->seen++;
    ApprovalRow r = *row;
    if (!approval_escalate(&r.task, s->policy, s->as_of, s->cal)) return 0;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        ApprovalRow *more = realloc(s->rows, cap * sizeof *more);
        if (!more) return s->failed = 1;
        s->rows = more, s->cap = cap;
    }
    s->rows[s->n++] = r;
    return 0;
}

static int save(Store *st, const ApprovalPolicy *p, const ApprovalRow *r, ZfError *err)
{
    char note[512];
    int level = 0;
    for (size_t i = 0; i < r->task.slot_count; i++)
        if (r->task.slots[i].kind == AK_HEAD) level = r->task.slots[i].level;
    snprintf(note, sizeof note, "“%s”超过 %d 个工作日未审批，上报%s", workflow_action_name(r->task.action),
             p->escalate_after_wd, approval_level_name(p, level));
    if (store_approval_update(st, r->id, &r->task, "pending", err) != ZF_OK ||
        wf_message_escalated(st, r, p, err) != ZF_OK)
        return ZF_ERR;
    return app_timeline_add(st, r->case_no, "系统", "escalated", NULL, NULL, note, err);
}

int escalate_run(Store *st, const Calendar *cal, zf_day as_of, EscalateResult *out, ZfError *err)
{
    ApprovalPolicy policy;
    Scan s = {&policy, cal, as_of, NULL, 0, 0, 0, 0};
    memset(out, 0, sizeof *out);
    out->as_of = as_of;
    if (store_approval_policy(st, &policy, err) != ZF_OK || store_begin(st, err) != ZF_OK) return ZF_ERR;
    int rc = store_approvals_pending_foreach(st, NULL, scan_row, &s, err);
    if (rc == ZF_OK && s.failed) rc = zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    for (size_t i = 0; rc == ZF_OK && i < s.n; i++) rc = save(st, &policy, &s.rows[i], err);
    if (rc == ZF_OK) rc = store_commit(st, err);
    else store_rollback(st);
    free(s.rows);
    out->tasks = s.seen;
    out->escalated = rc == ZF_OK ? (long long)s.n : 0;
    return rc;
}
