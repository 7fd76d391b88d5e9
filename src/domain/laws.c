/* Law markdown → Law: "# title", an info block ending "<!-- INFO END -->", "## 第一章 …" headings
 * (### 第一节, and 民事诉讼法's 编 → 章 → 节 one level deeper), articles "第N条 text" whose
 * following paragraphs run until the next article or heading. Pure: text in, values out. */
#include "domain/laws.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define INFO_END "<!-- INFO END -->"
#define PRC "中华人民共和国"

/* ---- UTF-8 ---------------------------------------------------------------------------- */

/* Decodes one code point at s (n bytes left); returns its byte length (1 for a bad byte). */
static size_t utf8_next(const char *s, size_t n, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80 || n < 2) return *cp = u[0], 1;
    if ((u[0] & 0xE0) == 0xC0) return *cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu), 2;
    if ((u[0] & 0xF0) == 0xE0 && n >= 3)
        return *cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu), 3;
    if ((u[0] & 0xF8) == 0xF0 && n >= 4)
        return *cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu), 4;
    return *cp = u[0], 1;
}

static bool is_space_cp(unsigned cp) { return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000 || cp == 0xA0; }

/* Length of [s, s+n) without leading and trailing spaces (ASCII and 全角); *start advanced. */
static size_t trim(const char **start, size_t n)
{
    const char *s = *start;
    unsigned cp;
    while (n) {
        size_t k = utf8_next(s, n, &cp);
        if (!is_space_cp(cp)) break;
        s += k, n -= k;
    }
    while (n) {
        size_t k = 1;
        while (k < n && k < 4 && ((unsigned char)s[n - k] & 0xC0) == 0x80) k++;
        utf8_next(s + n - k, k, &cp);
        if (!is_space_cp(cp)) break;
        n -= k;
    }
    *start = s;
    return n;
}

/* ---- numerals ------------------------------------------------------------------------- */

static const char *const DIGITS[10] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

static int digit_value(unsigned cp)
{
    switch (cp) {
    case 0x96F6: case 0x3007: return 0; /* 零 〇 */
    case 0x4E00: return 1;
    case 0x4E8C: return 2;
    case 0x4E09: return 3;
    case 0x56DB: return 4;
    case 0x4E94: return 5;
    case 0x516D: return 6;
    case 0x4E03: return 7;
    case 0x516B: return 8;
    case 0x4E5D: return 9;
    default: return -1;
    }
}

static int unit_value(unsigned cp)
{
    return cp == 0x5341 ? 10 : cp == 0x767E ? 100 : cp == 0x5343 ? 1000 : -1; /* 十 百 千 */
}

static bool is_numeral_cp(unsigned cp) { return digit_value(cp) >= 0 || unit_value(cp) > 0; }

int law_numeral_parse(const char *s, size_t len, int *out)
{
    int total = 0, pending = -1, last_unit = 10000;
    bool first = true, zero_pending = false, zero_seen = false;
    size_t i = 0;
    if (!len) return -1;
    while (i < len) {
        unsigned cp;
        i += utf8_next(s + i, len - i, &cp);
        int d = digit_value(cp), u = unit_value(cp);
        if (d == 0) {
            if (first || pending >= 0 || zero_pending) return -1; /* "零五", "一零", "零零" */
            zero_pending = zero_seen = true;
        } else if (d > 0) {
            if (pending >= 0) return -1; /* two digits in a row */
            pending = d;
            zero_pending = false;
        } else if (u > 0) {
            if (u >= last_unit) return -1;
            if (pending < 0) {
                if (!(u == 10 && first)) return -1; /* only a leading 十 stands for 一十 */
                pending = 1;
            }
            total += pending * u;
            last_unit = u;
            pending = -1;
        } else {
            return -1;
        }
        first = false;
    }
    if (zero_pending) return -1;
    if (pending >= 0) {
        /* a trailing digit is the ones only after 十, after 零, or alone ("一百五" is not 105) */
        if (!(last_unit == 10 || last_unit == 10000 || zero_seen)) return -1;
        total += pending;
    }
    if (total <= 0) return -1;
    *out = total;
    return 0;
}

int law_numeral_format(int n, char *out, size_t cap)
{
    char buf[64] = "";
    if (n < 1 || n > 9999) return -1;
    int t = n / 1000, h = n / 100 % 10, te = n / 10 % 10, o = n % 10;
    if (t) strcat(buf, DIGITS[t]), strcat(buf, "千");
    if (h) strcat(buf, DIGITS[h]), strcat(buf, "百");
    else if (t && (te || o)) strcat(buf, "零");
    if (te) {
        if (!(t || h) && te == 1) strcat(buf, "十"); /* 十五, but 一百一十 */
        else strcat(buf, DIGITS[te]), strcat(buf, "十");
    } else if (o && h) {
        strcat(buf, "零");
    }
    if (o) strcat(buf, DIGITS[o]);
    if (strlen(buf) >= cap) return -1;
    memcpy(out, buf, strlen(buf) + 1);
    return 0;
}

int law_article_label(int number, int sub, char *out, size_t cap)
{
    char n[64], s[64];
    if (law_numeral_format(number, n, sizeof n) != 0) return -1;
    if (sub < 0 || (sub > 0 && law_numeral_format(sub, s, sizeof s) != 0)) return -1;
    int w = sub ? snprintf(out, cap, "第%s条之%s", n, s) : snprintf(out, cap, "第%s条", n);
    return w > 0 && (size_t)w < cap ? 0 : -1;
}

/* Length of the numeral run at s. */
static size_t numeral_run(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned cp;
        size_t k = utf8_next(s + i, n - i, &cp);
        if (!is_numeral_cp(cp)) break;
        i += k;
    }
    return i;
}

static bool starts_with(const char *s, size_t n, const char *prefix)
{
    size_t p = strlen(prefix);
    return n >= p && memcmp(s, prefix, p) == 0;
}

/* "第N条" / "第N条之M" at the start of s; returns the bytes it spans, 0 when not one. */
static size_t label_prefix(const char *s, size_t n, int *number, int *sub)
{
    if (!starts_with(s, n, "第")) return 0;
    size_t i = strlen("第"), run = numeral_run(s + i, n - i);
    if (!run || law_numeral_parse(s + i, run, number) != 0) return 0;
    i += run;
    if (!starts_with(s + i, n - i, "条")) return 0;
    i += strlen("条");
    *sub = 0;
    if (starts_with(s + i, n - i, "之")) {
        size_t j = i + strlen("之"), r = numeral_run(s + j, n - j);
        if (r && law_numeral_parse(s + j, r, sub) == 0) i = j + r;
    }
    return i;
}

int law_article_label_parse(const char *s, size_t len, int *number, int *sub)
{
    int num, sb;
    size_t used = label_prefix(s, len, &num, &sb);
    if (!used || used != len) return -1;
    *number = num, *sub = sb;
    return 0;
}

/* ---- parser --------------------------------------------------------------------------- */

typedef enum { DIV_PART, DIV_CHAPTER, DIV_SECTION } DivKind;

typedef struct {
    Law *law;
    size_t cap_articles, cap_headings;
    const char *div[3];   /* current 编, 章, 节 */
    char *info;
    size_t info_len;
    ZfError *err;
} Parser;

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) memcpy(d, s, n), d[n] = '\0';
    return d;
}

/* Appends s to *buf (NUL-terminated, *len bytes) with sep before it unless *buf is empty. */
static int append(char **buf, size_t *len, const char *sep, const char *s, size_t n)
{
    size_t sl = *len ? strlen(sep) : 0;
    char *grown = realloc(*buf, *len + sl + n + 1);
    if (!grown) return -1;
    memcpy(grown + *len, sep, sl);
    memcpy(grown + *len + sl, s, n);
    *len += sl + n;
    grown[*len] = '\0';
    *buf = grown;
    return 0;
}

static int oom(Parser *p) { return zf_fail(p->err, 500, "out_of_memory", NULL, "内存不足"); }

/* "第二节  监  护" → "第二节 监护": the official text spaces out short names for typesetting. */
static char *heading_text(const char *s, size_t n, int level, DivKind *kind)
{
    size_t i = 0;
    char *out = malloc(n + 2), *o = out;
    if (!out) return NULL;
    *kind = level <= 2 ? DIV_CHAPTER : DIV_SECTION;
    if (starts_with(s, n, "第")) {
        size_t run = numeral_run(s + 3, n - 3);
        const char *unit = s + 3 + run;
        size_t left = n - 3 - run;
        int k = starts_with(unit, left, "编") ? DIV_PART : starts_with(unit, left, "章") ? DIV_CHAPTER
              : starts_with(unit, left, "节") ? DIV_SECTION : -1;
        if (run && k >= 0) {
            *kind = (DivKind)k;
            i = 3 + run + 3;
            memcpy(o, s, i), o += i;
            *o++ = ' ';
        }
    }
    bool squeeze = o != out; /* after 第X章 all spaces go; otherwise runs collapse to one */
    while (i < n) {
        unsigned cp;
        size_t k = utf8_next(s + i, n - i, &cp);
        if (is_space_cp(cp)) {
            if (!squeeze && o > out && o[-1] != ' ') *o++ = ' ';
        } else {
            memcpy(o, s + i, k), o += k;
        }
        i += k;
    }
    while (o > out && o[-1] == ' ') o--;
    *o = '\0';
    return out;
}

static int add_heading(Parser *p, const char *s, size_t n, int level)
{
    Law *law = p->law;
    DivKind kind;
    char *text = heading_text(s, n, level, &kind);
    if (!text) return oom(p);
    if (law->n_headings == p->cap_headings) {
        size_t cap = p->cap_headings ? p->cap_headings * 2 : 32;
        char **grown = realloc(law->headings, cap * sizeof *grown);
        if (!grown) return free(text), oom(p);
        law->headings = grown, p->cap_headings = cap;
    }
    law->headings[law->n_headings++] = text;
    p->div[kind] = text;
    for (int d = (int)kind + 1; d < 3; d++) p->div[d] = NULL;
    return ZF_OK;
}

static int add_article(Parser *p, int number, int sub, const char *text, size_t n, size_t line_no)
{
    Law *law = p->law;
    for (size_t i = 0; i < law->n_articles; i++)
        if (law->articles[i].number == number && law->articles[i].sub == sub)
            return zf_fail(p->err, 422, "law_duplicate_article", NULL, "第 %zu 行：条文编号 %s 重复出现", line_no,
                           law->articles[i].label);
    if (law->n_articles == p->cap_articles) {
        size_t cap = p->cap_articles ? p->cap_articles * 2 : 64;
        LawArticle *grown = realloc(law->articles, cap * sizeof *grown);
        if (!grown) return oom(p);
        law->articles = grown, p->cap_articles = cap;
    }
    LawArticle *a = &law->articles[law->n_articles];
    memset(a, 0, sizeof *a);
    a->number = number, a->sub = sub;
    law_article_label(number, sub, a->label, sizeof a->label);
    a->part = p->div[DIV_PART], a->chapter = p->div[DIV_CHAPTER], a->section = p->div[DIV_SECTION];
    if (!(a->text = dup_n(text, n))) return oom(p);
    law->n_articles++;
    return ZF_OK;
}

static int add_paragraph(Parser *p, const char *s, size_t n)
{
    LawArticle *a = &p->law->articles[p->law->n_articles - 1];
    size_t len = strlen(a->text);
    return append(&a->text, &len, "\n", s, n) == 0 ? ZF_OK : oom(p);
}

/* Title lines: "# 中华人民共和国民法典" then "# 总则" (a 编 published on its own) → "…民法典·总则". */
static int add_title(Parser *p, const char *s, size_t n)
{
    Law *law = p->law;
    size_t len = law->title ? strlen(law->title) : 0;
    if (!law->title && !(law->title = calloc(1, 1))) return oom(p);
    return append(&law->title, &len, "·", s, n) == 0 ? ZF_OK : oom(p);
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* "2021年1月22日" at s → "2021-01-22"; false when s does not start with such a date. */
static bool cn_date(const char *s, size_t n, char out[11])
{
    int y = 0, m = 0, d = 0;
    size_t i = 0, k;
    for (k = 0; i < n && is_digit(s[i]); i++, k++) y = y * 10 + (s[i] - '0');
    if (k != 4 || !starts_with(s + i, n - i, "年")) return false;
    i += 3;
    for (k = 0; i < n && is_digit(s[i]) && k < 2; i++, k++) m = m * 10 + (s[i] - '0');
    if (!k || !starts_with(s + i, n - i, "月")) return false;
    i += 3;
    for (k = 0; i < n && is_digit(s[i]) && k < 2; i++, k++) d = d * 10 + (s[i] - '0');
    if (!k || !starts_with(s + i, n - i, "日") || m < 1 || m > 12 || d < 1 || d > 31) return false;
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    memcpy(out, buf, 11);
    return true;
}

/* The version date: "(2021-01-22)" in the file name, else the last 通过/公布/修订/修正 line's date. */
static void find_promulgated(Law *law, const char *file_name)
{
    const char *open = file_name ? strrchr(file_name, '(') : NULL;
    if (open && strlen(open) >= 12 && open[11] == ')' && is_digit(open[1]) && open[5] == '-' && open[8] == '-') {
        memcpy(law->promulgated, open + 1, 10);
        law->promulgated[10] = '\0';
        return;
    }
    static const char *const acts[] = {"通过", "公布", "修订", "修正"};
    const char *line = law->info;
    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        char date[11];
        bool act = false;
        for (size_t a = 0; a < sizeof acts / sizeof acts[0]; a++)
            if (memmem(line, n, acts[a], strlen(acts[a]))) act = true;
        if (cn_date(line, n, date) && (act || !law->promulgated[0])) memcpy(law->promulgated, date, 11);
        line = end ? end + 1 : NULL;
    }
}

static const char *kind_of(const char *title)
{
    size_t n = strlen(title);
    if (strstr(title, "法典") || (n >= 3 && strcmp(title + n - 3, "法") == 0)) return "法律";
    if (strstr(title, "条例")) return "行政法规";
    return "规章";
}

static int finish(Parser *p, const char *file_name)
{
    Law *law = p->law;
    if (!law->title || !*law->title)
        return zf_fail(p->err, 422, "law_no_title", NULL, "缺少标题行（# 法规名称）");
    if (!law->n_articles) return zf_fail(p->err, 422, "law_no_articles", NULL, "未找到任何条文（第N条 …）");
    law->info = p->info ? p->info : calloc(1, 1);
    p->info = NULL;
    const char *short_title = starts_with(law->title, strlen(law->title), PRC) ? law->title + strlen(PRC) : law->title;
    if (!law->info || !(law->short_title = strdup(short_title))) return oom(p);
    law->kind = kind_of(law->title);
    find_promulgated(law, file_name);
    return ZF_OK;
}

static int parse_line(Parser *p, const char *s, size_t n, size_t line_no, bool *in_info)
{
    int number, sub, level = 0;
    if (!n) return ZF_OK;
    if (*in_info && starts_with(s, n, INFO_END)) return *in_info = false, ZF_OK;
    while (level < (int)n && s[level] == '#') level++;
    if (level && level < (int)n && s[level] == ' ') {
        const char *h = s + level;
        size_t hn = trim(&h, n - (size_t)level);
        if (level == 1 && *in_info) return add_title(p, h, hn);
        if (level == 1) return zf_fail(p->err, 422, "law_stray_title", NULL, "第 %zu 行：正文中出现一级标题", line_no);
        *in_info = false; /* a file without the INFO END marker starts its body at the first heading */
        return add_heading(p, h, hn, level);
    }
    size_t used = label_prefix(s, n, &number, &sub);
    if (used) {
        const char *rest = s + used;
        size_t rn = n - used, before = rn;
        rn = trim(&rest, rn);
        if (rn < before || rn == 0) { /* "第N条 text": a quoted "第N条规定" inside a paragraph is not one */
            *in_info = false;
            return add_article(p, number, sub, rest, rn, line_no);
        }
    }
    if (*in_info || !p->law->n_articles) /* text before the first article: a preamble, kept as info */
        return append(&p->info, &p->info_len, "\n", s, n) == 0 ? ZF_OK : oom(p);
    return add_paragraph(p, s, n);
}

int law_parse(const char *text, size_t len, const char *file_name, Law *out, ZfError *err)
{
    Parser p = {.law = out, .err = err};
    bool in_info = true;
    size_t line_no = 0, i = 0;
    memset(out, 0, sizeof *out);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3; /* BOM */
    while (i < len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        const char *s = text + i;
        size_t n = trim(&s, end - i);
        line_no++;
        if (parse_line(&p, s, n, line_no, &in_info) != ZF_OK) goto fail;
        i = end + 1;
    }
    if (finish(&p, file_name) == ZF_OK) return ZF_OK;
fail:
    free(p.info);
    law_free(out);
    return ZF_ERR;
}

void law_free(Law *law)
{
    if (!law) return;
    for (size_t i = 0; i < law->n_articles; i++) free(law->articles[i].text);
    for (size_t i = 0; i < law->n_headings; i++) free(law->headings[i]);
    free(law->articles);
    free(law->headings);
    free(law->title);
    free(law->short_title);
    free(law->info);
    memset(law, 0, sizeof *law);
}
