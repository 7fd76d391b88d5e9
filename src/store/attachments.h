/* Case attachments, store side (migration 010): append-only rows naming a file of the ledger's
 * attachment store by its digests. Inserts and reads only; the triggers refuse the rest. */
#ifndef ZF_STORE_ATTACHMENTS_H
#define ZF_STORE_ATTACHMENTS_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

typedef struct {
    const char *case_no, *stage, *kind, *name, *mime, *sha256, *sm3, *uploaded_by;
    int64_t size;
    uint64_t ledger_seq; /* its attachment.add event */
} AttachmentRow;

/* Inside the caller's transaction (with the timeline entry and the ledger event). *out receives
 * the stored row as store_attachment_get gives it. */
int store_attachment_add(Store *st, const AttachmentRow *a, json_t **out, ZfError *err);
/* A case's attachments in upload order: [{"id","case_no","stage","kind","name","mime","size",
 * "sha256","sm3","ledger_seq","uploaded_by","uploaded_at"}]. */
int store_attachment_list(Store *st, const char *case_no, json_t **items, ZfError *err);
/* One attachment of that case; ZF_ERR 404 when the case has none with this id. */
int store_attachment_get(Store *st, const char *case_no, long long id, json_t **row, ZfError *err);

#endif
