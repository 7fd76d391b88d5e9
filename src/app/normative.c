/* See normative.h: filing, one document, the lists and the public register. */
#include "app/normative.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/normative_common.h"
#include "domain/law_terms.h"
#include "domain/exchange.h"
#include "store/findings.h"
#include "store/normative.h"
#include "store/settings.h"
#include "util/text.h"

static int check_text(const char *v, const char *field, const char *label, size_t max_chars, bool required,
                      ZfError *err)
{
    if (!v) return required ? zf_fail(err, 400, "missing_field", field, "请填写%s", label) : ZF_OK;
    if (!text_utf8_valid(v, strlen(v))) return zf_fail(err, 400, "invalid_field", field, "%s含有无效字符", label);
    if (required && text_blank(v)) return zf_fail(err, 400, "missing_field", field, "请填写%s", label);
    if (text_utf8_chars(v) > max_chars) return zf_fail(err, 400, "invalid_field", field, "%s过长", label);
    return ZF_OK;
}

static int check_day(const char *v, const char *field, const char *label, bool required, zf_day *d, ZfError *err)
{
    *d = ZF_DAY_NONE;
    if (!v) return required ? zf_fail(err, 400, "missing_field", field, "请填写%s", label) : ZF_OK;
    if (!date_parse(v, d)) return zf_fail(err, 400, "invalid_field", field, "%s应为真实存在的日期 YYYY-MM-DD", label);
    return ZF_OK;
}

static int check_filing(const NormativeFiling *in, zf_day d[4], ZfError *err)
{
    if (check_text(in->title, "title", "文件标题", 200, true, err) || check_text(in->doc_no, "doc_no", "文号", 100, true, err) ||
        check_text(in->text, "text", "文件全文", NORM_TEXT_MAX, false, err) ||
        check_text(in->drafting_note, "drafting_note", "起草说明", 20000, false, err) ||
        check_text(in->legality_opinion, "legality_opinion", "合法性审核意见", 20000, false, err) ||
        check_text(in->short_effect_reason, "short_effect_reason", "施行日期不足30日的理由", 2000, false, err) ||
        check_text(in->issuer, "issuer", "制定机关", 18, true, err) ||
        check_day(in->signed_on, "signed_on", "签发日期", true, &d[0], err) ||
        check_day(in->published_on, "published_on", "公布日期", true, &d[1], err) ||
        check_day(in->effective_on, "effective_on", "施行日期", true, &d[2], err) ||
        check_day(in->valid_until, "valid_until", "有效期", false, &d[3], err))
        return ZF_ERR;
    if (d[1] < d[0]) return zf_fail(err, 400, "invalid_field", "published_on", "公布日期不能早于签发日期");
    if (d[2] < d[1]) return zf_fail(err, 400, "invalid_field", "effective_on", "施行日期不能早于公布日期");
    return ZF_OK;
}

/* The issuer as stored, when cx->user may file for it: his own agency (a region-bound user: one in his region). */
static int load_issuer(const AppContext *cx, const char *code, json_t **agency, ZfError *err)
{
    char *body;
    *agency = NULL;
    if (store_record_get(cx->store, REC_AGENCY, code, &body, err) != ZF_OK)
        return zf_fail(err, 404, "not_found", "issuer", "制定机关不存在");
    *agency = json_loads(body, 0, NULL);
    free(body);
    const char *region = norm_str(*agency, "region");
    if (*agency && (!cx->user || scope_allows(&cx->scope, code, region ? region : ""))) return ZF_OK;
    json_decref(*agency);
    *agency = NULL;
    return zf_fail(err, 404, "not_found", "issuer", "制定机关不存在");
}

static json_t *opt(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *new_row(const AppContext *cx, const NormativeFiling *in, const json_t *agency, zf_day due, bool late)
{
    char today[ZF_DATE_LEN], due_s[ZF_DATE_LEN];
    date_format(cx->today, today);
    date_format(due, due_s);
    const char *region = norm_str(agency, "region"), *name = norm_str(agency, "name");
    json_t *body = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:b, s:s, s:[], s:[]}",
                             "title", in->title, "doc_no", in->doc_no, "issuer_name", name ? name : in->issuer,
                             "signed_on", in->signed_on, "published_on", in->published_on, "effective_on",
                             in->effective_on, "text", opt(in->text && !text_blank(in->text) ? in->text : NULL),
                             "drafting_note", opt(in->drafting_note),
                             "legality_opinion", opt(in->legality_opinion), "short_effect_reason",
                             opt(in->short_effect_reason), "valid_until", opt(in->valid_until), "filed_on", today,
                             "filing_due_on", due_s, "late", late, "filed_by",
                             cx->user ? cx->user->username : "system", "steps", "timeline");
    if (in->revision_of) json_object_set_new(body, "revision_of", json_integer(in->revision_of));
    return json_pack("{s:s, s:s, s:s, s:o}", "issuer", in->issuer, "region", region ? region : "", "status",
                     "submitted", "body", body);
}

/* A revision names a concluded document of the same issuer whose conclusion asked for changes. */
static int check_revision(const AppContext *cx, const NormativeFiling *in, ZfError *err)
{
    json_t *orig;
    if (!in->revision_of) return ZF_OK;
    if (norm_load(cx, in->revision_of, &orig, err) != ZF_OK)
        return zf_fail(err, 422, "invalid_field", "revision_of", "所修订的文件不存在");
    const char *issuer = norm_str(orig, "issuer");
    bool same = issuer && strcmp(issuer, in->issuer) == 0;
    json_decref(orig);
    return same ? ZF_OK : zf_fail(err, 422, "invalid_field", "revision_of", "只能报送本机关文件的修订稿");
}

static int file_in(const AppContext *cx, const NormativeFiling *in, long long *id, ZfError *err)
{
    zf_day d[4];
    json_t *agency;
    if (check_filing(in, d, err) != ZF_OK || check_revision(cx, in, err) != ZF_OK) return ZF_ERR;
    if (load_issuer(cx, in->issuer, &agency, err) != ZF_OK) return ZF_ERR;
    zf_day due = d[1] + store_setting_int(cx->store, "normative_filing_days", 30);
    bool late = cx->today > due;
    json_t *row = new_row(cx, in, agency, due, late);
    json_decref(agency);
    norm_timeline(cx, row, "file", NULL, late ? "逾期报送备案" : "报送备案");
    int rc = norm_put(cx, row, err);
    *id = json_integer_value(json_object_get(row, "id"));
    if (rc == ZF_OK) rc = norm_index(cx, row, err); /* searchable from the start; the register shows it once published */
    if (rc == ZF_OK && late) {
        NormChain c;
        char title[300];
        norm_chain_load(cx, &c);
        snprintf(title, sizeof title, "逾期报备：《%s》（%s）公布后超过报备期限才报送", in->title, in->doc_no);
        for (int i = 0; rc == ZF_OK && i < c.steps[0].n_roles; i++)
            rc = norm_message_role(cx, row, c.steps[0].roles[i], title, err);
    }
    if (rc == ZF_OK) norm_audit(cx, late ? "normative_filed_late" : "normative_filed", *id, in->doc_no);
    json_decref(row);
    return rc;
}

int app_normative_file(const AppContext *cx, const NormativeFiling *in, json_t **doc, ZfError *err)
{
    long long id = 0;
    if (store_begin(cx->store, err) != ZF_OK) return ZF_ERR;
    if (file_in(cx, in, &id, err) != ZF_OK) {
        store_rollback(cx->store);
        return ZF_ERR;
    }
    if (store_commit(cx->store, err) != ZF_OK) return ZF_ERR;
    return app_normative_get(cx, id, doc, err);
}

int app_normative_get(const AppContext *cx, long long id, json_t **doc, ZfError *err)
{
    json_t *row, *tasks;
    if (norm_load(cx, id, &row, err) != ZF_OK) return ZF_ERR;
    *doc = norm_view(cx, row);
    json_decref(row);
    if (store_normative_tasks_of(cx->store, id, &tasks, err) != ZF_OK) {
        json_decref(*doc);
        return ZF_ERR;
    }
    json_object_set_new(*doc, "tasks", tasks);
    return ZF_OK;
}

/* May cx->user act at the step the document waits at (after the last step: the conclusion, by its role)? */
static bool waits_for_user(const AppContext *cx, const NormChain *c, const json_t *view)
{
    const char *step = norm_str(view, "current_step");
    int i = step ? norm_chain_index(c, step) : c->n - 1;
    return cx->user && i >= 0 && norm_step_allows(&c->steps[i], cx->user->role);
}

static int list_rows(const AppContext *cx, NormativeFilter *f, const char *q, int page, int size, json_t **out,
                     ZfError *err)
{
    LawQuery lq;
    char match[1024];
    if (q && *q) {
        if (law_query_parse(q, &lq, err) != ZF_OK) return ZF_ERR;
        if (law_query_match(&lq, "bi", "uni", match, sizeof match) != 0)
            return zf_fail(err, 400, "invalid_param", "q", "检索词过长");
        f->match = match;
    }
    return store_normative_list(cx->store, f, page, size, out, err);
}

int app_normative_list(const AppContext *cx, const NormativeQuery *q, int page, int size, json_t **out, ZfError *err)
{
    NormativeFilter f = {.status = q->status};
    NormChain c;
    json_t *rows, *row, *items = json_array();
    size_t i;
    if (cx->user) {
        f.scope_nothing = cx->scope.kind == SCOPE_NONE;
        if (cx->scope.kind == SCOPE_AGENCY) f.scope_agency = cx->scope.agency;
        if (cx->scope.kind == SCOPE_REGION) f.scope_region_prefix = cx->scope.region_prefix;
    }
    if (q->mine) f.status = "reviewing", page = 1, size = 1000;
    if (list_rows(cx, &f, q->q, page, size, &rows, err) != ZF_OK) return json_decref(items), ZF_ERR;
    norm_chain_load(cx, &c);
    json_array_foreach(json_object_get(rows, "items"), i, row) {
        json_t *v = norm_view(cx, row);
        json_object_del(v, "text");
        json_object_del(v, "timeline");
        if (!q->mine || waits_for_user(cx, &c, v)) json_array_append_new(items, v);
        else json_decref(v);
    }
    if (q->mine) json_object_set_new(rows, "total", json_integer((json_int_t)json_array_size(items)));
    json_object_set_new(rows, "items", items);
    *out = rows;
    return ZF_OK;
}

static json_t *public_item(const json_t *row)
{
    const json_t *b = json_object_get(row, "body");
    const char *validity = norm_str(row, "validity");
    json_t *item = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:s, s:s}", "id", json_object_get(row, "id"),
                     "reg_no", json_object_get(row, "reg_no"), "title", json_object_get(b, "title"), "doc_no",
                     json_object_get(b, "doc_no"), "issuer_name", json_object_get(b, "issuer_name"), "published_on",
                     json_object_get(b, "published_on"), "effective_on", json_object_get(b, "effective_on"),
                     "listed_on", json_object_get(b, "listed_on"), "text", json_object_get(b, "text"), "validity",
                     validity ? validity : "", "validity_name", norm_validity_name(validity) ? norm_validity_name(validity) : "");
    /* 已废止 stays on the register with its date; 已修改 links to the revision that replaced it */
    static const char *const extra[] = {"repealed_on", "revised_by", "cleanup", NULL};
    for (size_t i = 0; extra[i]; i++)
        if (json_object_get(b, extra[i])) json_object_set(item, extra[i], json_object_get(b, extra[i]));
    return item;
}

int app_normative_public(const AppContext *cx, const char *q, const char *validity, int page, int size, json_t **out,
                         ZfError *err)
{
    NormativeFilter f = {.published_only = !validity};
    if (validity) f.validity = strcmp(validity, "all") == 0 ? "published" : validity;
    json_t *rows, *row, *items = json_array();
    size_t i;
    if (list_rows(cx, &f, q, page, size, &rows, err) != ZF_OK) return json_decref(items), ZF_ERR;
    json_array_foreach(json_object_get(rows, "items"), i, row) json_array_append_new(items, public_item(row));
    json_object_set_new(rows, "items", items);
    *out = rows;
    return ZF_OK;
}
