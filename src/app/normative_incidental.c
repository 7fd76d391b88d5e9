/* 附带审查 (normative_incidental.h) and the citizens' review suggestions (normative.h): both open a
 * review task on one registered document, written with its normative_task.put ledger event, and
 * tell the reviewers of the first step. */
#include "app/normative_incidental.h"

#include <stdio.h>
#include <string.h>

#include "app/complaints.h"
#include "app/logged_row.h"
#include "app/normative.h"
#include "app/normative_common.h"
#include "store/normative.h"
#include "util/text.h"

static int put_task(Store *st, json_t *row, ZfError *err) { return store_normative_put(st, NORMATIVE_TASK, row, err); }
static int get_task(Store *st, long long id, json_t **row, ZfError *err)
{
    return store_normative_get(st, NORMATIVE_TASK, id, row, err);
}
static const LoggedTable TASKS = {put_task, get_task, LEDGER_NORMATIVE_TASK_PUT, "normative_task:", NULL};

typedef struct {
    const char *doc_no, *title; /* how the document is named */
    long long id;               /* or its id */
    long long found;
} Finder;

static bool same(const char *a, const char *b) { return a && b && *a && strcmp(a, b) == 0; }

/* A registered document by 文号 (exact), 登记编号 or title. */
static int match_doc(const json_t *row, void *ctx)
{
    Finder *f = ctx;
    const json_t *b = json_object_get(row, "body");
    if (!json_is_string(json_object_get(row, "reg_no"))) return 0;
    if (same(f->doc_no, norm_str(b, "doc_no")) || same(f->doc_no, norm_str(row, "reg_no")) ||
        (!f->doc_no && same(f->title, norm_str(b, "title"))))
        f->found = json_integer_value(json_object_get(row, "id"));
    return f->found ? 1 : 0;
}

static int check_reason(const char *r, ZfError *err)
{
    if (!r || text_blank(r)) return zf_fail(err, 400, "missing_field", "reason", "请填写审查请求的理由");
    if (!text_utf8_valid(r, strlen(r)) || text_utf8_chars(r) > 2000)
        return zf_fail(err, 400, "invalid_field", "reason", "理由不超过 2000 字");
    return ZF_OK;
}

/* The task row on doc (scope unchecked: the request comes from the reconsideration organ or the public). */
static int open_task(const AppContext *cx, long long doc_id, const char *source, json_t *body, long long *task_id,
                     ZfError *err)
{
    json_t *doc;
    char title[300];
    if (store_normative_get(cx->store, NORMATIVE_DOC, doc_id, &doc, err) != ZF_OK) return json_decref(body), ZF_ERR;
    json_t *task = json_pack("{s:I, s:s, s:s, s:o}", "doc_id", (json_int_t)doc_id, "source", source, "status", "open",
                             "body", body);
    int rc = app_logged_put(cx->store, &TASKS, task, err);
    *task_id = json_integer_value(json_object_get(task, "id"));
    json_decref(task);
    if (rc == ZF_OK) {
        NormChain c;
        norm_chain_load(cx, &c);
        snprintf(title, sizeof title, "%s：《%s》", strcmp(source, "reconsideration") == 0 ? "附带审查申请" : "公民审查建议",
                 norm_str(json_object_get(doc, "body"), "title"));
        norm_timeline(cx, doc, strcmp(source, "reconsideration") == 0 ? "incidental" : "suggestion", NULL, title);
        rc = norm_put(cx, doc, err);
        for (int i = 0; rc == ZF_OK && i < c.steps[0].n_roles; i++)
            rc = norm_message_role(cx, doc, c.steps[0].roles[i], title, err);
    }
    json_decref(doc);
    return rc;
}

int app_normative_incidental_open_in(const AppContext *cx, const NormativeIncidentalRequest *req, long long *task_id,
                                     ZfError *err)
{
    zf_day received;
    *task_id = 0;
    if (check_reason(req->reason, err) != ZF_OK) return ZF_ERR;
    if (!req->received_on || !date_parse(req->received_on, &received))
        return zf_fail(err, 400, "invalid_field", "received_on", "收到申请的日期应为 YYYY-MM-DD");
    Finder f = {req->doc_no && *req->doc_no ? req->doc_no : NULL, req->title, 0, 0};
    if ((!f.doc_no && !(req->title && *req->title)) ||
        store_normative_foreach(cx->store, NORMATIVE_DOC, match_doc, &f, err) != ZF_OK || !f.found)
        return zf_fail(err, 404, "not_found", "doc_no", "未找到已登记的该规范性文件");
    char due[ZF_DATE_LEN];
    date_format(received + 30, due); /* 行政复议法 第五十六条：三十日内依法处理 */
    json_t *body = json_pack("{s:I, s:s, s:s, s:s, s:s}", "reconsideration_id", (json_int_t)req->reconsideration_id,
                             "recon_case_no", req->recon_case_no ? req->recon_case_no : "", "reason", req->reason,
                             "received_on", req->received_on, "due_on", due);
    return open_task(cx, f.found, "reconsideration", body, task_id, err);
}

int app_normative_suggest(const AppContext *cx, long long doc_id, const NormativeSuggestion *in, const char *addr,
                          long long now, long long *task_id, ZfError *err)
{
    json_t *doc;
    char today[ZF_DATE_LEN];
    if (check_reason(in->content, err) != ZF_OK) return ZF_ERR;
    if ((in->name && (!text_utf8_valid(in->name, strlen(in->name)) || text_utf8_chars(in->name) > 50)) ||
        (in->phone && strlen(in->phone) > 20))
        return zf_fail(err, 400, "invalid_field", "name", "姓名或电话过长");
    if (store_normative_get(cx->store, NORMATIVE_DOC, doc_id, &doc, err) != ZF_OK) return ZF_ERR;
    const char *v = norm_str(doc, "validity");
    bool listed = v && strcmp(v, "repealed") != 0;
    json_decref(doc);
    if (!listed) return zf_fail(err, 404, "not_found", NULL, "规范性文件不存在");
    if (app_portal_admit(cx, in->challenge_id, in->nonce, addr, now, err) != ZF_OK) return ZF_ERR;
    date_format(cx->today, today);
    json_t *body = json_pack("{s:s, s:s, s:s, s:s}", "reason", in->content, "name", in->name ? in->name : "", "phone",
                             in->phone ? in->phone : "", "received_on", today);
    if (store_begin(cx->store, err) != ZF_OK) return json_decref(body), ZF_ERR;
    int rc = open_task(cx, doc_id, "suggestion", body, task_id, err);
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    return rc;
}

int app_normative_task_answer(const AppContext *cx, long long task_id, const char *answer, json_t **task, ZfError *err)
{
    json_t *row, *doc;
    *task = NULL;
    if (check_reason(answer, err) != ZF_OK) return ZF_ERR;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_normative_get(cx->store, NORMATIVE_TASK, task_id, &row, err);
    if (rc == ZF_OK) {
        rc = norm_load(cx, json_integer_value(json_object_get(row, "doc_id")), &doc, err);
        if (rc == ZF_OK) json_decref(doc);
        else zf_fail(err, 404, "not_found", NULL, "审查任务不存在");
        if (rc == ZF_OK && strcmp(norm_str(row, "status"), "open") != 0)
            rc = zf_fail(err, 409, "invalid_state", NULL, "该审查任务已答复");
        if (rc == ZF_OK) {
            json_t *b = norm_body(row);
            char today[ZF_DATE_LEN];
            date_format(cx->today, today);
            json_object_set_new(b, "answer", json_string(answer));
            json_object_set_new(b, "answered_on", json_string(today));
            json_object_set_new(b, "answered_by", json_string(cx->user ? cx->user->username : "system"));
            json_object_set_new(row, "status", json_string("answered"));
            rc = app_logged_put(cx->store, &TASKS, row, err);
        }
        if (rc == ZF_OK) *task = json_incref(row);
        json_decref(row);
    }
    if (rc == ZF_OK) rc = store_commit(cx->store, err);
    else store_rollback(cx->store);
    if (rc != ZF_OK && *task) json_decref(*task), *task = NULL;
    return rc;
}
