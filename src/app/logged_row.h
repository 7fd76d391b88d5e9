/* A row of a table the ledger covers (supervision orders, leads), written and logged together in one
 * savepoint: the row as stored after the write (re-read, so the event is what the table holds), and
 * each timeline row as written. The shared half of app/orders_log.c and app/leads_log.c. */
#ifndef ZF_APP_LOGGED_ROW_H
#define ZF_APP_LOGGED_ROW_H

#include <jansson.h>

#include "store/store.h"

typedef struct {
    int (*put)(Store *st, json_t *row, ZfError *err); /* inserts (no "id": sets it) or updates */
    int (*get)(Store *st, long long id, json_t **row, ZfError *err);
    const char *event_type;     /* "order.put" */
    const char *subject_prefix; /* "order:" */
    const char *const *joined;  /* keys the get joins in for reading, not stored: left out of the event */
} LoggedTable;

int app_logged_put(Store *st, const LoggedTable *t, json_t *row, ZfError *err);

/* A timeline row: inserted by insert(st, row, &id), then logged as data + {"id", "time"} under
 * event_type for subject_prefix<owner>. data: the row's other fields (consumed). */
int app_logged_timeline(Store *st, const char *event_type, const char *subject_prefix, long long owner,
                        int (*insert)(Store *st, const void *row, long long *id, ZfError *err), const void *row,
                        const char *time, json_t *data, ZfError *err);

/* A file already in the ledger's file store, registered with its attachment.add event for subject
 * ("order:7", "lead:3"); data (consumed) describes it. *seq = the event's. */
int app_logged_file(Store *st, const char *subject, json_t *data, long long *seq, ZfError *err);

/* Now, UTC, as stored: YYYY-MM-DDTHH:MM:SSZ. */
void app_utc_now(char out[32]);

#endif
