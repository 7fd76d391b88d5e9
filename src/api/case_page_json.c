/* See case_page_json.h. The encoding is jansson's, so that the reply does not change: strings
 * escape '"', '\\' and the controls below 0x20 (\b \f \n \r \t by name, others as \u00XX in
 * upper-case hex), nothing else (no JSON_ENSURE_ASCII, no JSON_ESCAPE_SLASH); a real is "%.17g"
 * with ".0" added when that reads as an integer (a fine in yuan, fen / 100, never needs an exponent). */
#include "api/case_page_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *text;
    size_t len, cap;
    bool failed;
    bool first;
} Buf;

static void put(Buf *b, const char *s, size_t n)
{
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 16384;
        while (cap < b->len + n + 1) cap *= 2;
        char *t = realloc(b->text, cap);
        if (!t) {
            b->failed = true;
            return;
        }
        b->text = t, b->cap = cap;
    }
    memcpy(b->text + b->len, s, n);
    b->len += n;
    b->text[b->len] = '\0';
}

static void put_s(Buf *b, const char *s) { put(b, s, strlen(s)); }

static void put_string(Buf *b, const char *s)
{
    put(b, "\"", 1);
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p != '"' && *p != '\\' && *p >= 0x20) continue;
        put(b, run, (size_t)((const char *)p - run));
        char esc[8];
        switch (*p) {
        case '"': put_s(b, "\\\""); break;
        case '\\': put_s(b, "\\\\"); break;
        case '\b': put_s(b, "\\b"); break;
        case '\f': put_s(b, "\\f"); break;
        case '\n': put_s(b, "\\n"); break;
        case '\r': put_s(b, "\\r"); break;
        case '\t': put_s(b, "\\t"); break;
        default: snprintf(esc, sizeof esc, "\\u%04X", *p), put_s(b, esc);
        }
        run = (const char *)p + 1;
    }
    put_s(b, run);
    put(b, "\"", 1);
}

/* "key": then the text or null */
static void member(Buf *b, const char *key, const char *value)
{
    put_s(b, key);
    if (value) put_string(b, value);
    else put_s(b, "null");
}

static void put_real(Buf *b, double v)
{
    char num[40];
    snprintf(num, sizeof num, "%.17g", v);
    if (!strchr(num, '.') && !strchr(num, 'e')) strcat(num, ".0");
    put_s(b, num);
}

static int write_row(const CaseRow *r, void *ctx)
{
    Buf *b = ctx;
    char num[32];
    put_s(b, b->first ? "{" : ",{");
    b->first = false;
    member(b, "\"case_no\":", r->case_no);
    member(b, ",\"agency\":", r->agency);
    member(b, ",\"agency_name\":", r->agency_name);
    member(b, ",\"region\":", r->region);
    member(b, ",\"kind\":", r->kind);
    member(b, ",\"procedure\":", r->procedure);
    member(b, ",\"party_name\":", r->party_name);
    member(b, ",\"filed_on\":", r->filed_on);
    member(b, ",\"decided_on\":", r->decided_on);
    member(b, ",\"closed_on\":", r->closed_on);
    put_s(b, ",\"fine\":");
    if (r->has_fine) put_real(b, r->fine);
    else put_s(b, "null");
    member(b, ",\"doc_no\":", r->doc_no);
    member(b, ",\"filing_no\":", r->filing_no);
    member(b, ",\"status\":", r->status);
    put_s(b, r->online ? ",\"online\":true" : ",\"online\":false");
    snprintf(num, sizeof num, ",\"open_findings\":%lld", r->open_findings);
    put_s(b, num);
    member(b, ",\"worst_severity\":", r->worst_severity);
    put_s(b, "}");
    return b->failed;
}

int case_page_json(Store *st, const CaseFilter *f, int page, int size, char **text, ZfError *err)
{
    Buf b = {.first = true};
    long long total;
    char tail[96];
    put_s(&b, "{\"items\":[");
    if (store_cases_page(st, f, page, size, write_row, &b, &total, err) != ZF_OK) {
        free(b.text);
        return ZF_ERR;
    }
    snprintf(tail, sizeof tail, "],\"total\":%lld,\"page\":%d,\"size\":%d}", total, page, size);
    put_s(&b, tail);
    if (b.failed) {
        free(b.text);
        return zf_fail(err, 500, "out_of_memory", NULL, "内存不足");
    }
    *text = b.text;
    return ZF_OK;
}
