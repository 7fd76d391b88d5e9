/* A small in-place JSON scanner for the hot read path (the sweep reads a million stored records):
 * one pass over a mutable buffer into a reused token array — no allocation per value, strings
 * unescaped and NUL-terminated in place. Only for text that jansson validated when it was
 * stored; anything malformed is refused, never guessed at. */
#ifndef ZF_JSONSCAN_H
#define ZF_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { JS_NULL, JS_FALSE, JS_TRUE, JS_NUMBER, JS_STRING, JS_ARRAY, JS_OBJECT } JsType;

typedef struct {
    uint8_t type;
    bool integer;  /* JS_NUMBER without fraction or exponent */
    uint32_t size; /* children: array items, or object members (each member = key token + value) */
    uint32_t skip; /* tokens in this subtree, itself included: the next sibling is this + skip */
    char *s;       /* JS_STRING: the unescaped NUL-terminated text; JS_NUMBER: its first character */
} JsTok;

typedef struct {
    JsTok *tok;
    size_t n, cap;
} JsDoc;

/* Scans text[0..len) (modified in place: keep it alive while tokens are used). 0 ok, -1 bad. */
int js_parse(JsDoc *doc, char *text, size_t len);
void js_free(JsDoc *doc);

static inline const JsTok *js_root(const JsDoc *d) { return d->n ? d->tok : NULL; }
static inline const JsTok *js_next(const JsTok *t) { return t + t->skip; }
/* The value of key in an object, or NULL. */
const JsTok *js_get(const JsTok *obj, const char *key);
/* The i-th element of an array walk: first = js_first(arr), then js_next(el), size times. */
static inline const JsTok *js_first(const JsTok *t) { return t + 1; }

static inline bool js_is(const JsTok *t, JsType type) { return t && t->type == type; }

/* for (JS_EACH(item, array)) — every element of an array; none when arr is not an array. */
#define JS_EACH(item, arr)                                                                           \
    const JsTok *item = js_is(arr, JS_ARRAY) && (arr)->size ? js_first(arr) : NULL,                 \
                *item##_end = item ? js_next(arr) : NULL;                                           \
    item && item < item##_end;                                                                      \
    item = js_next(item)
static inline const char *js_str(const JsTok *t) { return js_is(t, JS_STRING) ? t->s : NULL; }
double js_num(const JsTok *t);

#endif
