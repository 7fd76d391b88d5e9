/* The rows the ledger logged, by key: (key, seq) pairs gathered in one pass over the events, then
 * sorted once so each stored row finds its event by binary search (O(n log n) in all). Keys are
 * row ids or text (a case_no). Pure: no I/O. */
#ifndef ZF_LEDGER_LOGGED_ROWS_H
#define ZF_LEDGER_LOGGED_ROWS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    long long id; /* the key when text is NULL */
    char *text;   /* a text key (owned), or NULL */
    uint64_t seq; /* the event */
    int matched;  /* a stored row was found for it */
} LoggedRow;

typedef struct {
    LoggedRow *rows;
    size_t n, cap;
    int latest_only; /* the row must equal its key's latest event (a put); else each event is one row (an add) */
} LoggedRows;

/* ZF_OK, or ZF_ERR when out of memory (nothing added). */
int logged_rows_add_id(LoggedRows *s, long long id, uint64_t seq);
int logged_rows_add_text(LoggedRows *s, const char *text, uint64_t seq);
/* Sorts by key then seq; with latest_only keeps only the latest event of each key. Call once,
 * after the last add and before the first find. */
void logged_rows_seal(LoggedRows *s);
/* The event logged for the key, or NULL. */
LoggedRow *logged_rows_find_id(LoggedRows *s, long long id);
LoggedRow *logged_rows_find_text(LoggedRows *s, const char *text);
void logged_rows_free(LoggedRows *s);

#endif
