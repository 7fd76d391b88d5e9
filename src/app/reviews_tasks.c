/* A reviewer's tasks: the list of his, one task with the file it opens (the case record, its
 * online timeline, attachments, the rule engine's open findings as suggested deductions) and the
 * score sheet he fills in. The task row is the whole of his access: a task that is not his is
 * answered as an absent one, and only its stored case_no is ever opened. */
#include "app/reviews.h"

#include <stdlib.h>
#include <string.h>

#include "app/logged_row.h"
#include "domain/review_labels.h"
#include "store/attachments.h"
#include "store/findings.h"
#include "store/reviews.h"
#include "store/workflow.h"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static json_t *body_of(const json_t *row) { return json_object_get(row, "body"); }

/* The task row if it is cx->user's; 404 otherwise. */
static int my_task(const AppContext *cx, long long id, json_t **task, ZfError *err)
{
    if (store_review_get(cx->store, REVIEW_TASK, id, task, err) != ZF_OK) return ZF_ERR;
    if (cx->user && strcmp(str(*task, "reviewer"), cx->user->username) == 0) return ZF_OK;
    json_decref(*task);
    *task = NULL;
    return zf_fail(err, 404, "not_found", NULL, "评查任务不存在");
}

static json_t *case_record(Store *st, const char *case_no)
{
    char *body;
    ZfError err;
    if (store_record_get(st, REC_CASE, case_no, &body, &err) != ZF_OK) return json_null();
    json_t *rec = json_loads(body, 0, NULL);
    free(body);
    return rec ? rec : json_null();
}

/* The task as the list shows it. */
static json_t *task_view(Store *st, const json_t *task, const json_t *plan, const ReviewBands *bands)
{
    char name[256], region[7];
    json_t *b = body_of(task), *total = json_object_get(b, "total_cp"), *rec = case_record(st, str(task, "case_no"));
    json_t *item = NULL;
    ZfError err;
    store_review_get(st, REVIEW_ITEM, json_integer_value(json_object_get(task, "item_id")), &item, &err);
    review_agency(st, str(item, "agency"), name, region);
    json_t *v = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:s?, s:s, s:O, s:s, s:O, s:o, s:b, s:O}", "id", json_object_get(task, "id"),
                          "plan", json_object_get(task, "plan_id"), "plan_name", json_object_get(body_of(plan), "name"),
                          "item_id", json_object_get(task, "item_id"), "case_no", json_object_get(task, "case_no"),
                          "filing_no", json_object_get(rec, "filing_no") ? json_object_get(rec, "filing_no") : json_null(),
                          "agency", str(item, "agency"), "agency_name", name, "status", json_object_get(task, "status"),
                          "status_name", review_label("review_task_statuses", str(task, "status")), "deadline",
                          json_object_get(b, "deadline") ? json_object_get(b, "deadline") : json_null(), "total",
                          total ? review_points_json((int)json_integer_value(total)) : json_null(), "veto",
                          json_is_true(json_object_get(b, "veto")), "deductions", json_object_get(b, "deductions"));
    if (total) {
        const ReviewBand *g = review_grade(bands, (int)json_integer_value(total), json_is_true(json_object_get(b, "veto")));
        json_object_set_new(v, "grade", json_string(g ? g->grade : ""));
        json_object_set_new(v, "grade_name", json_string(g ? g->name : ""));
    }
    if (json_object_get(b, "submitted_at")) json_object_set(v, "submitted_at", json_object_get(b, "submitted_at"));
    json_decref(rec);
    json_decref(item);
    return v;
}

int app_review_tasks_mine(const AppContext *cx, const char *status, int page, int size, json_t **out, ZfError *err)
{
    json_t *rows, *row, *items = json_array();
    ReviewRowFilter f = {.reviewer = cx->user ? cx->user->username : "", .status = status};
    if (store_review_rows(cx->store, REVIEW_TASK, &f, &rows, err) != ZF_OK) return json_decref(items), ZF_ERR;
    ReviewBands bands;
    review_bands(cx->store, &bands);
    size_t i, first = (size_t)(page - 1) * (size_t)size;
    for (i = first; i < json_array_size(rows) && i < first + (size_t)size; i++) {
        json_t *plan = NULL;
        ZfError e;
        row = json_array_get(rows, i);
        store_review_get(cx->store, REVIEW_PLAN, json_integer_value(json_object_get(row, "plan_id")), &plan, &e);
        json_array_append_new(items, task_view(cx->store, row, plan, &bands));
        json_decref(plan);
    }
    *out = json_pack("{s:o, s:i, s:i, s:i}", "items", items, "total", (int)json_array_size(rows), "page", page, "size", size);
    json_decref(rows);
    return ZF_OK;
}

/* The open findings on the case, each mapped to the sub-items whose `rules` name its rule. */
static json_t *suggestions(Store *st, const json_t *standard, const char *case_no)
{
    FindingFilter f = {.status = "open", .subject_type = "case", .subject = case_no};
    json_t *found, *out = json_array(), *fd, *item, *sub, *rule;
    ZfError err;
    size_t i, j, k, r;
    if (store_findings_list(st, &f, 1, 200, &found, &err) != ZF_OK) return out;
    json_array_foreach(json_object_get(found, "items"), i, fd) {
        json_array_foreach(json_object_get(standard, "items"), j, item) {
            json_array_foreach(json_object_get(item, "subitems"), k, sub) {
                json_array_foreach(json_object_get(sub, "rules"), r, rule) {
                    if (!json_is_string(rule) || !str(fd, "rule") || strcmp(json_string_value(rule), str(fd, "rule")) != 0) continue;
                    json_t *d = json_array_get(json_object_get(sub, "deductions"), 0);
                    json_array_append_new(out, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O?}", "item", json_object_get(sub, "code"),
                                                         "item_name", json_object_get(sub, "name"), "points",
                                                         d ? json_object_get(d, "points") : json_object_get(sub, "points"),
                                                         "reason", json_object_get(fd, "message"), "rule",
                                                         json_object_get(fd, "rule"), "law", json_object_get(fd, "law")));
                }
            }
        }
    }
    json_decref(found);
    return out;
}

int app_review_task_get(const AppContext *cx, long long id, json_t **out, ZfError *err)
{
    json_t *task, *plan = NULL, *standard = NULL, *timeline = NULL, *attachments = NULL;
    if (my_task(cx, id, &task, err) != ZF_OK) return ZF_ERR;
    int rc = store_review_get(cx->store, REVIEW_PLAN, json_integer_value(json_object_get(task, "plan_id")), &plan, err);
    if (rc == ZF_OK) rc = review_plan_standard(cx->store, plan, &standard, err);
    const char *case_no = str(task, "case_no");
    ZfError none;
    if (rc == ZF_OK && store_workflow_timeline(cx->store, case_no, &timeline, &none) != ZF_OK) timeline = json_array();
    if (rc == ZF_OK && store_attachment_list(cx->store, case_no, &attachments, &none) != ZF_OK) attachments = json_array();
    if (rc == ZF_OK) {
        ReviewBands bands;
        review_bands(cx->store, &bands);
        *out = task_view(cx->store, task, plan, &bands);
        json_object_set_new(*out, "plan_period",
                            json_pack("{s:O, s:O}", "from", json_object_get(body_of(plan), "period_from"), "to",
                                      json_object_get(body_of(plan), "period_to")));
        json_object_set_new(*out, "suggestions", suggestions(cx->store, standard, case_no));
        json_object_set_new(*out, "standard", standard);
        json_object_set_new(*out, "case", case_record(cx->store, case_no));
        json_object_set_new(*out, "timeline", timeline);
        json_object_set_new(*out, "attachments", attachments);
    } else {
        json_decref(standard), json_decref(timeline), json_decref(attachments);
    }
    json_decref(task);
    json_decref(plan);
    return rc;
}

/* ---- scoring ---- */

typedef struct {
    long long id;
    const json_t *deductions;
    bool submit;
} PutArgs;

static int put_fn(const AppContext *cx, void *arg, ZfError *err)
{
    PutArgs *a = arg;
    json_t *task, *plan = NULL, *standard = NULL;
    if (my_task(cx, a->id, &task, err) != ZF_OK) return ZF_ERR;
    int rc = strcmp(str(task, "status"), "assigned") == 0 ? ZF_OK
                                                          : zf_fail(err, 409, "task_submitted", NULL, "评查结果已提交，不能再修改");
    if (rc == ZF_OK) rc = store_review_get(cx->store, REVIEW_PLAN, json_integer_value(json_object_get(task, "plan_id")), &plan, err);
    if (rc == ZF_OK && strcmp(str(plan, "status"), "published") == 0)
        rc = zf_fail(err, 409, "plan_status", NULL, "评查结果已发布，不能再修改");
    if (rc == ZF_OK) rc = review_plan_standard(cx->store, plan, &standard, err);
    ReviewScore s;
    if (rc == ZF_OK) rc = review_score_sheet(standard, a->deductions, &s, err);
    if (rc == ZF_OK) {
        json_t *b = body_of(task);
        json_object_set_new(b, "deductions", review_clean_deductions(standard, a->deductions));
        json_object_set_new(b, "total_cp", json_integer(s.total_cp));
        json_object_set_new(b, "veto", json_boolean(s.veto));
        json_object_set_new(b, "veto_item", s.veto_item ? json_string(s.veto_item) : json_null());
        if (a->submit) {
            char now[32];
            app_utc_now(now);
            json_object_set_new(b, "submitted_at", json_string(now));
            json_object_set_new(task, "status", json_string("submitted"));
        }
        rc = review_task_put(cx->store, task, err);
    }
    if (rc == ZF_OK && a->submit) rc = review_refresh(cx, json_integer_value(json_object_get(task, "item_id")), err);
    json_decref(task), json_decref(plan), json_decref(standard);
    return rc;
}

int app_review_task_put(const AppContext *cx, long long id, const json_t *deductions, bool submit, json_t **out,
                        ZfError *err)
{
    if (deductions && !json_is_array(deductions)) return zf_fail(err, 400, "invalid_field", "deductions", "扣分应为列表");
    json_t *none = json_array();
    PutArgs a = {id, deductions ? deductions : none, submit};
    int rc = review_in_tx(cx, put_fn, &a, err);
    json_decref(none);
    if (rc != ZF_OK) return ZF_ERR;
    json_t *task, *plan = NULL;
    if (my_task(cx, id, &task, err) != ZF_OK) return ZF_ERR;
    rc = store_review_get(cx->store, REVIEW_PLAN, json_integer_value(json_object_get(task, "plan_id")), &plan, err);
    if (rc == ZF_OK) {
        ReviewBands bands;
        review_bands(cx->store, &bands);
        *out = task_view(cx->store, task, plan, &bands);
    }
    json_decref(task), json_decref(plan);
    return rc;
}

int app_review_task_attachment(const AppContext *cx, long long id, long long att, json_t **out, ZfError *err)
{
    json_t *task;
    if (my_task(cx, id, &task, err) != ZF_OK) return ZF_ERR;
    int rc = store_attachment_get(cx->store, str(task, "case_no"), att, out, err);
    json_decref(task);
    return rc;
}
