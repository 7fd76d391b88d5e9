/* Canonical event bytes (see event.h). Jansson's JSON_SORT_KEYS sorts with strcmp, i.e. by
 * UTF-8 bytes = code points; JSON_COMPACT drops all whitespace; without JSON_ENSURE_ASCII
 * non-ASCII text stays UTF-8. Reals would print with 17 significant digits: exchange-v1 money
 * is integer fen, so events carry no reals in practice. */
#include "ledger/event.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CANONICAL_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17) | JSON_ENCODE_ANY)

/* The encoder below writes exactly what jansson's json_dumps(v, CANONICAL_FLAGS) writes (a unit
 * test holds them equal), about four times faster: the import appends one event per case. */
typedef struct {
    char *buf;
    size_t len, cap;
    int failed;
} Buf;

static int grow(Buf *b, size_t n)
{
    if (b->len + n + 1 <= b->cap) return 0;
    size_t cap = b->cap ? b->cap * 2 : 1024;
    while (cap < b->len + n + 1) cap *= 2;
    char *grown = realloc(b->buf, cap);
    if (!grown) return b->failed = 1, -1;
    b->buf = grown, b->cap = cap;
    return 0;
}

static void put(Buf *b, const char *data, size_t n)
{
    if (grow(b, n) != 0) return;
    memcpy(b->buf + b->len, data, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

static void put_string(Buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t run = 0;
    put(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        put(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': put(b, "\\\"", 2); break;
        case '\\': put(b, "\\\\", 2); break;
        case '\b': put(b, "\\b", 2); break;
        case '\f': put(b, "\\f", 2); break;
        case '\n': put(b, "\\n", 2); break;
        case '\r': put(b, "\\r", 2); break;
        case '\t': put(b, "\\t", 2); break;
        default: {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            put(b, u, 6);
        }
        }
    }
    put(b, s + run, n - run);
    put(b, "\"", 1);
}

typedef struct {
    const char *key;
    size_t len;
    json_t *value;
} Member;

static int member_cmp(const void *a, const void *b)
{
    const Member *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->key, y->key, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void put_value(Buf *b, const json_t *v, int depth);

static void put_object(Buf *b, const json_t *o, int depth)
{
    size_t n = json_object_size(o), i = 0;
    Member local[32], *m = n <= 32 ? local : malloc(n * sizeof *m);
    if (!m) {
        b->failed = 1;
        return;
    }
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)o, key, value) m[i++] = (Member){key, strlen(key), value};
    qsort(m, n, sizeof *m, member_cmp);
    put(b, "{", 1);
    for (i = 0; i < n; i++) {
        if (i) put(b, ",", 1);
        put_string(b, m[i].key, m[i].len);
        put(b, ":", 1);
        put_value(b, m[i].value, depth + 1);
    }
    put(b, "}", 1);
    if (m != local) free(m);
}

static void put_value(Buf *b, const json_t *v, int depth)
{
    char num[64];
    if (depth > 2048) { /* jansson refuses deeper input anyway */
        b->failed = 1;
        return;
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT: put_object(b, v, depth); break;
    case JSON_ARRAY:
        put(b, "[", 1);
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i) put(b, ",", 1);
            put_value(b, json_array_get(v, i), depth + 1);
        }
        put(b, "]", 1);
        break;
    case JSON_STRING: put_string(b, json_string_value(v), json_string_length(v)); break;
    case JSON_INTEGER: put(b, num, (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v))); break;
    case JSON_REAL: {
        char *r = json_dumps(v, CANONICAL_FLAGS);
        if (r) put(b, r, strlen(r));
        else b->failed = 1;
        free(r);
        break;
    }
    case JSON_TRUE: put(b, "true", 4); break;
    case JSON_FALSE: put(b, "false", 5); break;
    case JSON_NULL: put(b, "null", 4); break;
    }
}

char *ledger_canonical(const json_t *v, size_t *len)
{
    Buf b = {0};
    put_value(&b, v, 0);
    if (b.failed || !b.buf) {
        free(b.buf);
        return NULL;
    }
    *len = b.len;
    return b.buf;
}

static char *finish(Buf *b, size_t *len)
{
    if (b->failed) {
        free(b->buf);
        return NULL;
    }
    *len = b->len;
    return b->buf;
}

/* The five keys are written in their sorted order: data, seq, subject, time, type — so the
 * bytes split into a head that depends on the data only and a tail that depends on the place. */
char *ledger_event_head(const json_t *data, size_t *len)
{
    Buf b = {0};
    put(&b, "{\"data\":", 8);
    put_value(&b, data, 1);
    return finish(&b, len);
}

char *ledger_event_tail(uint64_t seq, const char *time, const char *type, const char *subject, size_t *len)
{
    char num[48];
    Buf b = {0};
    int n = snprintf(num, sizeof num, ",\"seq\":%llu,\"subject\":", (unsigned long long)seq);
    if (n <= 0 || (size_t)n >= sizeof num) return NULL;
    put(&b, num, (size_t)n);
    put_string(&b, subject, strlen(subject));
    put(&b, ",\"time\":", 8);
    put_string(&b, time, strlen(time));
    put(&b, ",\"type\":", 8);
    put_string(&b, type, strlen(type));
    put(&b, "}", 1);
    return finish(&b, len);
}

char *ledger_event_bytes(uint64_t seq, const char *time, const char *type, const char *subject,
                         const json_t *data, size_t *len)
{
    size_t hl = 0, tl = 0;
    char *head = ledger_event_head(data, &hl), *tail = ledger_event_tail(seq, time, type, subject, &tl);
    char *bytes = head && tail ? realloc(head, hl + tl + 1) : NULL;
    if (bytes) {
        memcpy(bytes + hl, tail, tl + 1);
        *len = hl + tl;
    } else {
        free(head);
    }
    free(tail);
    return bytes;
}

void ledger_time_text(int64_t unix_time, char out[21])
{
    time_t t = (time_t)unix_time;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* The top-level `,"seq":` of canonical event bytes: keys are sorted, so it is the last one
 * (quotes inside strings are escaped; a nested "seq" key sits earlier, inside "data"). */
static const char *seq_key(const char *body, size_t len)
{
    static const char key[] = ",\"seq\":";
    const size_t k = sizeof key - 1;
    for (size_t i = len >= k ? len - k + 1 : 0; i-- > 0;)
        if (memcmp(body + i, key, k) == 0) return body + i;
    return NULL;
}

long long ledger_event_seq(const char *event, size_t len)
{
    const char *p = seq_key(event, len);
    if (!p) return -1;
    p += 7;
    long long n = 0;
    int digits = 0;
    while (p < event + len && *p >= '0' && *p <= '9' && digits < 18) n = n * 10 + (*p++ - '0'), digits++;
    return digits && p < event + len && *p == ',' ? n : -1;
}

int ledger_event_data_equals(const char *event, size_t len, const json_t *record)
{
    static const char head[] = "{\"data\":";
    const size_t h = sizeof head - 1;
    const char *tail = seq_key(event, len);
    if (!record || !tail || (size_t)(tail - event) < h || memcmp(event, head, h) != 0) return 0;
    size_t clen = 0;
    char *canon = ledger_canonical(record, &clen);
    int same = canon && (size_t)(tail - event) - h == clen && memcmp(event + h, canon, clen) == 0;
    free(canon);
    return same;
}

int ledger_event_data_is(const char *event, size_t len, const char *record, size_t record_len)
{
    json_t *rec = json_loadb(record, record_len, 0, NULL);
    int same = ledger_event_data_equals(event, len, rec);
    json_decref(rec);
    return same;
}
