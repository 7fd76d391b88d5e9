/* The in-place JSON scanner (util/jsonscan.c) on any bytes, in a buffer of exactly their length
 * so ASan catches a read or write past it. Invariants: the token tree is well formed (skip
 * counts add up, js_get finds every member); and text that jansson accepts (no duplicate keys,
 * nesting within the scanner's 64 levels) scans to the same tree: same types, strings, numbers
 * and member sets. The scanner may refuse more than jansson, never accept different values. */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "util/jsonscan.h"

#define SCAN_MAX_DEPTH 64

/* Checks the subtree at t: returns the tokens it spans. */
static uint32_t check_tree(const JsTok *t, const JsTok *end)
{
    FUZZ_CHECK(t < end && t->skip >= 1 && t->skip <= (uint32_t)(end - t));
    if (t->type == JS_STRING) FUZZ_CHECK(t->s != NULL);
    if (t->type != JS_ARRAY && t->type != JS_OBJECT) {
        FUZZ_CHECK(t->skip == 1);
        return 1;
    }
    uint32_t spanned = 1;
    const JsTok *c = t + 1;
    for (uint32_t i = 0; i < t->size; i++) {
        if (t->type == JS_OBJECT) {
            FUZZ_CHECK(c->type == JS_STRING && c->skip == 1);
            /* with duplicate keys js_get finds the first: only unique keys must find their own */
            const JsTok *v = js_get(t, c->s);
            FUZZ_CHECK(v != NULL && v <= c + 1);
            c++, spanned++;
        }
        uint32_t n = check_tree(c, t + t->skip);
        c += n, spanned += n;
    }
    FUZZ_CHECK(spanned == t->skip);
    return spanned;
}

static int depth_of(const json_t *j)
{
    int deepest = 0;
    if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) { int d = depth_of(v); if (d > deepest) deepest = d; }
        return deepest + 1;
    }
    if (json_is_object(j)) {
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)j, k, v) { int d = depth_of(v); if (d > deepest) deepest = d; }
        return deepest + 1;
    }
    return 0;
}

static void assert_same(const JsTok *t, const json_t *j, bool root)
{
    switch (json_typeof(j)) {
    case JSON_NULL: FUZZ_CHECK(t->type == JS_NULL); break;
    case JSON_TRUE: FUZZ_CHECK(t->type == JS_TRUE); break;
    case JSON_FALSE: FUZZ_CHECK(t->type == JS_FALSE); break;
    case JSON_STRING:
        FUZZ_CHECK(t->type == JS_STRING);
        FUZZ_CHECK(strlen(t->s) == json_string_length(j) && strcmp(t->s, json_string_value(j)) == 0);
        break;
    case JSON_INTEGER:
    case JSON_REAL:
        FUZZ_CHECK(t->type == JS_NUMBER);
        FUZZ_CHECK(t->integer == json_is_integer(j));
        /* a number is not NUL-terminated: js_num reads up to the next non-number character,
         * which only a container guarantees (callers scan records, i.e. objects) */
        if (!root) FUZZ_CHECK(js_num(t) == json_number_value(j));
        break;
    case JSON_ARRAY: {
        FUZZ_CHECK(t->type == JS_ARRAY && t->size == json_array_size(j));
        size_t i = 0;
        for (JS_EACH(item, t)) assert_same(item, json_array_get(j, i++), false);
        FUZZ_CHECK(i == json_array_size(j));
        break;
    }
    case JSON_OBJECT: {
        FUZZ_CHECK(t->type == JS_OBJECT && t->size == json_object_size(j));
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)j, k, v) {
            const JsTok *m = js_get(t, k);
            FUZZ_CHECK(m != NULL);
            assert_same(m, v, false);
        }
        break;
    }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static JsDoc doc;
    char *text = malloc(size ? size : 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data, size);
    int rc = js_parse(&doc, text, size);
    if (rc == 0) {
        FUZZ_CHECK(doc.n >= 1);
        FUZZ_CHECK(check_tree(js_root(&doc), doc.tok + doc.n) == doc.n);
    }
    /* jansson ends a buffer's text at a NUL byte; the scanner's texts (json_dumps output) have none */
    json_t *j = memchr(data, 0, size) ? NULL
                                      : json_loadb((const char *)data, size, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
    if (j && depth_of(j) <= SCAN_MAX_DEPTH) {
        FUZZ_CHECK(rc == 0);
        assert_same(js_root(&doc), j, true);
    }
    json_decref(j);
    free(text);
    return 0;
}
