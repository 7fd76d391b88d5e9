/* Bigram/unigram terms, query parsing and snippets for the law library's search.
 * Index and query fold characters the same way (fold_cp), so every index hit is a literal
 * occurrence in the article text and the snippet can always highlight it. Pure. */
#include "domain/law_terms.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define BREAK_TOKEN "brk" /* 3 characters: no query token (1 or 2 characters) can equal it */

static size_t utf8_next(const char *s, size_t n, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80 || n < 2) return *cp = u[0], 1;
    if ((u[0] & 0xE0) == 0xC0) return *cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu), 2;
    if ((u[0] & 0xF0) == 0xE0 && n >= 3)
        return *cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu), 3;
    if ((u[0] & 0xF8) == 0xF0 && n >= 4)
        return *cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu), 4;
    return *cp = 0xFFFD, 1;
}

static size_t utf8_put(unsigned cp, char *o)
{
    if (cp < 0x80) return o[0] = (char)cp, 1;
    if (cp < 0x800) return o[0] = (char)(0xC0 | (cp >> 6)), o[1] = (char)(0x80 | (cp & 0x3F)), 2;
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)), o[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)), o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The searchable form of a character, or 0 for a break (space, punctuation, symbols).
 * 々 and 〇 sit in the CJK punctuation block but are word characters. */
static unsigned fold_cp(unsigned cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0; /* 全角 ＡＢ１２ → ASCII */
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return cp + 32;
        return ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) ? cp : 0;
    }
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return 0;
    if (cp >= 0x2000 && cp <= 0x206F) return 0;   /* “”‘’—…‖ */
    if (cp >= 0x2190 && cp <= 0x23FF) return 0;   /* arrows, maths, technical */
    if (cp >= 0x25A0 && cp <= 0x27BF) return 0;   /* shapes, dingbats */
    if (cp >= 0x3000 && cp <= 0x303F) return (cp == 0x3005 || cp == 0x3007) ? cp : 0;
    if (cp >= 0xFE10 && cp <= 0xFE6F) return 0;   /* vertical and small forms */
    if (cp >= 0xFF00 && cp <= 0xFFEF) return 0;   /* 全角 punctuation, half-width forms */
    if (cp == 0xFFFD || cp == 0xFEFF) return 0;
    return cp;
}

static bool is_space(unsigned cp) { return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000; }

/* ---- index ---------------------------------------------------------------------------- */

int law_terms_index(const char *text, char **bigrams, char **unigrams)
{
    size_t n = strlen(text);
    /* each code point yields at most 8 bytes of bigram + a space and 4 + a space of unigram */
    char *bi = malloc(n * 3 + 16), *uni = malloc(n * 2 + 16);
    char *b = bi, *u = uni;
    unsigned prev = 0;
    bool need_break = false;
    if (!bi || !uni) {
        free(bi), free(uni);
        return -1;
    }
    for (size_t i = 0; i < n;) {
        unsigned cp, c;
        i += utf8_next(text + i, n - i, &cp);
        c = fold_cp(cp);
        if (!c) {
            if (b > bi && prev) need_break = true;
            prev = 0;
            continue;
        }
        u += utf8_put(c, u), *u++ = ' ';
        if (prev) {
            if (need_break) memcpy(b, BREAK_TOKEN " ", 4), b += 4, need_break = false;
            b += utf8_put(prev, b), b += utf8_put(c, b), *b++ = ' ';
        }
        prev = c;
    }
    if (b > bi) b--;
    if (u > uni) u--;
    *b = '\0', *u = '\0';
    *bigrams = bi, *unigrams = uni;
    return 0;
}

/* ---- query ---------------------------------------------------------------------------- */

static bool same_term(const LawTerm *a, const LawTerm *b)
{
    return a->n == b->n && memcmp(a->cp, b->cp, (size_t)a->n * sizeof a->cp[0]) == 0;
}

static int close_term(LawQuery *out, LawTerm *t, ZfError *err)
{
    if (!t->n) return ZF_OK;
    for (int i = 0; i < out->n_terms; i++)
        if (same_term(&out->terms[i], t)) return t->n = 0, ZF_OK;
    if (out->n_terms == LAW_QUERY_MAX_TERMS)
        return zf_fail(err, 400, "invalid_param", "q", "检索词最多 %d 个（以空格分隔）", LAW_QUERY_MAX_TERMS);
    out->terms[out->n_terms++] = *t;
    t->n = 0;
    return ZF_OK;
}

int law_query_parse(const char *q, LawQuery *out, ZfError *err)
{
    LawTerm cur = {.n = 0};
    int chars = 0;
    size_t n = q ? strlen(q) : 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n;) {
        unsigned cp;
        i += utf8_next(q + i, n - i, &cp);
        if (!is_space(cp) && ++chars > LAW_QUERY_MAX_CHARS)
            return zf_fail(err, 400, "invalid_param", "q", "检索词过长：最多 %d 个字", LAW_QUERY_MAX_CHARS);
        unsigned c = fold_cp(cp);
        if (!c) {
            if (close_term(out, &cur, err) != ZF_OK) return ZF_ERR;
            continue;
        }
        cur.cp[cur.n++] = c;
    }
    if (close_term(out, &cur, err) != ZF_OK) return ZF_ERR;
    if (!chars) return zf_fail(err, 400, "invalid_param", "q", "请输入检索词（1 至 %d 个字）", LAW_QUERY_MAX_CHARS);
    if (!out->n_terms) return zf_fail(err, 400, "invalid_param", "q", "检索词应包含汉字、字母或数字");
    return ZF_OK;
}

int law_query_match(const LawQuery *q, const char *bigram_col, const char *unigram_col, char *out, size_t cap)
{
    size_t need = 1;
    for (int t = 0; t < q->n_terms; t++) need += 64 + (size_t)q->terms[t].n * 10;
    if (need > cap) return -1;
    char *o = out;
    for (int t = 0; t < q->n_terms; t++) {
        const LawTerm *term = &q->terms[t];
        const char *col = term->n == 1 ? unigram_col : bigram_col;
        if (t) memcpy(o, " AND ", 5), o += 5;
        memcpy(o, col, strlen(col)), o += strlen(col);
        memcpy(o, ":\"", 2), o += 2;
        if (term->n == 1) o += utf8_put(term->cp[0], o);
        for (int i = 0; i + 1 < term->n; i++) {
            if (i) *o++ = ' ';
            o += utf8_put(term->cp[i], o), o += utf8_put(term->cp[i + 1], o);
        }
        *o++ = '"';
    }
    *o = '\0';
    return 0;
}

/* ---- matching in the original text ------------------------------------------------------ */

typedef struct {
    unsigned *cp;  /* folded; 0 at breaks */
    size_t *off;   /* byte offset of each code point; off[n] = strlen */
    size_t n;
} Folded;

static int fold_text(const char *text, Folded *f)
{
    size_t len = strlen(text);
    f->cp = malloc((len + 1) * sizeof *f->cp);
    f->off = malloc((len + 1) * sizeof *f->off);
    f->n = 0;
    if (!f->cp || !f->off) {
        free(f->cp), free(f->off);
        return -1;
    }
    for (size_t i = 0; i < len;) {
        unsigned cp;
        f->off[f->n] = i;
        i += utf8_next(text + i, len - i, &cp);
        f->cp[f->n++] = fold_cp(cp);
    }
    f->off[f->n] = len;
    return 0;
}

static void fold_free(Folded *f) { free(f->cp), free(f->off); }

static bool term_at(const Folded *f, size_t i, const LawTerm *t)
{
    if (i + (size_t)t->n > f->n) return false;
    for (int k = 0; k < t->n; k++)
        if (f->cp[i + (size_t)k] != t->cp[k]) return false;
    return true;
}

int law_query_hits(const LawQuery *q, const char *text)
{
    Folded f;
    int hits = 0;
    if (fold_text(text, &f) != 0) return 0;
    for (int t = 0; t < q->n_terms; t++)
        for (size_t i = 0; i < f.n;)
            if (term_at(&f, i, &q->terms[t])) hits++, i += (size_t)q->terms[t].n;
            else i++;
    fold_free(&f);
    return hits;
}

char *law_snippet(const char *text, const LawQuery *q, int width)
{
    Folded f;
    if (fold_text(text, &f) != 0) return NULL;
    bool *mark = calloc(f.n + 1, sizeof *mark);
    if (!mark) return fold_free(&f), NULL;
    size_t first = f.n;
    for (int t = 0; t < q->n_terms; t++)
        for (size_t i = 0; i < f.n; i++)
            if (term_at(&f, i, &q->terms[t])) {
                for (int k = 0; k < q->terms[t].n; k++) mark[i + (size_t)k] = true;
                if (i < first) first = i;
            }
    if (first == f.n) first = 0;
    size_t w = (size_t)width, lead = w / 5;
    size_t start = first > lead ? first - lead : 0, end = start + w < f.n ? start + w : f.n;
    if (end - start < w) start = end > w ? end - w : 0;
    /* room for the bytes, a pair of 【】 (6 bytes) per character at worst, and two "…" */
    char *out = malloc(f.off[end] - f.off[start] + (end - start) * 6 + 16), *o = out;
    if (out) {
        if (start > 0) memcpy(o, "…", 3), o += 3;
        for (size_t i = start; i < end; i++) {
            if (mark[i] && (i == start || !mark[i - 1])) memcpy(o, "【", 3), o += 3;
            if (text[f.off[i]] == '\n') *o++ = ' ';
            else memcpy(o, text + f.off[i], f.off[i + 1] - f.off[i]), o += f.off[i + 1] - f.off[i];
            if (mark[i] && (i + 1 == end || !mark[i + 1])) memcpy(o, "】", 3), o += 3;
        }
        if (end < f.n) memcpy(o, "…", 3), o += 3;
        *o = '\0';
    }
    free(mark);
    fold_free(&f);
    return out;
}

double law_query_title_overlap(const LawQuery *q, const char *title)
{
    Folded f;
    int total = 0, found = 0;
    if (fold_text(title, &f) != 0) return 0;
    for (int t = 0; t < q->n_terms; t++)
        for (int k = 0; k < q->terms[t].n; k++) {
            total++;
            for (size_t i = 0; i < f.n; i++)
                if (f.cp[i] == q->terms[t].cp[k]) {
                    found++;
                    break;
                }
        }
    fold_free(&f);
    return total ? (double)found / total : 0;
}
