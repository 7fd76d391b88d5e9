/* The message centre (store side): one user's messages (migration 040), the recipients of an
 * agency's messages, and the officers' users whose certificates end soon. app/messages.c is the
 * only writer; a user's reads and marks are always filtered by his own name here. */
#ifndef ZF_STORE_MESSAGES_H
#define ZF_STORE_MESSAGES_H

#include <jansson.h>
#include <stdbool.h>

#include "store/store.h"

typedef struct {
    const char *username, *kind, *title, *link, *created_at;
    const char *job_day; /* a daily job's day (YYYY-MM-DD): one message per (user, kind, link, day); NULL = none */
} MessageRow;
/* *added false when a job's message of that day already exists (nothing written). */
int store_message_add(Store *st, const MessageRow *m, bool *added, ZfError *err);

typedef struct {
    const char *username; /* always set: whose messages */
    const char *kind;     /* NULL = any */
    bool unread_only;
} MessageFilter;
/* Newest first: {"items":[{id, kind, title, link, created_at, read_at}], "total", "page", "size"}. */
int store_messages_list(Store *st, const MessageFilter *f, int page, int size, json_t **out, ZfError *err);
int store_messages_unread_count(Store *st, const char *username, long long *n, ZfError *err);
/* Marks the user's message read (a read one keeps its time); 404 when it is not his. */
int store_message_mark_read(Store *st, const char *username, long long id, const char *now, ZfError *err);
/* *count how many were unread. */
int store_messages_mark_all_read(Store *st, const char *username, const char *now, long long *count, ZfError *err);

/* The active users of `agency` whose role holds `perm`, by name: ["officer", …]. */
int store_agency_users_with_perm(Store *st, const char *agency, const char *perm, json_t **names, ZfError *err);
/* Active certificates ending from..to (inclusive, YYYY-MM-DD) with the active user of the same
 * agency whose name is the holder's (users carry no certificate number): [{username, cert_no,
 * name, cert_valid_to}]. */
int store_cert_holders_ending(Store *st, const char *from, const char *to, json_t **items, ZfError *err);

#endif
