/* A lead's possible duplicates (leads_similar.h). Cheap by construction: one indexed query
 * (leads_by_agency_received) for at most CANDIDATES leads of the same agency in the window, then the
 * pure text_bigram_jaccard on each. The store knows the window, the domain the score, this file the
 * scope and the setting. */
#include "app/leads_similar.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/leads_view.h"
#include "domain/leads.h"
#include "domain/text_similarity.h"
#include "store/leads.h"
#include "store/settings.h"

#define CANDIDATES 200  /* a busy agency's month; the newest are the likeliest repeats */
#define EXCERPT_CHARS 60

static const char *str(const json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static json_t *excerpt(const char *s)
{
    size_t at = 0, chars = 0;
    if (!s) return json_string("");
    for (; s[at]; at++)
        if (((unsigned char)s[at] & 0xC0) != 0x80 && chars++ == EXCERPT_CHARS) break;
    return json_stringn(s, at);
}

/* Another case named on both sides says it is another matter, however alike the words. */
static bool other_case(const json_t *a, const json_t *b)
{
    return str(a, "case_no") && str(b, "case_no") && strcmp(str(a, "case_no"), str(b, "case_no")) != 0;
}

static json_t *entry(const json_t *cand, double score)
{
    LeadStatus s;
    bool known = lead_status_by_code(str(cand, "status"), &s) == ZF_OK;
    return json_pack("{s:I, s:s, s:s, s:o, s:f}", "id", json_integer_value(json_object_get(cand, "id")),
                     "received_at", str(cand, "received_at"), "status_name", known ? lead_status_name(s) : "",
                     "content", excerpt(str(json_object_get(cand, "body"), "content")), "score",
                     round(score * 100) / 100);
}

/* Keeps out sorted by score, highest first, and no longer than LEAD_SIMILAR_MAX. */
static void insert_ranked(json_t *out, json_t *e)
{
    double score = json_real_value(json_object_get(e, "score"));
    size_t i = 0;
    while (i < json_array_size(out) && json_real_value(json_object_get(json_array_get(out, i), "score")) >= score) i++;
    if (i < LEAD_SIMILAR_MAX) json_array_insert_new(out, i, e);
    else json_decref(e);
    if (json_array_size(out) > LEAD_SIMILAR_MAX) json_array_remove(out, LEAD_SIMILAR_MAX);
}

int app_lead_similar(const AppContext *cx, const json_t *row, json_t **similar, ZfError *err)
{
    const char *agency = str(row, "agency"), *at = str(row, "received_at");
    const char *content = str(json_object_get(row, "body"), "content");
    json_t *cands, *cand;
    zf_day day;
    char from[ZF_DATE_LEN];
    size_t i;
    *similar = json_array();
    if (!agency || !at || strlen(at) < 10 || !content) return ZF_OK;
    char ymd[ZF_DATE_LEN];
    snprintf(ymd, sizeof ymd, "%.10s", at);
    if (!date_parse(ymd, &day)) return ZF_OK;
    date_format(day - LEAD_SIMILAR_DAYS, from); /* "YYYY-MM-DD" sorts before that day's times */
    if (store_leads_of_agency_between(cx->store, agency, from, at, CANDIDATES, &cands, err) != ZF_OK) {
        json_decref(*similar);
        *similar = NULL;
        return ZF_ERR;
    }
    double min = store_setting_int(cx->store, "lead_duplicate_similarity_pct", 50) / 100.0;
    long long self = json_integer_value(json_object_get(row, "id"));
    json_array_foreach(cands, i, cand) {
        if (json_integer_value(json_object_get(cand, "id")) == self || other_case(row, cand) ||
            !app_lead_visible(cx, cand))
            continue;
        double score = text_bigram_jaccard(content, str(json_object_get(cand, "body"), "content"));
        if (score >= min) insert_ranked(*similar, entry(cand, score));
    }
    json_decref(cands);
    return ZF_OK;
}
