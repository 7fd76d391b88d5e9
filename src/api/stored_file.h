/* Replying with a file of the ledger's file store (<db>.files/<sm3>): case attachments and the
 * files of supervision orders. The bytes go out from the file, never through memory. */
#ifndef ZF_API_STORED_FILE_H
#define ZF_API_STORED_FILE_H

#include <jansson.h>

#include "http/request.h"

typedef struct {
    const char *sm3, *mime, *name; /* name: the uploaded name, for Content-Disposition */
    long long size, id;            /* id: for the ASCII fallback name "attachment-<id>.<ext>" */
} StoredFile;

/* 200 with the file, its stored type, no caching, and one audit line (action, target) — or 500 when
 * the file is gone or its size changed (zhifa verify says which). */
int api_reply_stored_file(HttpRequest *req, const StoredFile *f, const char *audit_action, const char *audit_target);

/* The same for a stored row {sm3, media_type, name, size} (an order's attachment, a lead's photo). */
int api_reply_stored_row(HttpRequest *req, const json_t *row, long long id, const char *audit_action,
                         const char *audit_target);

/* Moves the request's streamed body (req->upload) into the ledger's file store under its SM3, before
 * the transaction that records it: one that then fails leaves a file a later upload reuses. */
int api_upload_adopt(HttpRequest *req, ZfError *err);

#endif
