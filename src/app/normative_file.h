/* The full text of a filed normative document as a file (docs/normative-docs.md): .docx, .pdf or
 * .txt, its type judged by its bytes (domain/media_sniff.c), its text extracted — a Word
 * document's runs (util/docx_text.c), a PDF's text layer read in a child process held to limits
 * (util/pdf_text.c), a text file as UTF-8 (util/text_decode.c) — and made the document's full
 * text, which the register searches. */
#ifndef ZF_APP_NORMATIVE_FILE_H
#define ZF_APP_NORMATIVE_FILE_H

#include <jansson.h>
#include <stddef.h>

#include "app/context.h"

/* The size limit (setting normative_file_max_mib), in bytes. */
size_t app_normative_file_max_bytes(Store *st);
/* May cx->user give document id its file now (his issuer's, before registration)? 404/409 otherwise. */
int app_normative_file_check(const AppContext *cx, long long id, ZfError *err);

typedef struct {
    const char *mime;  /* the type the bytes tell */
    char *text;        /* the extracted text (malloc'd) */
} NormativeExtract;
/* Judges data's type by its bytes and extracts its text: 415 anything but a Word document, a PDF or
 * text; 422 text beyond the full text's limit, a PDF unreadable or without a text layer. */
int app_normative_file_extract(const unsigned char *data, size_t len, NormativeExtract *out, ZfError *err);

typedef struct {
    const char *name, *mime, *sm3;
    long long size;
    const char *text; /* NULL: keep the text the filing gave */
} NormativeFileIn;
/* Records the stored file on the document, its text as the full text (indexed again): the document. */
int app_normative_file_attach(const AppContext *cx, long long id, const NormativeFileIn *in, json_t **doc, ZfError *err);
/* The document's file {sm3, media_type, name, size}; 404 when it has none or is out of scope. */
int app_normative_file_get(const AppContext *cx, long long id, json_t **file, ZfError *err);

#endif
