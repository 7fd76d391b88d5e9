/* Findings as text: the JSON line of rules.md §2 and the aligned table of `--format table`.
 * Pure: builds strings, never writes them anywhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/rules/rules_internal.h"

typedef struct {
    char *buf;
    size_t len, cap;
    bool failed;
} Text;

static void put(Text *t, const char *s, size_t n)
{
    if (t->failed) return;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->len + n + 1) cap *= 2;
        char *grown = realloc(t->buf, cap);
        if (!grown) {
            t->failed = true;
            return;
        }
        t->buf = grown;
        t->cap = cap;
    }
    memcpy(t->buf + t->len, s, n);
    t->len += n;
    t->buf[t->len] = '\0';
}

static void put_s(Text *t, const char *s) { put(t, s, strlen(s)); }

/* A JSON string: quotes, backslashes and control characters escaped; UTF-8 kept as is
 * (the same output as jansson without JSON_ENSURE_ASCII). */
static void put_json_string(Text *t, const char *s)
{
    put(t, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch != '"' && ch != '\\') continue;
        put(t, run, (size_t)(s - run));
        char esc[8];
        switch (ch) {
        case '"': put(t, "\\\"", 2); break;
        case '\\': put(t, "\\\\", 2); break;
        case '\n': put(t, "\\n", 2); break;
        case '\r': put(t, "\\r", 2); break;
        case '\t': put(t, "\\t", 2); break;
        case '\b': put(t, "\\b", 2); break;
        case '\f': put(t, "\\f", 2); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04X", ch);
            put(t, esc, 6);
        }
        run = s + 1;
    }
    put(t, run, (size_t)(s - run));
    put(t, "\"", 1);
}

static void put_field(Text *t, const char *key, const char *value, bool first)
{
    put_s(t, first ? "{\"" : ",\"");
    put_s(t, key);
    put(t, "\":", 2);
    put_json_string(t, value ? value : "");
}

int finding_to_json_line(const Finding *f, char **out)
{
    Text t = {0};
    put_field(&t, "rule", f->rule, true);
    put_field(&t, "severity", f->severity, false);
    put_field(&t, "subject_type", f->subject_type, false);
    put_field(&t, "subject", f->subject, false);
    put_field(&t, "agency", f->agency, false);
    put_field(&t, "law", f->law, false);
    if (f->due_on != ZF_DAY_NONE) {
        char due[ZF_DATE_LEN];
        date_format(f->due_on, due);
        put_field(&t, "due_on", due, false);
    }
    put_field(&t, "message", f->message, false);
    put(&t, "}", 1);
    if (t.failed) {
        free(t.buf);
        t.buf = NULL;
    }
    *out = t.buf;
    return t.buf ? ZF_OK : ZF_ERR;
}

/* Display columns of a UTF-8 string: East Asian wide characters count two. */
static size_t display_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int len;
        if (*p < 0x80) cp = *p, len = 1;
        else if ((*p & 0xE0) == 0xC0) cp = *p & 0x1F, len = 2;
        else if ((*p & 0xF0) == 0xE0) cp = *p & 0x0F, len = 3;
        else cp = *p & 0x07, len = 4;
        for (int i = 1; i < len; i++) {
            if ((p[i] & 0xC0) != 0x80) {
                len = i;
                break;
            }
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        p += len;
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
    }
    return w;
}

static void put_cell(Text *t, const char *s, size_t width, bool last)
{
    put(t, s, strlen(s));
    if (last) return;
    for (size_t w = display_width(s); w < width + 2; w++) put(t, " ", 1);
}

enum { COLS = 8 };

static const char *subject_label(const char *type)
{
    if (strcmp(type, "case") == 0) return "案件";
    if (strcmp(type, "officer") == 0) return "执法人员";
    if (strcmp(type, "agency") == 0) return "执法主体";
    if (strcmp(type, "power") == 0) return "权责事项";
    return type;
}

static void row_cells(const Finding *f, const char *cells[COLS], char due[ZF_DATE_LEN])
{
    if (f->due_on != ZF_DAY_NONE) date_format(f->due_on, due);
    else strcpy(due, "-");
    cells[0] = f->rule;
    cells[1] = strcmp(f->severity, "warning") == 0 ? "预警" : "违规";
    cells[2] = subject_label(f->subject_type);
    cells[3] = f->subject;
    cells[4] = f->agency && *f->agency ? f->agency : "-";
    cells[5] = due;
    cells[6] = f->message ? f->message : "";
    cells[7] = f->law;
}

char *findings_format_table(const FindingList *list)
{
    static const char *const header[COLS] = {"规则", "级别", "类型", "对象", "机关", "期限", "说明", "依据"};
    size_t width[COLS];
    for (int k = 0; k < COLS; k++) width[k] = display_width(header[k]);
    char due[ZF_DATE_LEN];
    const char *cells[COLS];
    for (size_t i = 0; i < list->count; i++) {
        row_cells(&list->items[i], cells, due);
        for (int k = 0; k < COLS; k++) {
            size_t w = display_width(cells[k]);
            if (w > width[k]) width[k] = w;
        }
    }
    Text t = {0};
    for (int k = 0; k < COLS; k++) put_cell(&t, header[k], width[k], k == COLS - 1);
    put(&t, "\n", 1);
    for (size_t i = 0; i < list->count; i++) {
        row_cells(&list->items[i], cells, due);
        for (int k = 0; k < COLS; k++) put_cell(&t, cells[k], width[k], k == COLS - 1);
        put(&t, "\n", 1);
    }
    char summary[96];
    int n = snprintf(summary, sizeof summary, "共 %zu 条\n", list->count);
    put(&t, summary, (size_t)n);
    if (t.failed) {
        free(t.buf);
        return NULL;
    }
    return t.buf;
}
