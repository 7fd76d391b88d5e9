/* The message centre (docs/messages.md): a message tells one user that work reached him. Written
 * by the event's own service inside its open transaction (store_begin … store_commit), so an event
 * rolled back leaves no message; read and marked only by its user. */
#ifndef ZF_APP_MESSAGES_H
#define ZF_APP_MESSAGES_H

#include <jansson.h>
#include <stdbool.h>

#include "app/context.h"
#include "store/messages.h"

/* kind: one of domain/messages.c; title clipped to 200 characters; link a console path
 * ("/cases/handle/<case_no>"), left out when longer than 300 bytes. */
int app_message_to_user(Store *st, const char *username, const char *kind, const char *title, const char *link,
                        ZfError *err);
/* To every active user of `agency` holding `perm` (e.g. the users who may answer an order). */
int app_message_to_agency_perm(Store *st, const char *agency, const char *perm, const char *kind, const char *title,
                               const char *link, ZfError *err);
/* A daily job's message: at most one per (user, kind, link) on `day`; *added false when that day's
 * was already written. */
int app_message_daily(Store *st, zf_day day, const char *username, const char *kind, const char *title,
                      const char *link, bool *added, ZfError *err);

/* The acting user's own messages (app/messages_inbox.c): the list of store_messages_list with
 * f->username his, the unread count, one marked read (404 when not his), all marked read. */
int app_messages_list(const AppContext *cx, const char *kind, bool unread_only, int page, int size, json_t **out,
                      ZfError *err);
int app_messages_unread(const AppContext *cx, long long *n, ZfError *err);
int app_message_read(const AppContext *cx, long long id, ZfError *err);
int app_messages_read_all(const AppContext *cx, long long *count, ZfError *err);

/* The daily run (app/messages_jobs.c, from the server's daily job and zhifa sweep): deadline_near
 * to the officer who handles each open online case whose next deadline falls within
 * message_deadline_wd working days, cert_expiring to the holder of each certificate ending within
 * message_cert_days days. Each user's message a short transaction of its own. */
typedef struct {
    int deadline_near, cert_expiring;
} MessageJobSummary;
int app_messages_daily(const AppContext *cx, MessageJobSummary *sum, ZfError *err);

#endif
