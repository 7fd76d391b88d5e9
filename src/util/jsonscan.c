/* In-place JSON scanning (RFC 8259 grammar; \u escapes incl. surrogate pairs → UTF-8). */
#include "util/jsonscan.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char *p, *end;
    JsDoc *doc;
    int depth;
} Scan;

#define MAX_DEPTH 64

static int push(Scan *sc, JsType type, char *s, uint32_t *index)
{
    JsDoc *d = sc->doc;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 256;
        JsTok *grown = realloc(d->tok, cap * sizeof *grown);
        if (!grown) return -1;
        d->tok = grown, d->cap = cap;
    }
    *index = (uint32_t)d->n;
    d->tok[d->n++] = (JsTok){.type = (uint8_t)type, .skip = 1, .s = s};
    return 0;
}

static void skip_ws(Scan *sc)
{
    while (sc->p < sc->end && (*sc->p == ' ' || *sc->p == '\t' || *sc->p == '\n' || *sc->p == '\r')) sc->p++;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

static char *put_utf8(char *w, unsigned cp)
{
    if (cp < 0x80) *w++ = (char)cp;
    else if (cp < 0x800) *w++ = (char)(0xC0 | cp >> 6), *w++ = (char)(0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
        *w++ = (char)(0xE0 | cp >> 12), *w++ = (char)(0x80 | ((cp >> 6) & 0x3F)), *w++ = (char)(0x80 | (cp & 0x3F));
    else
        *w++ = (char)(0xF0 | cp >> 18), *w++ = (char)(0x80 | ((cp >> 12) & 0x3F)),
        *w++ = (char)(0x80 | ((cp >> 6) & 0x3F)), *w++ = (char)(0x80 | (cp & 0x3F));
    return w;
}

/* One escape at r (after the backslash); writes at w. Returns the new write position or NULL. */
static char *unescape(char **r, char *end, char *w)
{
    static const char simple_from[] = "\"\\/bfnrt", simple_to[] = "\"\\/\b\f\n\r\t";
    if (*r >= end) return NULL; /* a backslash as the text's last byte */
    char c = *(*r)++;
    const char *k = c ? strchr(simple_from, c) : NULL;
    if (k) return *w++ = simple_to[k - simple_from], w;
    unsigned cp, lo;
    if (c != 'u' || end - *r < 4 || hex4(*r, &cp)) return NULL;
    *r += 4;
    if (cp >= 0xD800 && cp < 0xDC00) { /* high surrogate: a low one must follow */
        if (end - *r < 6 || (*r)[0] != '\\' || (*r)[1] != 'u' || hex4(*r + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
            return NULL;
        *r += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    return put_utf8(w, cp);
}

static int scan_string(Scan *sc, uint32_t *index)
{
    char *start = ++sc->p, *w = start, *r = start;
    while (r < sc->end && *r != '"') {
        if ((unsigned char)*r < 0x20) return -1;
        if (*r != '\\') {
            *w++ = *r++;
            continue;
        }
        r++;
        if (!(w = unescape(&r, sc->end, w))) return -1;
    }
    if (r >= sc->end) return -1;
    *w = '\0'; /* the escape-free text is never longer than the raw one: in place is safe */
    sc->p = r + 1;
    return push(sc, JS_STRING, start, index);
}

static int scan_number(Scan *sc, uint32_t *index)
{
    char *start = sc->p;
    bool integer = true;
    while (sc->p < sc->end && strchr("+-0123456789.eE", *sc->p)) {
        if (*sc->p == '.' || *sc->p == 'e' || *sc->p == 'E') integer = false;
        sc->p++;
    }
    if (sc->p == start || push(sc, JS_NUMBER, start, index)) return -1;
    sc->doc->tok[*index].integer = integer;
    return 0;
}

static int scan_literal(Scan *sc, const char *word, JsType type, uint32_t *index)
{
    size_t n = strlen(word);
    if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, word, n) != 0) return -1;
    sc->p += n;
    return push(sc, type, NULL, index);
}

static int scan_value(Scan *sc, uint32_t *index);

/* Arrays and objects: children follow their parent, so a subtree is a contiguous run. */
static int scan_container(Scan *sc, bool object, uint32_t *index)
{
    uint32_t self, child, count = 0;
    if (++sc->depth > MAX_DEPTH || push(sc, object ? JS_OBJECT : JS_ARRAY, NULL, &self)) return -1;
    char close = object ? '}' : ']';
    sc->p++;
    skip_ws(sc);
    while (sc->p < sc->end && *sc->p != close) {
        if (count && (*sc->p != ',' || (sc->p++, skip_ws(sc), 0))) return -1;
        if (object) {
            if (sc->p >= sc->end || *sc->p != '"' || scan_string(sc, &child)) return -1;
            skip_ws(sc);
            if (sc->p >= sc->end || *sc->p++ != ':') return -1;
            skip_ws(sc);
        }
        if (scan_value(sc, &child)) return -1;
        count++;
        skip_ws(sc);
    }
    if (sc->p >= sc->end) return -1;
    sc->p++;
    sc->depth--;
    JsTok *t = &sc->doc->tok[self];
    t->size = count;
    t->skip = (uint32_t)sc->doc->n - self;
    *index = self;
    return 0;
}

static int scan_value(Scan *sc, uint32_t *index)
{
    if (sc->p >= sc->end) return -1;
    switch (*sc->p) {
    case '{': return scan_container(sc, true, index);
    case '[': return scan_container(sc, false, index);
    case '"': return scan_string(sc, index);
    case 't': return scan_literal(sc, "true", JS_TRUE, index);
    case 'f': return scan_literal(sc, "false", JS_FALSE, index);
    case 'n': return scan_literal(sc, "null", JS_NULL, index);
    default: return scan_number(sc, index);
    }
}

int js_parse(JsDoc *doc, char *text, size_t len)
{
    Scan sc = {text, text + len, doc, 0};
    uint32_t root;
    doc->n = 0;
    skip_ws(&sc);
    if (scan_value(&sc, &root)) return -1;
    skip_ws(&sc);
    return sc.p == sc.end ? 0 : -1;
}

void js_free(JsDoc *doc)
{
    free(doc->tok);
    memset(doc, 0, sizeof *doc);
}

const JsTok *js_get(const JsTok *obj, const char *key)
{
    if (!js_is(obj, JS_OBJECT)) return NULL;
    const JsTok *k = obj + 1;
    for (uint32_t i = 0; i < obj->size; i++) {
        const JsTok *v = k + 1;
        if (strcmp(k->s, key) == 0) return v;
        k = v + v->skip;
    }
    return NULL;
}

double js_num(const JsTok *t) { return js_is(t, JS_NUMBER) ? strtod(t->s, NULL) : 0; }
