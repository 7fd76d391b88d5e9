/* The lower level's calls to its upper (docs/sync.md): the enrolment and the push of everything
 * pending, batch by batch, each request signed with the instance's key (net/http_client.h). */
#ifndef ZF_JOBS_SYNC_PUSH_H
#define ZF_JOBS_SYNC_PUSH_H

#include <jansson.h>

#include "store/store.h"

/* `zhifa sync enrol`: sends this instance's public key with the token; stores the link. *reply = the
 * upper's answer (node name, region). */
int sync_enrol(Store *st, const char *db_path, const char *url, const char *token, json_t **reply, ZfError *err);

typedef struct {
    long batches;            /* acknowledged in this run */
    long long lines, imported, rejected;
    long down;               /* items published by the upper applied here */
    long answers;            /* orders from above signed for or answered here, sent up */
    long heartbeats;         /* head-only batches (nothing pending) witnessed by the upper */
} SyncPushReport;
/* Sends every pending record, then pulls and applies what the upper published (downward); ZF_OK only when all were acknowledged (bad lines included: they are
 * acknowledged and recorded). On failure the reason is in err and kept as the link's last_error.
 * A run with nothing pending is ZF_OK with no batch. */
int sync_push(Store *st, const char *db_path, SyncPushReport *rep, ZfError *err);

#endif
