/* See recon_documents.h. Which step calls for which document is the templates' data
 * ("recon_action"); what the paper says beyond the record (the operative words of each kind of
 * decision and its article) is the decision template's "outcomes" table. */
#include "app/recon_documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/document_template.h"
#include "app/document_vars.h"
#include "app/orders_view.h"
#include "app/reconsideration.h"
#include "domain/orders.h"
#include "domain/workflow/doc_number.h"
#include "store/documents.h"
#include "store/settings.h"
#include "util/log.h"

#define SUBJECT_RECON "reconsideration"
#define DEFAULT_PATTERN "{abbr}政复字〔{year}〕{seq}号"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* The reconsideration templates, {kind: template}. */
static int recon_templates(json_t **out, ZfError *err)
{
    json_t *all, *t;
    size_t i;
    if (doc_templates_all(&all, err) != ZF_OK) return ZF_ERR;
    *out = json_object();
    json_array_foreach(all, i, t)
        if (str(t, "subject") && strcmp(str(t, "subject"), SUBJECT_RECON) == 0 && str(t, "kind"))
            json_object_set(*out, str(t, "kind"), t);
    json_decref(all);
    return ZF_OK;
}

static const json_t *template_for_action(const json_t *tpls, const char *action)
{
    const char *kind;
    json_t *t;
    json_object_foreach((json_t *)tpls, kind, t)
        if (action && str(t, "recon_action") && strcmp(str(t, "recon_action"), action) == 0) return t;
    return NULL;
}

static int take_doc_no(const AppContext *cx, const json_t *row, const char *on, char *out, size_t size, ZfError *err)
{
    char pattern[160], abbr[64];
    const char *region = str(row, "region") ? str(row, "region") : "";
    long seq;
    zf_day day;
    int year, m, d;
    store_setting_text(cx->store, "recon_doc_number_pattern", DEFAULT_PATTERN, pattern, sizeof pattern);
    order_region_abbr(cx->regions ? regions_name(cx->regions, region) : NULL, abbr, sizeof abbr);
    if (!abbr[0]) snprintf(abbr, sizeof abbr, "%s", "复议");
    if (!date_parse(on, &day)) day = cx->today;
    date_to_ymd(day, &year, &m, &d);
    if (store_recon_doc_next_seq(cx->store, region, year, &seq, err) != ZF_OK) return ZF_ERR;
    return doc_number_format(pattern, abbr, year, seq, out, size, err);
}

/* The step's own record as the document quotes it: body[<detail>], the last one of a list. */
static json_t *detail_of(const json_t *body, const json_t *tpl)
{
    const json_t *d = str(tpl, "detail") ? json_object_get(body, str(tpl, "detail")) : NULL;
    if (json_is_array(d)) d = json_array_get(d, json_array_size(d) - 1);
    return d ? json_deep_copy(d) : json_object();
}

int recon_documents_call_for(const AppContext *cx, json_t *row, const char *action, const char *on, ZfError *err)
{
    json_t *tpls, *body = json_object_get(row, "body");
    char doc_no[160];
    if (recon_templates(&tpls, err) != ZF_OK) return ZF_ERR;
    const json_t *tpl = template_for_action(tpls, action);
    int rc = tpl ? take_doc_no(cx, row, on, doc_no, sizeof doc_no, err) : ZF_OK;
    if (tpl && rc == ZF_OK) {
        json_t *view = recon_view(cx, row);
        json_t *entry = json_pack("{s:s, s:s, s:s, s:o, s:O}", "kind", str(tpl, "kind"), "doc_no", doc_no, "on", on,
                                  "detail", detail_of(body, tpl), "deadlines", json_object_get(view, "deadlines"));
        json_decref(view);
        if (!json_is_array(json_object_get(body, "documents"))) json_object_set_new(body, "documents", json_array());
        json_array_append_new(json_object_get(body, "documents"), entry);
    }
    json_decref(tpls);
    return rc;
}

/* ---- what the paper says ---- */

static json_t *date_cn_of(const json_t *o, const char *k) { return doc_vars_date_cn(str(o, k)); }

/* "《…》（文号）" of the contested act, as the application names it. */
static json_t *act_text(const json_t *act)
{
    const char *title = str(act, "title"), *no = str(act, "doc_no") ? str(act, "doc_no") : str(act, "case_no");
    if (title && no) return json_sprintf("%s（%s）", title, no);
    if (title) return json_string(title);
    if (no) return json_sprintf("行政行为（%s）", no);
    return json_string("行政行为");
}

static json_t *numbered(const json_t *items)
{
    json_t *out = json_array(), *v;
    size_t i;
    json_array_foreach(items, i, v)
        json_array_append_new(out, json_pack("{s:I, s:s}", "n", (json_int_t)(i + 1), "text",
                                             json_string_value(v) ? json_string_value(v) : ""));
    return out;
}

/* The decision's operative words and article from the template's "outcomes" table. */
static void outcome_words(const json_t *tpl, const char *outcome, json_t *doc)
{
    const json_t *o = json_object_get(json_object_get(tpl, "outcomes"), outcome ? outcome : "");
    json_object_set_new(doc, "outcome_article", json_string(str(o, "article") ? str(o, "article") : ""));
    char *words = doc_fill(str(o, "text") ? str(o, "text") : "", NULL, doc);
    json_object_set_new(doc, "operative", json_string(words ? words : ""));
    free(words);
}

static json_t *doc_of(const AppContext *cx, const json_t *view, const json_t *entry, const json_t *tpl)
{
    const json_t *body = json_object_get(view, "body"), *app = json_object_get(body, "applicant");
    const json_t *detail = json_object_get(entry, "detail"), *dl = json_object_get(entry, "deadlines");
    const char *region = str(view, "region") ? str(view, "region") : "";
    const char *region_name = cx->regions ? regions_name(cx->regions, region) : NULL;
    json_t *doc = json_object();
    json_t *issuer = order_issuer(cx, region);
    json_object_set_new(doc, "agency_name", json_is_string(issuer) ? issuer : json_string("行政复议机构"));
    if (!json_is_string(issuer)) json_decref(issuer);
    json_object_set_new(doc, "organ", json_sprintf("%s人民政府", region_name ? region_name : ""));
    json_object_set_new(doc, "number", json_string(str(entry, "doc_no") ? str(entry, "doc_no") : ""));
    json_object_set_new(doc, "on_cn", date_cn_of(entry, "on"));
    json_object_set_new(doc, "applicant", json_string(str(app, "name") ? str(app, "name") : ""));
    json_object_set_new(doc, "respondent", json_string(str(view, "respondent_name") ? str(view, "respondent_name") : ""));
    json_object_set_new(doc, "act", act_text(json_object_get(body, "act")));
    json_object_set_new(doc, "received_on_cn", date_cn_of(view, "received_on"));
    json_object_set_new(doc, "accepted_on_cn", date_cn_of(view, "accepted_on"));
    json_object_set_new(doc, "answer_due_on_cn", date_cn_of(dl, "answer_due_on"));
    json_object_set_new(doc, "decision_due_on_cn", date_cn_of(dl, "decision_due_on"));
    json_object_set_new(doc, "note", json_string(str(detail, "note") ? str(detail, "note") : ""));
    json_object_set_new(doc, "items", numbered(json_object_get(detail, "items")));
    json_object_set(doc, "detail", (json_t *)detail);
    json_object_set_new(doc, "detail_on_cn", date_cn_of(detail, "on"));
    json_object_set_new(doc, "resumed_on_cn", date_cn_of(detail, "resumed_on"));
    if (str(view, "reject_reason_name")) json_object_set(doc, "reject_reason", json_object_get(view, "reject_reason_name"));
    if (str(view, "outcome_name")) json_object_set(doc, "outcome_name", json_object_get(view, "outcome_name"));
    outcome_words(tpl, str(detail, "outcome") ? str(detail, "outcome") : str(view, "outcome"), doc);
    return doc;
}

static json_t *vars_of(const AppContext *cx, const json_t *view, const json_t *entry, const json_t *tpl)
{
    json_t *vars = json_deep_copy(view);
    json_object_set_new(vars, "doc", doc_of(cx, view, entry, tpl));
    doc_vars_quote(cx->store, tpl, vars);
    return vars;
}

/* ---- issuing ---- */

static void subject_id_of(long long id, char out[24]) { snprintf(out, 24, "%lld", id); }

/* How many versions of kind are issued already. */
static size_t issued_of(const json_t *docs, const char *kind)
{
    size_t n = 0, i;
    json_t *d;
    json_array_foreach(docs, i, d) n += str(d, "kind") && strcmp(str(d, "kind"), kind) == 0;
    return n;
}

static int issue_entry(const AppContext *cx, const json_t *view, const json_t *entry, size_t nth, ZfError *err)
{
    json_t *tpl;
    char subject_id[24], ledger_subject[48], seal[32], reason[120];
    long long id = json_integer_value(json_object_get(view, "id"));
    if (doc_template_load(str(entry, "kind"), &tpl, err) != ZF_OK) return ZF_ERR;
    json_t *vars = vars_of(cx, view, entry, tpl);
    subject_id_of(id, subject_id);
    snprintf(ledger_subject, sizeof ledger_subject, "reconsideration:%lld", id);
    snprintf(seal, sizeof seal, "SFJ-%s", str(view, "region") ? str(view, "region") : "000000");
    /* a second 中止 (or any repeated step) is the kind's next version, its reason the repetition */
    snprintf(reason, sizeof reason, "第%zu次%s", nth, str(tpl, "name") ? str(tpl, "name") : "");
    DocumentSubject s = {SUBJECT_RECON, subject_id, ledger_subject, seal, str(doc_var(vars, "doc"), "agency_name"), vars};
    int rc = app_document_issue(cx, &s, str(entry, "kind"), nth > 1 ? reason : NULL, NULL, err);
    json_decref(vars);
    json_decref(tpl);
    return rc;
}

static int issue_missing(const AppContext *cx, const json_t *view, ZfError *err)
{
    json_t *issued, *counts = json_object(), *e;
    char subject_id[24];
    size_t i;
    subject_id_of(json_integer_value(json_object_get(view, "id")), subject_id);
    if (app_documents_of(cx, SUBJECT_RECON, subject_id, &issued, err) != ZF_OK) return json_decref(counts), ZF_ERR;
    int rc = ZF_OK;
    json_array_foreach(json_object_get(json_object_get(view, "body"), "documents"), i, e) {
        const char *kind = str(e, "kind");
        if (!kind) continue;
        size_t nth = (size_t)json_integer_value(json_object_get(counts, kind)) + 1;
        json_object_set_new(counts, kind, json_integer((json_int_t)nth));
        /* one that cannot be issued (logged) does not hold back the ones after it */
        ZfError why;
        if (nth > issued_of(issued, kind) && issue_entry(cx, view, e, nth, &why) != ZF_OK) {
            log_error("document_not_issued", "reconsideration %lld %s: %s",
                      (long long)json_integer_value(json_object_get(view, "id")), kind, why.message);
            rc = ZF_ERR;
            *err = why;
        }
    }
    json_decref(issued);
    json_decref(counts);
    return rc;
}

void app_recon_documents_due(const AppContext *cx, long long id)
{
    json_t *row;
    ZfError err;
    if (!store_db_path(cx->store) || store_recon_get(cx->store, id, &row, &err) != ZF_OK) return;
    json_t *view = recon_view(cx, row);
    json_decref(row);
    issue_missing(cx, view, &err); /* each failure logged there */
    json_decref(view);
}

/* ---- reading ---- */

static int load_visible(const AppContext *cx, long long id, ZfError *err)
{
    json_t *record;
    if (app_recon_get(cx, id, &record, err) != ZF_OK) return ZF_ERR;
    json_decref(record);
    return ZF_OK;
}

/* The respondent reads what is addressed to it; the applicant the rest; the organ everything. */
typedef enum { READER_ORGAN, READER_RESPONDENT, READER_APPLICANT } Reader;

static Reader reader_of(const AppContext *cx)
{
    if (!cx->user) return READER_APPLICANT;
    return cx->scope.kind == SCOPE_AGENCY ? READER_RESPONDENT : READER_ORGAN;
}

static bool readable(const json_t *tpls, const json_t *doc, Reader r)
{
    bool to_respondent = json_is_true(json_object_get(json_object_get(tpls, str(doc, "kind")), "to_respondent"));
    bool to_applicant = !json_is_false(json_object_get(json_object_get(tpls, str(doc, "kind")), "to_applicant"));
    return r == READER_ORGAN || (r == READER_RESPONDENT && to_respondent) || (r == READER_APPLICANT && to_applicant);
}

static int list_for(const AppContext *cx, long long id, Reader r, json_t **items, ZfError *err)
{
    json_t *all, *tpls, *d;
    char subject_id[24];
    size_t i;
    subject_id_of(id, subject_id);
    if (app_documents_of(cx, SUBJECT_RECON, subject_id, &all, err) != ZF_OK) return ZF_ERR;
    if (recon_templates(&tpls, err) != ZF_OK) return json_decref(all), ZF_ERR;
    *items = json_array();
    json_array_foreach(all, i, d)
        if (readable(tpls, d, r)) json_array_append(*items, d);
    json_decref(all);
    json_decref(tpls);
    return ZF_OK;
}

static int one_for(const AppContext *cx, long long id, long long doc_id, Reader r, json_t **row, ZfError *err)
{
    json_t *tpls;
    char subject_id[24];
    subject_id_of(id, subject_id);
    if (store_document_get(cx->store, doc_id, row, err) != ZF_OK) return ZF_ERR;
    if (recon_templates(&tpls, err) != ZF_OK) return json_decref(*row), *row = NULL, ZF_ERR;
    bool ours = strcmp(str(*row, "subject"), SUBJECT_RECON) == 0 && strcmp(str(*row, "subject_id"), subject_id) == 0 &&
                readable(tpls, *row, r);
    json_decref(tpls);
    if (ours) return ZF_OK;
    /* a document of another subject, or not addressed to the reader, answers as absent */
    json_decref(*row);
    *row = NULL;
    return zf_fail(err, 404, "not_found", NULL, "文书不存在");
}

int app_recon_documents(const AppContext *cx, long long id, json_t **items, ZfError *err)
{
    if (load_visible(cx, id, err) != ZF_OK) return ZF_ERR;
    return list_for(cx, id, reader_of(cx), items, err);
}

int app_recon_document(const AppContext *cx, long long id, long long doc_id, json_t **row, ZfError *err)
{
    if (load_visible(cx, id, err) != ZF_OK) return ZF_ERR;
    return one_for(cx, id, doc_id, reader_of(cx), row, err);
}

int app_recon_documents_public(const AppContext *cx, long long id, json_t **items, ZfError *err)
{
    return list_for(cx, id, READER_APPLICANT, items, err);
}

int app_recon_document_public(const AppContext *cx, long long id, long long doc_id, json_t **row, ZfError *err)
{
    return one_for(cx, id, doc_id, READER_APPLICANT, row, err);
}

int app_recon_track_identify(const AppContext *cx, const char *case_no, const char *id_no, const char *phone,
                             const char *addr, long long now, long long *id, ZfError *err)
{
    json_t *seen, *list = NULL, *row;
    size_t i;
    AppContext portal = *cx;
    portal.user = NULL;
    if (app_recon_track_public(cx, case_no, id_no, phone, addr, now, &seen, err) != ZF_OK) return ZF_ERR;
    json_decref(seen);
    ReconFilter f = {.q = case_no};
    *id = 0;
    if (store_recons_list(portal.store, &f, 1, 5, &list, err) != ZF_OK) return ZF_ERR;
    json_array_foreach(json_object_get(list, "items"), i, row)
        if (str(row, "case_no") && strcmp(str(row, "case_no"), case_no) == 0) *id = json_integer_value(json_object_get(row, "id"));
    json_decref(list);
    return *id ? ZF_OK : zf_fail(err, 404, "not_found", "case_no", "未查到该行政复议案件");
}
