/* The streamed files of a subject other than a case (an order, a reconsideration …) under
 * /api/v1/<subject path>/{id}/attachments[/{aid}]: POST ?name=F&purpose=P with the file as the
 * body, streamed to a temp file by the route (.stream_to_file); its type is judged by its bytes
 * against the kinds of attachment a case accepts (settings attachment_<kind>_*), the file is stored
 * under its SM3 digest, then recorded by the subject's own app function. Append-only. Each subject
 * is one SubjectFiles: who may upload what in which status, and where the row goes, are its app
 * functions' business; they decide scope from what is stored. */
#ifndef ZF_API_SUBJECT_FILES_H
#define ZF_API_SUBJECT_FILES_H

#include "app/context.h"
#include "domain/media_sniff.h"
#include "http/server.h"

/* The upload as the subject's app function records it (already in the file store under sm3). */
typedef struct {
    const char *purpose, *name, *media_type, *sm3;
    long long size;
} UploadedFile;

typedef struct {
    const char *id_label;      /* the path id's message when it is malformed: "监督文书不存在" */
    const char *audit_ok;      /* the audit action of an upload: "order_attach" */
    const char *audit_refused; /* … of a refused one (type, size, status, side): "order_attach_refused" */
    const char *audit_read;    /* … of a download: "order_attachment_download" */
    /* before the upload's file is stored at all: 404 out of scope, 403 the side, 409 the status */
    int (*check)(const AppContext *cx, long long id, const char *purpose, ZfError *err);
    /* the row, its attachment.add event and the subject's timeline, in one transaction */
    int (*attach)(const AppContext *cx, long long id, const UploadedFile *f, json_t **out, ZfError *err);
    int (*get)(const AppContext *cx, long long id, long long aid, json_t **out, ZfError *err);
} SubjectFiles;

int api_subject_files_create(HttpRequest *req, const SubjectFiles *sf);
int api_subject_file_get(HttpRequest *req, const SubjectFiles *sf);

/* The first kind of attachment whose rule takes the upload's content (a photo, a recording, a
 * document …); else the refusal of the document kind, the most usual answer. */
int api_upload_content_type(HttpRequest *req, const MediaType **type, ZfError *err);

#endif
