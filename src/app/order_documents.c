/* See order_documents.h. The order is read as its page shows it (order_view_full), and `doc` adds
 * what the paper says that the row does not hold as such: the issuing organ and the addressee by
 * name, dates as 2026年5月20日, the cited articles quoted from the law library, the cases listed. */
#include "app/order_documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/document_template.h"
#include "app/document_vars.h"
#include "app/orders.h"
#include "app/orders_view.h"
#include "ledger/ledger.h"
#include "store/documents.h"
#include "util/log.h"

#define SUBJECT_ORDER "order"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The template whose "order_kind" is the order's kind; 404 when none is written. */
static int template_of(const char *order_kind, char kind[32], ZfError *err)
{
    json_t *all, *t;
    size_t i;
    kind[0] = '\0';
    if (doc_templates_all(&all, err) != ZF_OK) return ZF_ERR;
    json_array_foreach(all, i, t)
        if (order_kind && str(t, "order_kind") && strcmp(str(t, "order_kind"), order_kind) == 0)
            snprintf(kind, 32, "%s", str(t, "kind"));
    json_decref(all);
    return kind[0] ? ZF_OK : zf_fail(err, 404, "unknown_document_kind", "kind", "该类监督文书没有文书模板");
}

/* "案号一、案号二" */
static json_t *case_list(const json_t *case_nos)
{
    char buf[2048] = "";
    json_t *n;
    size_t i, used = 0;
    json_array_foreach(case_nos, i, n) {
        int w = snprintf(buf + used, sizeof buf - used, "%s%s", i ? "、" : "", json_string_value(n));
        if (w < 0 || (size_t)w >= sizeof buf - used) break;
        used += (size_t)w;
    }
    return json_string(buf);
}

/* The text as a sentence: a full stop added unless it ends in one (。！？；). */
static json_t *sentence(const char *text)
{
    static const char *const STOPS[] = {"。", "！", "？", "；", NULL};
    size_t n = text ? strlen(text) : 0;
    for (const char *const *s = STOPS; *s; s++)
        if (n >= strlen(*s) && strcmp(text + n - strlen(*s), *s) == 0) return json_string(text);
    return json_sprintf("%s。", text ? text : "");
}

static json_t *order_vars(const AppContext *cx, const json_t *view)
{
    json_t *vars = json_deep_copy(view), *doc = json_object();
    const char *issuer = str(view, "issuer") ? str(view, "issuer") : "行政执法监督机构";
    json_object_set_new(doc, "agency_name", json_string(issuer));
    json_object_set_new(doc, "addressee", json_string(str(view, "agency_name") ? str(view, "agency_name") : ""));
    json_object_set_new(doc, "number", json_string(str(view, "doc_no") ? str(view, "doc_no") : ""));
    json_object_set_new(doc, "issued_on_cn", doc_vars_date_cn(str(view, "issued_on")));
    json_object_set_new(doc, "due_on_cn", doc_vars_date_cn(str(view, "due_on")));
    json_object_set_new(doc, "basis", doc_vars_quoted_basis(cx->store, json_object_get(view, "basis")));
    json_object_set_new(doc, "cases", case_list(json_object_get(view, "case_nos")));
    json_object_set_new(doc, "problem", sentence(str(view, "problem")));
    json_object_set_new(doc, "measures", sentence(str(view, "measures")));
    json_object_set_new(vars, "doc", doc);
    return vars;
}

/* The issuing organ's seal code: the 司法行政部门 of the order's region. */
static void seal_code_of(const json_t *view, char out[32])
{
    snprintf(out, 32, "SFJ-%s", str(view, "region") ? str(view, "region") : "000000");
}

static int load_view(const AppContext *cx, long long id, json_t **view, ZfError *err)
{
    json_t *row;
    if (app_order_load_visible(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    int rc = order_view_full(cx, row, app_order_warn_wd(cx->store), view, err);
    json_decref(row);
    return rc;
}

int app_order_document_issue(const AppContext *cx, long long id, const char *reason, DocumentInfo *out, ZfError *err)
{
    json_t *view;
    char kind[32], subject_id[24], ledger_subject[48], seal[32];
    if (load_view(cx, id, &view, err) != ZF_OK) return ZF_ERR;
    int rc = strcmp(str(view, "status") ? str(view, "status") : "draft", "draft") != 0
                 ? template_of(str(view, "kind"), kind, err)
                 : zf_fail(err, 409, "order_draft", NULL, "监督文书下发后才能出具文书");
    if (rc == ZF_OK) {
        json_t *vars = order_vars(cx, view);
        snprintf(subject_id, sizeof subject_id, "%lld", id);
        snprintf(ledger_subject, sizeof ledger_subject, "%s%lld", LEDGER_ORDER_SUBJECT_PREFIX, id);
        seal_code_of(view, seal);
        DocumentSubject s = {SUBJECT_ORDER, subject_id, ledger_subject, seal, str(doc_var(vars, "doc"), "agency_name"),
                             vars};
        rc = app_document_issue(cx, &s, kind, reason, out, err);
        json_decref(vars);
    }
    json_decref(view);
    return rc;
}

int app_order_documents(const AppContext *cx, long long id, json_t **items, ZfError *err)
{
    json_t *row;
    char subject_id[24];
    if (app_order_load_visible(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    json_decref(row);
    snprintf(subject_id, sizeof subject_id, "%lld", id);
    return app_documents_of(cx, SUBJECT_ORDER, subject_id, items, err);
}

void app_order_documents_due(const AppContext *cx, long long id)
{
    json_t *items;
    ZfError err;
    if (!store_db_path(cx->store) || app_order_documents(cx, id, &items, &err) != ZF_OK) return;
    size_t have = json_array_size(items);
    json_decref(items);
    if (have == 0 && app_order_document_issue(cx, id, NULL, NULL, &err) != ZF_OK)
        log_error("document_not_issued", "order %lld: %s", id, err.message);
}

int app_order_document(const AppContext *cx, long long id, long long doc_id, json_t **row, ZfError *err)
{
    json_t *order;
    char subject_id[24];
    if (app_order_load_visible(cx, id, &order, err) != ZF_OK) return ZF_ERR;
    json_decref(order);
    if (store_document_get(cx->store, doc_id, row, err) != ZF_OK) return ZF_ERR;
    snprintf(subject_id, sizeof subject_id, "%lld", id);
    /* a document of another subject answers as absent, whatever its id */
    if (strcmp(str(*row, "subject"), SUBJECT_ORDER) == 0 && strcmp(str(*row, "subject_id"), subject_id) == 0) return ZF_OK;
    json_decref(*row);
    *row = NULL;
    return zf_fail(err, 404, "not_found", NULL, "文书不存在");
}
