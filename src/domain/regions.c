/* Sorted GB/T 2260 table: parse once, then binary-search by code.
 * Pure: no I/O, no globals; the only allocations are the table, freed by regions_free. */
#include "domain/regions.h"

#include <stdlib.h>
#include <string.h>

#include "domain/codes.h"

typedef struct {
    char code[7];
    const char *name; /* points into Regions.text */
} Region;

struct Regions {
    Region *items;
    size_t count;
    char *text; /* private copy of the input, names NUL-terminated in place */
};

static int region_cmp(const void *a, const void *b)
{
    return strcmp(((const Region *)a)->code, ((const Region *)b)->code);
}

/* Index of the first entry whose code is >= code (binary search). */
static size_t lower_bound(const Regions *r, const char *code)
{
    size_t lo = 0, hi = r->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(r->items[mid].code, code) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static const Region *find(const Regions *r, const char *code)
{
    if (r == NULL || !region_code_format_valid(code))
        return NULL;
    size_t i = lower_bound(r, code);
    return i < r->count && strcmp(r->items[i].code, code) == 0 ? &r->items[i] : NULL;
}

static size_t count_lines(const char *text, size_t len)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    return n;
}

/* Splits one line (already NUL-terminated, CR stripped) into r->items[r->count]; skips comments. */
static int parse_line(Regions *r, char *line)
{
    if (line[0] == '\0' || line[0] == '#')
        return 0;
    char *tab = strchr(line, '\t');
    if (tab == NULL || tab[1] == '\0')
        return -1;
    *tab = '\0';
    if (!region_code_format_valid(line) || strchr(tab + 1, '\t') != NULL)
        return -1;
    Region *item = &r->items[r->count++];
    memcpy(item->code, line, 7);
    item->name = tab + 1;
    return 0;
}

static int parse_lines(Regions *r, size_t len)
{
    char *p = r->text, *end = r->text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *line_end = nl ? nl : end;
        *line_end = '\0';
        if (line_end > p && line_end[-1] == '\r')
            line_end[-1] = '\0';
        if (parse_line(r, p) != 0)
            return -1;
        p = line_end + 1;
    }
    return 0;
}

static bool has_duplicates(const Regions *r)
{
    for (size_t i = 1; i < r->count; i++)
        if (strcmp(r->items[i - 1].code, r->items[i].code) == 0)
            return true;
    return false;
}

int regions_parse(const char *text, size_t len, Regions **out)
{
    *out = NULL;
    if (text == NULL && len > 0)
        return -1;
    if (len > 0 && memchr(text, '\0', len) != NULL)
        return -1; /* a NUL would silently truncate a name */
    Regions *r = calloc(1, sizeof *r);
    if (r == NULL)
        return -1;
    r->text = malloc(len + 1);
    r->items = calloc(count_lines(text, len), sizeof *r->items);
    if (r->text == NULL || r->items == NULL)
        goto fail;
    if (len > 0)
        memcpy(r->text, text, len);
    r->text[len] = '\0';
    if (parse_lines(r, len) != 0)
        goto fail;
    qsort(r->items, r->count, sizeof *r->items, region_cmp);
    if (has_duplicates(r))
        goto fail;
    *out = r;
    return 0;
fail:
    regions_free(r);
    return -1;
}

void regions_free(Regions *r)
{
    if (r == NULL)
        return;
    free(r->items);
    free(r->text);
    free(r);
}

const char *regions_name(const Regions *r, const char *code)
{
    const Region *item = find(r, code);
    return item ? item->name : NULL;
}

/* The parent a code would have by its digits: XXYYZZ → XXYY00 if present, else XX0000. */
static const char *parent_by_digits(const Regions *r, const char *code, char out[7])
{
    if (strcmp(code + 2, "0000") == 0)
        return NULL;
    memcpy(out, code, 7);
    if (strcmp(code + 4, "00") != 0) {
        memcpy(out + 4, "00", 2);
        if (find(r, out) != NULL)
            return out;
    }
    memcpy(out + 2, "0000", 4);
    return find(r, out) ? out : NULL;
}

const char *regions_parent(const Regions *r, const char *code, char out[7])
{
    if (find(r, code) == NULL)
        return NULL;
    return parent_by_digits(r, code, out);
}

bool regions_is_within(const Regions *r, const char *code, const char *ancestor)
{
    if (find(r, code) == NULL || !region_code_format_valid(ancestor))
        return false;
    char cur[7];
    memcpy(cur, code, 7);
    /* At most two steps up: county → prefecture → province. */
    for (int depth = 0; depth < 3; depth++) {
        if (strcmp(cur, ancestor) == 0)
            return true;
        char up[7];
        if (parent_by_digits(r, cur, up) == NULL)
            return false;
        memcpy(cur, up, 7);
    }
    return false;
}

static size_t emit(const char **out, size_t max, size_t n, const char *code)
{
    if (out != NULL && n < max)
        out[n] = code;
    return n + 1;
}

static size_t provinces(const Regions *r, const char **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->items[i].code + 2, "0000") == 0)
            n = emit(out, max, n, r->items[i].code);
    return n;
}

size_t regions_children(const Regions *r, const char *code, const char **out, size_t max)
{
    if (r == NULL)
        return 0;
    if (code == NULL || code[0] == '\0')
        return provinces(r, out, max);
    if (find(r, code) == NULL)
        return 0;
    /* Descendants share the code's non-zero prefix, so they form one sorted run after it. */
    size_t prefix = strcmp(code + 2, "0000") == 0 ? 2 : strcmp(code + 4, "00") == 0 ? 4 : 6;
    size_t n = 0;
    for (size_t i = lower_bound(r, code) + 1; i < r->count; i++) {
        const char *child = r->items[i].code;
        if (strncmp(child, code, prefix) != 0)
            break;
        char up[7];
        const char *parent = parent_by_digits(r, child, up);
        if (parent != NULL && strcmp(parent, code) == 0)
            n = emit(out, max, n, child);
    }
    return n;
}
