/* See documents.h. Rendering takes tens of milliseconds, so it happens before the write
 * transaction: the next id and version are read, the PDF drawn (its QR code names the id) and
 * sealed and its file saved by digest; then BEGIN IMMEDIATE re-reads id and version and, when they
 * still hold, inserts the row and appends document.issue. When another issue took them meanwhile
 * the document is drawn again (at most three times). The write lock is held for the insert only. */
#include "app/documents.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/document_template.h"
#include "app/document_vars.h"
#include "app/logged_row.h"
#include "app/seal.h"
#include "ledger/ledger.h"
#include "ledger/merkle.h"
#include "render/page.h"
#include "store/documents.h"
#include "store/findings.h"
#include "store/settings.h"
#include "util/datadir.h"
#include "util/log.h"
#include "util/text.h"

#define SUBJECT_CASE "case"
#define ISSUE_ATTEMPTS 3
#define REASON_MAX_CHARS 500

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

int app_document_load_case(const AppContext *cx, const char *case_no, json_t **rec, ZfError *err)
{
    char *body;
    if (store_record_get(cx->store, REC_CASE, case_no, &body, err) != ZF_OK) {
        if (err->status == 404) zf_fail(err, 404, "not_found", NULL, "案件不存在");
        return ZF_ERR;
    }
    *rec = json_loads(body, 0, NULL);
    free(body);
    return *rec ? ZF_OK : zf_fail(err, 500, "internal", NULL, "案件记录无法读取");
}

/* What one rendering needs and gives. */
typedef struct {
    const json_t *tpl, *vars;
    const DocumentSubject *s;
    const char *kind;
    char *doc_no;
    long long id;
    int version, pages;
    unsigned char *pdf;
    size_t len;
    char sm3[65];
} Issue;

void app_document_verify_url(Store *st, long long id, char *out, size_t cap)
{
    char base[300];
    store_setting_text(st, "portal_base_url", "http://127.0.0.1:8080", base, sizeof base);
    size_t n = strlen(base);
    while (n > 0 && base[n - 1] == '/') base[--n] = '\0';
    snprintf(out, cap, "%s/portal/verify?doc=%lld", base, id);
}

static int draw(const AppContext *cx, Issue *is, ZfError *err)
{
    char url[600], title[200];
    RenderDoc d;
    unsigned char *raw;
    size_t raw_len;
    app_document_verify_url(cx->store, is->id, url, sizeof url);
    snprintf(title, sizeof title, "%s %s", str(is->tpl, "name") ? str(is->tpl, "name") : is->kind, is->doc_no);
    RenderPageMarks marks = {is->doc_no, url};
    if (render_doc_begin(&d, &marks, title) != 0) return zf_fail(err, 500, "render_failed", NULL, "文书生成失败");
    doc_template_draw(&d, is->tpl, is->vars, str(doc_var(is->vars, "doc"), "agency_name"));
    if (render_doc_end(&d, &raw, &raw_len, &is->pages) != 0) return zf_fail(err, 500, "render_failed", NULL, "文书生成失败");
    char id[32];
    snprintf(id, sizeof id, "%lld", is->id);
    int rc = is->s->seal_name
                 ? app_seal_pdf_organ(cx, is->s->seal_code, is->s->seal_name, id, raw, raw_len, &is->pdf, &is->len, err)
                 : app_seal_pdf(cx, is->s->seal_code, id, raw, raw_len, &is->pdf, &is->len, err);
    free(raw);
    return rc;
}

static int save(const AppContext *cx, Issue *is, ZfError *err)
{
    MerkleHasher *h = merkle_hasher_new();
    MerkleHash dg;
    if (!h) return zf_fail(err, 500, "sm3_unavailable", NULL, "OpenSSL 不提供 SM3 算法");
    merkle_sm3(h, is->pdf, is->len, &dg);
    merkle_hasher_free(h);
    merkle_hex(&dg, is->sm3);
    if (!store_db_path(cx->store)) return zf_fail(err, 500, "internal", NULL, "文书存储位置未设置");
    return ledger_attachment_save(store_db_path(cx->store), is->sm3, is->pdf, is->len, err);
}

static int record(const AppContext *cx, Issue *is, const char *reason, ZfError *err)
{
    char at[32];
    uint64_t seq = 0;
    const char *by = cx->user ? cx->user->username : "system";
    app_utc_now(at);
    json_t *ev = json_pack("{s:I, s:s, s:s, s:s, s:i, s:s, s:s, s:I, s:i, s:s, s:s, s:o}", "id", (json_int_t)is->id,
                           "subject", is->s->subject, "subject_id", is->s->subject_id, "kind", is->kind, "version",
                           is->version, "doc_no", is->doc_no, "sm3", is->sm3, "bytes", (json_int_t)is->len, "pages",
                           is->pages, "issued_by", by, "issued_at", at, "reason",
                           reason ? json_string(reason) : json_null());
    int rc = ledger_append_seq(cx->store, "document.issue", is->s->ledger_subject, ev, &seq, err);
    json_decref(ev);
    DocumentRow row = {is->s->subject, is->s->subject_id, is->kind, is->doc_no, is->sm3, reason, by, at,
                       is->s->seal_code, "", is->id, (long long)is->len, (long long)seq, is->version, is->pages};
    return rc == ZF_OK ? store_document_insert(cx->store, &row, err) : ZF_ERR;
}

/* The short write: the number drawn still free → row and event; else EAGAIN-like 409 to redraw. */
static int commit(const AppContext *cx, Issue *is, const char *reason, bool *redraw, ZfError *err)
{
    long long id;
    int version;
    *redraw = false;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    int rc = store_document_next(cx->store, is->s->subject, is->s->subject_id, is->kind, &id, &version, err);
    if (rc == ZF_OK && (id != is->id || version != is->version)) {
        store_rollback(cx->store);
        *redraw = true;
        return ZF_OK;
    }
    if (rc == ZF_OK) rc = record(cx, is, reason, err);
    if (rc == ZF_OK) return store_commit(cx->store, err);
    store_rollback(cx->store);
    return ZF_ERR;
}

static int check_reason(const char *reason, int version, ZfError *err)
{
    if (reason && (!text_utf8_valid(reason, strlen(reason)) || text_utf8_chars(reason) > REASON_MAX_CHARS))
        return zf_fail(err, 400, "invalid_field", "reason", "更正理由不超过 %d 字", REASON_MAX_CHARS);
    if (version >= 2 && (!reason || text_blank(reason)))
        return zf_fail(err, 422, "reason_required", "reason", "文书已出具，更正须填写理由（将出具第 %d 版，原版本保留）", version);
    return ZF_OK;
}

static int issue_loop(const AppContext *cx, Issue *is, const char *reason, ZfError *err)
{
    for (int attempt = 0; attempt < ISSUE_ATTEMPTS; attempt++) {
        bool redraw;
        if (store_document_next(cx->store, is->s->subject, is->s->subject_id, is->kind, &is->id, &is->version, err) != ZF_OK ||
            check_reason(reason, is->version, err) != ZF_OK || draw(cx, is, err) != ZF_OK || save(cx, is, err) != ZF_OK)
            return ZF_ERR;
        int rc = commit(cx, is, reason, &redraw, err);
        if (rc != ZF_OK || !redraw) return rc;
        free(is->pdf);
        is->pdf = NULL;
    }
    return zf_fail(err, 409, "document_conflict", NULL, "该文书正被同时出具，请稍后重试");
}

/* The template is for this kind of subject ("subject", default case). */
static int template_fits(const json_t *tpl, const char *subject, ZfError *err)
{
    const char *own = str(tpl, "subject") ? str(tpl, "subject") : SUBJECT_CASE;
    return strcmp(own, subject) == 0 ? ZF_OK : zf_fail(err, 404, "unknown_document_kind", "kind", "没有这种文书");
}

int app_document_issue(const AppContext *cx, const DocumentSubject *s, const char *kind, const char *reason,
                       DocumentInfo *out, ZfError *err)
{
    json_t *tpl;
    if (reason && text_blank(reason)) reason = NULL;
    if (doc_template_load(kind, &tpl, err) != ZF_OK) return ZF_ERR;
    if (template_fits(tpl, s->subject, err) != ZF_OK) return json_decref(tpl), ZF_ERR;
    Issue is = {.tpl = tpl, .vars = s->vars, .s = s, .kind = kind};
    is.doc_no = doc_fill(str(tpl, "doc_no") ? str(tpl, "doc_no") : "{doc.number}", NULL, s->vars);
    int rc = doc_template_ready(tpl, s->vars, err);
    if (rc == ZF_OK) rc = issue_loop(cx, &is, reason, err);
    if (rc == ZF_OK && out) {
        *out = (DocumentInfo){.id = is.id, .version = is.version};
        snprintf(out->kind, sizeof out->kind, "%s", kind);
        snprintf(out->digest, sizeof out->digest, "%s", is.sm3);
        snprintf(out->doc_no, sizeof out->doc_no, "%s", is.doc_no);
    }
    free(is.pdf);
    free(is.doc_no);
    json_decref(tpl);
    return rc;
}

int app_document_issue_case(const AppContext *cx, const char *case_no, const char *kind, const char *reason,
                            DocumentInfo *out, ZfError *err)
{
    json_t *rec;
    if (app_document_load_case(cx, case_no, &rec, err) != ZF_OK) return ZF_ERR;
    json_t *tpl = NULL;
    if (doc_template_load(kind, &tpl, err) != ZF_OK || !app_document_template_fits_case(tpl, rec)) {
        if (tpl) zf_fail(err, 422, "document_kind_mismatch", "kind", "该文书不适用于本案的案件类型");
        json_decref(tpl);
        json_decref(rec);
        return ZF_ERR;
    }
    json_t *vars = doc_vars_case(cx, rec);
    doc_vars_quote(cx->store, tpl, vars); /* the articles it quotes, their text from the law library */
    json_decref(tpl);
    DocumentSubject s = {SUBJECT_CASE, case_no, case_no, str(rec, "agency"), NULL, vars};
    int rc = app_document_issue(cx, &s, kind, reason, out, err);
    json_decref(vars);
    json_decref(rec);
    return rc;
}

json_t *app_document_kinds(void)
{
    json_t *all, *t, *out = json_array();
    size_t i;
    ZfError err;
    if (doc_templates_all(&all, &err) != ZF_OK) return out;
    json_array_foreach(all, i, t) {
        json_t *k = json_pack("{s:s?, s:s?, s:s?}", "code", str(t, "kind"), "name", str(t, "name"), "subject",
                              str(t, "subject") ? str(t, "subject") : SUBJECT_CASE);
        /* a case's document belongs to one kind of case (penalty unless the template names another) */
        if (strcmp(str(k, "subject"), SUBJECT_CASE) == 0)
            json_object_set_new(k, "case_kind", json_string(str(t, "case_kind") ? str(t, "case_kind") : "penalty"));
        json_array_append_new(out, k);
    }
    json_decref(all);
    return out;
}

json_t *app_document_kinds_for_case(const json_t *rec)
{
    json_t *all, *t, *out = json_array();
    size_t i;
    ZfError err;
    if (doc_templates_all(&all, &err) != ZF_OK) return out;
    json_array_foreach(all, i, t)
        if (app_document_template_fits_case(t, rec))
            json_array_append_new(out, json_pack("{s:s?, s:s?, s:s}", "code", str(t, "kind"), "name", str(t, "name"),
                                                 "subject", SUBJECT_CASE));
    json_decref(all);
    return out;
}

/* kind → {name, order} of the templates. */
static json_t *template_index(void)
{
    json_t *all, *t, *idx = json_object();
    size_t i;
    ZfError err;
    if (doc_templates_all(&all, &err) != ZF_OK) return idx;
    json_array_foreach(all, i, t)
        if (str(t, "kind")) json_object_set(idx, str(t, "kind"), t);
    json_decref(all);
    return idx;
}

int app_documents_of_case(const AppContext *cx, const char *case_no, json_t **items, ZfError *err)
{
    return app_documents_of(cx, SUBJECT_CASE, case_no, items, err);
}

int app_documents_of(const AppContext *cx, const char *subject, const char *subject_id, json_t **items, ZfError *err)
{
    json_t *row, *idx;
    size_t i;
    if (store_documents_of(cx->store, subject, subject_id, items, err) != ZF_OK) return ZF_ERR;
    idx = template_index();
    json_array_foreach(*items, i, row) {
        const json_t *t = json_object_get(idx, str(row, "kind"));
        json_object_set_new(row, "kind_name", json_string(str(t, "name") ? str(t, "name") : "文书"));
        json_object_set_new(row, "order", json_integer(json_integer_value(json_object_get(t, "order"))));
        bool latest = true;
        for (size_t k = i + 1; k < json_array_size(*items); k++)
            if (strcmp(str(json_array_get(*items, k), "kind"), str(row, "kind")) == 0) latest = false;
        json_object_set_new(row, "latest", json_boolean(latest));
    }
    json_decref(idx);
    return ZF_OK;
}

int app_document_latest(const AppContext *cx, const char *case_no, const char *kind, json_t **row, ZfError *err)
{
    json_t *items, *r;
    size_t i;
    if (store_documents_of(cx->store, SUBJECT_CASE, case_no, &items, err) != ZF_OK) return ZF_ERR;
    *row = NULL;
    json_array_foreach(items, i, r)
        if (strcmp(str(r, "kind"), kind) == 0) {
            json_decref(*row);
            *row = json_incref(r);
        }
    json_decref(items);
    return *row ? ZF_OK : zf_fail(err, 404, "not_found", NULL, "本案尚未出具该文书");
}

/* The template is one of this case's kind: its "case_kind" (penalty by default) is the record's. */
static bool for_case_kind(const json_t *tpl, const json_t *rec)
{
    const char *want = str(tpl, "case_kind") ? str(tpl, "case_kind") : "penalty";
    const char *have = str(rec, "kind") ? str(rec, "kind") : "penalty";
    return strcmp(want, have) == 0;
}

bool app_document_template_fits_case(const json_t *tpl, const json_t *rec)
{
    const char *subject = str(tpl, "subject") ? str(tpl, "subject") : SUBJECT_CASE;
    return strcmp(subject, SUBJECT_CASE) == 0 && for_case_kind(tpl, rec);
}

void app_documents_due(const AppContext *cx, const char *case_no, int *issued)
{
    json_t *all, *t, *rec, *have, *vars;
    size_t i;
    ZfError err;
    *issued = 0;
    if (!store_db_path(cx->store) || doc_templates_all(&all, &err) != ZF_OK) return;
    if (app_document_load_case(cx, case_no, &rec, &err) != ZF_OK) return json_decref(all);
    if (store_documents_of(cx->store, SUBJECT_CASE, case_no, &have, &err) != ZF_OK) have = json_array();
    /* "auto_when" names a value: a field of the record, or of doc (doc.state.* for the workflow's state) */
    vars = doc_vars_case(cx, rec);
    json_array_foreach(all, i, t) {
        const char *when = str(t, "auto_when"), *kind = str(t, "kind");
        const json_t *v = when ? doc_var(vars, when) : NULL;
        if (!v || json_is_false(v) || json_is_null(v) || !kind || !app_document_template_fits_case(t, rec)) continue;
        bool exists = false;
        json_t *h;
        size_t k;
        json_array_foreach(have, k, h) exists = exists || strcmp(str(h, "kind"), kind) == 0;
        if (exists) continue;
        if (app_document_issue_case(cx, case_no, kind, NULL, NULL, &err) == ZF_OK) ++*issued;
        else log_error("document_not_issued", "%s of %s: %s", kind, case_no, err.message);
    }
    json_decref(vars);
    json_decref(have);
    json_decref(rec);
    json_decref(all);
}

int app_document_bytes(const AppContext *cx, const json_t *row, unsigned char **pdf, size_t *len, ZfError *err)
{
    char path[4200];
    char *data;
    const char *sm3 = str(row, "sm3");
    if (!store_db_path(cx->store) || !sm3) return zf_fail(err, 500, "internal", NULL, "文书文件位置未知");
    ledger_attachment_path(store_db_path(cx->store), sm3, path, sizeof path);
    if (file_read_all(path, &data, len) != 0)
        return zf_fail(err, 500, "attachment_missing", NULL, "文书文件缺失，请运行 zhifa verify 检查存证");
    *pdf = (unsigned char *)data;
    return ZF_OK;
}
