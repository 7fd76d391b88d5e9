/* See logged_rows.h. */
#include "ledger/logged_rows.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"

static int add(LoggedRows *s, LoggedRow row)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        LoggedRow *grown = realloc(s->rows, cap * sizeof *grown);
        if (!grown) return ZF_ERR;
        s->rows = grown, s->cap = cap;
    }
    s->rows[s->n++] = row;
    return ZF_OK;
}

int logged_rows_add_id(LoggedRows *s, long long id, uint64_t seq)
{
    return add(s, (LoggedRow){.id = id, .seq = seq});
}

int logged_rows_add_text(LoggedRows *s, const char *text, uint64_t seq)
{
    char *copy = strdup(text);
    if (!copy) return ZF_ERR;
    if (add(s, (LoggedRow){.text = copy, .seq = seq}) == ZF_OK) return ZF_OK;
    free(copy);
    return ZF_ERR;
}

/* Text keys sort before id keys; a set holds one kind in practice. */
static int by_key(const void *a, const void *b)
{
    const LoggedRow *x = a, *y = b;
    if (!x->text != !y->text) return x->text ? -1 : 1;
    if (x->text) return strcmp(x->text, y->text);
    return (x->id > y->id) - (x->id < y->id);
}

static int by_key_then_seq(const void *a, const void *b)
{
    const LoggedRow *x = a, *y = b;
    int c = by_key(a, b);
    return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

void logged_rows_seal(LoggedRows *s)
{
    if (s->n) qsort(s->rows, s->n, sizeof *s->rows, by_key_then_seq);
    if (!s->latest_only) return;
    size_t kept = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (i + 1 < s->n && by_key(&s->rows[i], &s->rows[i + 1]) == 0) {
            free(s->rows[i].text);
            continue;
        }
        s->rows[kept++] = s->rows[i];
    }
    s->n = kept;
}

LoggedRow *logged_rows_find_id(LoggedRows *s, long long id)
{
    LoggedRow key = {.id = id};
    return s->n ? bsearch(&key, s->rows, s->n, sizeof *s->rows, by_key) : NULL;
}

LoggedRow *logged_rows_find_text(LoggedRows *s, const char *text)
{
    LoggedRow key = {.text = (char *)text};
    return s->n && text ? bsearch(&key, s->rows, s->n, sizeof *s->rows, by_key) : NULL;
}

void logged_rows_free(LoggedRows *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->rows[i].text);
    free(s->rows);
    s->rows = NULL, s->n = s->cap = 0;
}
