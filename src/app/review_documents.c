/* See review_documents.h. The values are the plan's published results (app_review_plan_results,
 * read as the publisher, so every agency's) turned into what the paper says: each file's score and
 * grade with the problems its deductions name, each agency's count, mean and grades, the standard's
 * items where points were lost, the dates as 2026年5月20日. */
#include "app/review_documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/document_template.h"
#include "app/document_vars.h"
#include "app/orders_view.h"
#include "app/reviews.h"
#include "store/documents.h"
#include "util/log.h"

#define SUBJECT_PLAN "review_plan"
#define BULLETIN_KIND "review_bulletin"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* 92.5, 88.75, 90 — points as the results give them, without trailing zeros. */
static json_t *points_text(const json_t *v)
{
    char buf[32];
    if (!json_is_number(v)) return json_string("—");
    snprintf(buf, sizeof buf, "%.2f", json_number_value(v));
    char *end = buf + strlen(buf) - 1;
    while (*end == '0') *end-- = '\0';
    if (*end == '.') *end = '\0';
    return json_string(buf);
}

/* The reasons of a file's deductions, each once, joined with "；" (reviewers often write the same). */
static json_t *problems_of(const json_t *deductions)
{
    json_t *seen = json_object(), *d;
    char buf[4000] = "";
    size_t i, used = 0;
    json_array_foreach(deductions, i, d) {
        const char *r = str(d, "reason");
        if (!r || !*r || json_object_get(seen, r)) continue;
        json_object_set_new(seen, r, json_true());
        size_t n = strlen(r);
        if (n > 3 && strcmp(r + n - 3, "。") == 0) n -= 3; /* the sentence ends after the list */
        int w = snprintf(buf + used, sizeof buf - used, "%s%.*s", used ? "；" : "", (int)n, r);
        if (w < 0 || (size_t)w >= sizeof buf - used) break;
        used += (size_t)w;
    }
    json_decref(seen);
    return json_string(used ? buf : "未发现扣分问题");
}

static json_t *file_lines(const json_t *files)
{
    json_t *out = json_array(), *f;
    size_t i;
    json_array_foreach(files, i, f)
        json_array_append_new(out, json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:o}", "n", (json_int_t)(i + 1), "case_no",
                                             str(f, "case_no") ?: "", "agency_name", str(f, "agency_name") ?: "", "total",
                                             points_text(json_object_get(f, "total")), "grade_name",
                                             str(f, "grade_name") ?: "", "veto",
                                             json_is_true(json_object_get(f, "veto")) ? "（存在一票否决情形）" : "", "problems",
                                             problems_of(json_object_get(f, "deductions"))));
    return out;
}

/* "优秀1件、良好2件" in the bands' order, the grades with none left out. */
static json_t *grades_text(const ReviewBands *bands, const json_t *distribution)
{
    char buf[400] = "";
    size_t used = 0;
    for (size_t b = 0; b < bands->n; b++) {
        long long n = json_integer_value(json_object_get(distribution, bands->band[b].grade));
        if (n <= 0) continue;
        int w = snprintf(buf + used, sizeof buf - used, "%s%s%lld件", used ? "、" : "", bands->band[b].name, n);
        if (w < 0 || (size_t)w >= sizeof buf - used) break;
        used += (size_t)w;
    }
    return json_string(buf);
}

static json_t *agency_lines(Store *st, const json_t *agencies)
{
    ReviewBands bands;
    json_t *out = json_array(), *a;
    size_t i;
    review_bands(st, &bands);
    json_array_foreach(agencies, i, a) {
        if (json_integer_value(json_object_get(a, "files")) == 0) continue;
        json_array_append_new(out, json_pack("{s:s, s:I, s:o, s:o}", "agency_name", str(a, "agency_name") ?: "", "files",
                                             json_integer_value(json_object_get(a, "files")), "average",
                                             points_text(json_object_get(a, "average")), "grades",
                                             grades_text(&bands, json_object_get(a, "distribution"))));
    }
    return out;
}

/* The standard's items where files lost points, as the results count them. */
static json_t *item_lines(const json_t *items)
{
    json_t *out = json_array(), *it;
    size_t i;
    json_array_foreach(items, i, it)
        if (json_number_value(json_object_get(it, "points_lost")) > 0)
            json_array_append_new(out, json_pack("{s:s, s:O, s:o}", "name", str(it, "name") ?: "", "files",
                                                 json_object_get(it, "files"), "points",
                                                 points_text(json_object_get(it, "points_lost"))));
    return out;
}

/* Names of the agencies sampled that had no file in the period, "、"-joined ("" when none). */
static json_t *empty_agencies(const json_t *plan)
{
    char buf[2000] = "";
    size_t i, used = 0;
    json_t *a;
    json_array_foreach(json_object_get(json_object_get(plan, "body"), "empty_agencies"), i, a) {
        int w = snprintf(buf + used, sizeof buf - used, "%s%s", used ? "、" : "", str(a, "name") ?: "");
        if (w < 0 || (size_t)w >= sizeof buf - used) break;
        used += (size_t)w;
    }
    return json_string(buf);
}

static json_t *bulletin_vars(const AppContext *cx, long long id, const json_t *plan, const json_t *results)
{
    const json_t *body = json_object_get(plan, "body");
    json_t *vars = json_object(), *doc = json_object();
    json_t *issuer = order_issuer(cx, str(plan, "region"));
    const char *published = str(body, "published_on");
    char number[96];
    snprintf(number, sizeof number, "评查通报〔%.4s〕%lld号", published ? published : "----", id);
    json_object_set_new(doc, "agency_name", json_string(json_string_value(issuer) ?: "行政执法监督机构"));
    json_decref(issuer);
    json_object_set_new(doc, "number", json_string(number));
    json_object_set_new(doc, "plan_name", json_string(str(body, "name") ?: ""));
    json_object_set_new(doc, "period_from_cn", doc_vars_date_cn(str(body, "period_from")));
    json_object_set_new(doc, "period_to_cn", doc_vars_date_cn(str(body, "period_to")));
    json_object_set_new(doc, "published_on_cn", doc_vars_date_cn(published));
    json_object_set_new(doc, "defense_due_cn", doc_vars_date_cn(str(body, "defense_due")));
    json_object_set_new(doc, "file_count", json_integer((json_int_t)json_array_size(json_object_get(results, "files"))));
    json_object_set_new(doc, "files", file_lines(json_object_get(results, "files")));
    json_object_set_new(doc, "agencies", agency_lines(cx->store, json_object_get(results, "agencies")));
    json_object_set_new(doc, "items", item_lines(json_object_get(results, "items")));
    json_object_set_new(doc, "empty_agencies", empty_agencies(plan));
    json_object_set_new(vars, "doc", doc);
    return vars;
}

static int issue_from(const AppContext *cx, long long id, const json_t *plan, const char *reason, DocumentInfo *out,
                      ZfError *err)
{
    json_t *results;
    char subject_id[24], ledger_subject[48], seal[32];
    if (strcmp(str(plan, "status") ?: "", "published") != 0)
        return zf_fail(err, 409, "plan_status", NULL, "评查结果发布后才能出具评查结果通报");
    if (app_review_plan_results(cx, id, &results, err) != ZF_OK) return ZF_ERR;
    json_t *vars = bulletin_vars(cx, id, plan, results);
    snprintf(subject_id, sizeof subject_id, "%lld", id);
    snprintf(ledger_subject, sizeof ledger_subject, "review_plan:%lld", id);
    /* the same organ and seal as the region's supervision orders (app/order_documents.c) */
    snprintf(seal, sizeof seal, "SFJ-%s", str(plan, "region") ?: "000000");
    DocumentSubject s = {SUBJECT_PLAN, subject_id, ledger_subject, seal, str(doc_var(vars, "doc"), "agency_name"), vars};
    int rc = app_document_issue(cx, &s, BULLETIN_KIND, reason, out, err);
    json_decref(vars);
    json_decref(results);
    return rc;
}

int app_review_bulletin_issue(const AppContext *cx, long long plan_id, const char *reason, DocumentInfo *out,
                              ZfError *err)
{
    json_t *plan;
    if (review_plan_managed(cx, plan_id, &plan, err) != ZF_OK) return ZF_ERR;
    int rc = issue_from(cx, plan_id, plan, reason, out, err);
    json_decref(plan);
    return rc;
}

int app_review_plan_documents(const AppContext *cx, long long plan_id, json_t **items, ZfError *err)
{
    json_t *plan;
    char subject_id[24];
    if (review_plan_readable(cx, plan_id, &plan, err) != ZF_OK) return ZF_ERR;
    json_decref(plan);
    snprintf(subject_id, sizeof subject_id, "%lld", plan_id);
    return app_documents_of(cx, SUBJECT_PLAN, subject_id, items, err);
}

void app_review_documents_due(const AppContext *cx, long long plan_id)
{
    json_t *items;
    ZfError err;
    if (!store_db_path(cx->store) || app_review_plan_documents(cx, plan_id, &items, &err) != ZF_OK) return;
    size_t have = json_array_size(items);
    json_decref(items);
    if (have == 0 && app_review_bulletin_issue(cx, plan_id, NULL, NULL, &err) != ZF_OK)
        log_error("document_not_issued", "review plan %lld: %s", plan_id, err.message);
}

int app_review_plan_document(const AppContext *cx, long long plan_id, long long doc_id, json_t **row, ZfError *err)
{
    json_t *plan;
    char subject_id[24];
    if (review_plan_readable(cx, plan_id, &plan, err) != ZF_OK) return ZF_ERR;
    json_decref(plan);
    if (store_document_get(cx->store, doc_id, row, err) != ZF_OK) return ZF_ERR;
    snprintf(subject_id, sizeof subject_id, "%lld", plan_id);
    /* a document of another subject answers as absent, whatever its id */
    if (strcmp(str(*row, "subject"), SUBJECT_PLAN) == 0 && strcmp(str(*row, "subject_id"), subject_id) == 0) return ZF_OK;
    json_decref(*row);
    *row = NULL;
    return zf_fail(err, 404, "not_found", NULL, "文书不存在");
}
