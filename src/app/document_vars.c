/* See document_vars.h. */
#include "app/document_vars.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/law_links.h"
#include "domain/case_substance.h"
#include "domain/money_words.h"
#include "domain/workflow/case_state.h"
#include "render/page.h"
#include "store/findings.h"
#include "store/identity.h"
#include "store/laws.h"
#include "store/settings.h"
#include "store/workflow.h"

/* How long the party has to ask for a hearing: 行政处罚法 64(一) "告知后五日内", working days (85). */
#define HEARING_REQUEST_WD 5
/* 陈述、申辩 (行政处罚法 44, 45): the notice gives the same five working days. */
#define DEFENSE_WD 5
/* in the settings of the 复议机关 and the court: the agency's region name */
#define REGION_MARK "{区划}"

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* Every "*_on" date of the record also as "*_on_cn" (2026年5月20日), at the top level. */
static void dates_cn(const json_t *rec, json_t *doc)
{
    const char *k;
    json_t *v;
    char cn[32], key[96];
    json_object_foreach((json_t *)rec, k, v) {
        size_t n = strlen(k);
        if (n < 3 || strcmp(k + n - 3, "_on") != 0 || !json_is_string(v)) continue;
        if (render_date_cn(json_string_value(v), cn, sizeof cn) != 0) continue;
        snprintf(key, sizeof key, "%s_cn", k);
        json_object_set_new(doc, key, json_string(cn));
    }
}

static void day_cn(zf_day d, char out[32])
{
    char iso[ZF_DATE_LEN];
    date_format(d, iso);
    render_date_cn(iso, out, 32);
}

static void set_day(json_t *doc, const char *key, zf_day d)
{
    char cn[32];
    day_cn(d, cn);
    json_object_set_new(doc, key, json_string(cn));
}

/* The article's text from the library (its first 2000 bytes are plenty for a 决定书), or NULL. */
static json_t *article_text(Store *st, const json_t *link)
{
    long long law_id = json_integer_value(json_object_get(link, "law_id"));
    const char *key = str(link, "key");
    json_t *out, *text = NULL;
    ZfError err;
    int number, sub = 0;
    if (!law_id || !key || sscanf(key, "%d-%d", &number, &sub) < 1) return NULL;
    if (store_law_article(st, law_id, number, sub, &out, &err) != ZF_OK) return NULL;
    const char *t = str(json_object_get(out, "article"), "text");
    if (t) text = json_string(t);
    json_decref(out);
    return text;
}

json_t *doc_vars_quoted_basis(Store *st, const json_t *basis)
{
    json_t *links = app_law_links(st, basis), *out = json_array(), *l;
    size_t i;
    json_array_foreach(links, i, l) {
        json_t *text = article_text(st, l);
        const char *law = str(l, "law");
        char named[300];
        /* 《》 around the title as a document cites it, whatever the record holds */
        snprintf(named, sizeof named, law && strncmp(law, "《", 3) != 0 ? "《%s》" : "%s", law ? law : "");
        json_array_append_new(out, json_pack("{s:s, s:s, s:o}", "law", named, "article",
                                             str(l, "article") ? str(l, "article") : "", "text",
                                             text ? text : json_string("")));
    }
    json_decref(links);
    return out;
}

static void evidence_list(const json_t *rec, json_t *doc)
{
    json_t *out = json_array(), *e;
    size_t i, k;
    json_array_foreach(json_object_get(rec, "evidence"), i, e) {
        const char *code, *name, *kind = str(e, "kind"), *kind_name = "";
        for (k = 0; evidence_kind_at(k, &code, &name); k++)
            if (kind && strcmp(code, kind) == 0) kind_name = name;
        json_array_append_new(out, json_pack("{s:I, s:s, s:s, s:s}", "n", (json_int_t)(i + 1), "name",
                                             str(e, "name") ? str(e, "name") : "", "kind_name", kind_name,
                                             "proves", str(e, "proves") ? str(e, "proves") : ""));
    }
    json_object_set_new(doc, "evidence", out);
}

/* The measures of a decision or a proposal in words: 罚款人民币…元（大写：…）；没收违法所得… */
static void penalty_words(const json_t *dec, char *text, size_t cap)
{
    char fig[48], cap_words[200];
    json_t *m;
    size_t i;
    text[0] = '\0';
    json_array_foreach(json_object_get(dec, "measures"), i, m) {
        const char *code = json_string_value(m), *name = code ? case_measure_name(code) : NULL;
        size_t n = strlen(text);
        if (code && strcmp(code, "fine") == 0 && json_is_number(json_object_get(dec, "fine"))) {
            long long fen = money_fen_of_yuan(json_number_value(json_object_get(dec, "fine")));
            money_figures(fen, fig, sizeof fig);
            money_capitals(fen, cap_words, sizeof cap_words);
            snprintf(text + n, cap - n, "%s罚款人民币%s元（大写：%s）", n ? "；" : "", fig, cap_words);
        } else if (name) {
            snprintf(text + n, cap - n, "%s%s", n ? "；" : "", name);
        }
    }
    if (json_is_number(json_object_get(dec, "confiscated"))) {
        long long fen = money_fen_of_yuan(json_number_value(json_object_get(dec, "confiscated")));
        money_figures(fen, fig, sizeof fig);
        money_capitals(fen, cap_words, sizeof cap_words);
        size_t n = strlen(text);
        snprintf(text + n, cap - n, "%s没收违法所得人民币%s元（大写：%s）", n ? "；" : "", fig, cap_words);
    }
}

static void decision_words(const json_t *dec, json_t *doc)
{
    char fig[48], cap[200], text[1200];
    if (json_is_number(json_object_get(dec, "fine"))) {
        long long fen = money_fen_of_yuan(json_number_value(json_object_get(dec, "fine")));
        money_figures(fen, fig, sizeof fig);
        money_capitals(fen, cap, sizeof cap);
        json_object_set_new(doc, "fine_figures", json_string(fig));
        json_object_set_new(doc, "fine_capitals", json_string(cap));
        json_object_set_new(doc, "has_fine", json_true());
    }
    penalty_words(dec, text, sizeof text);
    json_object_set_new(doc, "measures", json_string(text));
}

/* What the notice proposes (行政处罚法 44): the decision's measures once decided, else the
 * proposal kept in the online case's workflow state. */
static void proposal_words(Store *st, const json_t *rec, json_t *doc)
{
    char text[1200] = "";
    json_t *row = NULL;
    ZfError err;
    const json_t *dec = json_object_get(rec, "decision");
    if (dec) penalty_words(dec, text, sizeof text);
    else if (str(rec, "case_no") && store_workflow_get(st, str(rec, "case_no"), &row, &err) == ZF_OK) {
        json_t *state = json_object_get(row, "state");
        json_t *parsed = json_is_string(state) ? json_loads(json_string_value(state), 0, NULL) : json_incref(state);
        penalty_words(json_object_get(parsed, "proposal"), text, sizeof text);
        json_decref(parsed);
    }
    json_decref(row);
    json_object_set_new(doc, "proposed", json_string(text[0] ? text : "依法给予行政处罚"));
}

/* The setting's text with {区划} as the agency's region name (document_review_organ, document_court). */
static void organ(Store *st, const char *setting, const char *dflt, const char *region, json_t *doc, const char *key)
{
    char v[400], out[600];
    store_setting_text(st, setting, dflt, v, sizeof v);
    char *at = strstr(v, REGION_MARK);
    if (at) {
        *at = '\0';
        snprintf(out, sizeof out, "%s%s%s", v, region, at + strlen(REGION_MARK));
    } else {
        snprintf(out, sizeof out, "%s", v);
    }
    json_object_set_new(doc, key, json_string(out));
}

static void agency_names(const AppContext *cx, const json_t *rec, json_t *doc)
{
    char *body = NULL, code[7] = "";
    ZfError err;
    const char *agency = str(rec, "agency");
    json_t *a = NULL;
    if (agency && store_record_get(cx->store, REC_AGENCY, agency, &body, &err) == ZF_OK) {
        a = json_loads(body, 0, NULL);
        free(body);
    }
    json_object_set_new(doc, "agency_name", json_string(str(a, "name") ? str(a, "name") : agency ? agency : ""));
    if (agency) store_agency_region(cx->store, agency, code);
    const char *region = cx->regions && code[0] ? regions_name(cx->regions, code) : NULL;
    json_object_set_new(doc, "region_name", json_string(region ? region : ""));
    organ(cx->store, "document_review_organ", REGION_MARK "人民政府", region ? region : "本级", doc, "review_organ");
    organ(cx->store, "document_court", REGION_MARK "人民法院", region ? region : "本机关所在地基层", doc, "court");
    json_decref(a);
}

/* 陈述申辩 and 听证 deadlines from the notice's date, in working days (行政处罚法 85). */
static void notice_deadlines(const AppContext *cx, const json_t *rec, json_t *doc)
{
    zf_day on;
    bool due = json_is_true(json_object_get(rec, "hearing_right_notified"));
    json_object_set_new(doc, "hearing_due", json_boolean(due));
    if (!cx->calendar || !str(rec, "notified_on") || !date_parse(str(rec, "notified_on"), &on)) return;
    set_day(doc, "defense_until", add_wd(cx->calendar, on, DEFENSE_WD));
    set_day(doc, "hearing_until", add_wd(cx->calendar, on, HEARING_REQUEST_WD));
}

static void party(const json_t *rec, json_t *doc)
{
    const json_t *p = json_object_get(rec, "party");
    const char *kind = str(p, "kind");
    bool org = kind && strcmp(kind, "org") == 0;
    json_object_set_new(doc, "party_is_org", json_boolean(org));
    json_object_set_new(doc, "party_id_label", json_string(org ? "统一社会信用代码" : "身份证件号码"));
}

json_t *doc_vars_case(const AppContext *cx, const json_t *rec)
{
    json_t *v = json_deep_copy(rec), *doc = json_object();
    const json_t *dec = json_object_get(rec, "decision");
    char today[32];
    dates_cn(rec, doc);
    day_cn(cx->today, today);
    json_object_set_new(doc, "today_cn", json_string(today));
    json_object_set_new(doc, "number", json_string(str(rec, "filing_no") ? str(rec, "filing_no") : str(rec, "case_no") ? str(rec, "case_no") : ""));
    agency_names(cx, rec, doc);
    party(rec, doc);
    evidence_list(rec, doc);
    json_object_set_new(doc, "violation_basis", doc_vars_quoted_basis(cx->store, json_object_get(rec, "violation_basis")));
    json_object_set_new(doc, "penalty_basis", doc_vars_quoted_basis(cx->store, json_object_get(rec, "penalty_basis")));
    json_object_set_new(doc, "decision_basis", doc_vars_quoted_basis(cx->store, json_object_get(dec, "basis")));
    if (dec) decision_words(dec, doc);
    /* an imported decision without its 文号 is known by the sender's number, which was it */
    if (dec) json_object_set_new(doc, "decision_no", json_string(str(dec, "doc_no") ? str(dec, "doc_no") : str(rec, "case_no") ? str(rec, "case_no") : ""));
    proposal_words(cx->store, rec, doc);
    const char *reason = str(rec, "tier_reason") ? str(rec, "tier_reason") : str(dec, "tier_reason");
    if (reason) json_object_set_new(doc, "discretion", json_string(reason));
    json_object_set_new(doc, "payment_days", json_integer(store_setting_int(cx->store, "document_payment_days", 15)));
    json_t *late = json_pack("[{s:s, s:s}]", "law", "中华人民共和国行政处罚法", "article", "第七十二条");
    json_object_set_new(doc, "late_fee_basis", doc_vars_quoted_basis(cx->store, late));
    json_decref(late);
    notice_deadlines(cx, rec, doc);
    doc_vars_kinds(cx, rec, doc);
    json_object_set_new(v, "doc", doc);
    return v;
}

void doc_vars_quote(Store *st, const json_t *tpl, json_t *vars)
{
    const json_t *quote = json_object_get(tpl, "quote");
    json_object_set_new(json_object_get(vars, "doc"), "quote",
                        json_is_array(quote) ? doc_vars_quoted_basis(st, quote) : json_array());
}

json_t *doc_vars_date_cn(const char *iso)
{
    char cn[32];
    return json_string(iso && render_date_cn(iso, cn, sizeof cn) == 0 ? cn : "");
}
