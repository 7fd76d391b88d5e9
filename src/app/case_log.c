/* See case_log.h. */
#include "app/case_log.h"
#include "app/logged_row.h"

#include <time.h>

#include "ledger/ledger.h"
#include "store/workflow.h"

int app_workflow_put(Store *st, const json_t *row, ZfError *err)
{
    const char *case_no = json_string_value(json_object_get(row, "case_no"));
    json_t *stored = NULL;
    if (store_savepoint(st, "workflow_put", err) != ZF_OK) return ZF_ERR;
    int rc = store_workflow_put(st, row, err);
    if (rc == ZF_OK) rc = store_workflow_get(st, case_no, &stored, err);
    if (rc == ZF_OK) rc = ledger_append_seq(st, LEDGER_WORKFLOW_PUT, case_no, stored, NULL, err);
    json_decref(stored);
    if (rc == ZF_OK) return store_release(st, "workflow_put", err);
    store_rollback_to(st, "workflow_put");
    return ZF_ERR;
}

static json_t *nullable(const char *s) { return s ? json_string(s) : json_null(); }

int app_timeline_add_at(Store *st, const char *case_no, const char *time, const char *user, const char *action,
                        const char *from_stage, const char *to_stage, const char *note, ZfError *err)
{
    TimelineRow r = {case_no, time, user, action, from_stage, to_stage, note ? note : ""};
    long long id;
    if (store_savepoint(st, "timeline_add", err) != ZF_OK) return ZF_ERR;
    int rc = store_workflow_timeline_insert(st, &r, &id, err);
    if (rc == ZF_OK) {
        json_t *data = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)id, "case_no", case_no,
                                 "time", time, "user", user, "action", action, "from_stage", nullable(from_stage),
                                 "to_stage", nullable(to_stage), "note", r.note);
        rc = data ? ledger_append_seq(st, LEDGER_TIMELINE_ADD, case_no, data, NULL, err)
                  : zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
        json_decref(data);
    }
    if (rc == ZF_OK) return store_release(st, "timeline_add", err);
    store_rollback_to(st, "timeline_add");
    return ZF_ERR;
}

int app_timeline_add(Store *st, const char *case_no, const char *user, const char *action, const char *from_stage,
                     const char *to_stage, const char *note, ZfError *err)
{
    char now[32];
    app_utc_now(now);
    return app_timeline_add_at(st, case_no, now, user, action, from_stage, to_stage, note, err);
}

typedef struct {
    Ledger *ledger;
    const char *type;
    ZfError *err;
    int rc;
} Backfill;

static int log_row(const json_t *row, void *ctx)
{
    Backfill *b = ctx;
    const char *case_no = json_string_value(json_object_get(row, "case_no"));
    if (ledger_add(b->ledger, b->type, case_no ? case_no : "", row, NULL, b->err) == ZF_OK) return 0;
    b->rc = ZF_ERR;
    return 1;
}

int app_case_log_backfill(Store *st, ZfError *err)
{
    if (!store_workflow_backfill_pending(st, "case_timeline") && !store_workflow_backfill_pending(st, "case_workflow"))
        return ZF_OK;
    if (store_begin(st, err) != ZF_OK) return ZF_ERR;
    Ledger *l = NULL;
    int rc = ledger_open(st, &l, err);
    Backfill timeline = {l, LEDGER_TIMELINE_ADD, err, ZF_OK}, workflow = {l, LEDGER_WORKFLOW_PUT, err, ZF_OK};
    /* asked again inside the write transaction: another process may have done it meanwhile */
    if (rc == ZF_OK && store_workflow_backfill_pending(st, "case_timeline"))
        rc = store_workflow_timeline_foreach(st, log_row, &timeline, err);
    if (rc == ZF_OK && timeline.rc == ZF_OK && store_workflow_backfill_pending(st, "case_workflow"))
        rc = store_workflow_foreach(st, log_row, &workflow, err);
    if (rc == ZF_OK) rc = timeline.rc != ZF_OK ? timeline.rc : workflow.rc;
    if (rc == ZF_OK) rc = store_workflow_backfill_done(st, err);
    ledger_close(l);
    if (rc == ZF_OK) return store_commit(st, err);
    store_rollback(st);
    return ZF_ERR;
}
