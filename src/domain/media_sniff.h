/* What an uploaded file is, told by its first bytes (magic numbers), never by its name or the
 * type the client declared. Pure: no I/O, no allocation; callers pass the bytes they hold. */
#ifndef ZF_DOMAIN_MEDIA_SNIFF_H
#define ZF_DOMAIN_MEDIA_SNIFF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *mime;  /* "image/jpeg" */
    const char *label; /* "JPEG 图片", for refusal messages */
    const char *ext;   /* ".jpg": a name for the file when the uploaded one has none */
    bool evidence;     /* a photo/audio/video/document format; false = recognised only to name it
                          in a refusal (ZIP, executables, web pages) */
} MediaType;

/* The recognised type of data, or NULL when its first bytes match none (an empty file too). */
const MediaType *media_sniff(const unsigned char *data, size_t len);
/* The i-th type this file knows (GET /api/v1/dicts names them), NULL past the end. */
const MediaType *media_type_at(size_t i);
/* The entry of a MIME type this file knows, or NULL. */
const MediaType *media_by_mime(const char *mime);
/* The label of a MIME type this file knows ("JPEG 图片"), else the MIME type itself. */
const char *media_label(const char *mime);
/* The next word of a list of MIME types (spaces or commas between): its start, *len its length;
 * NULL at the end. *cursor advances past it. */
const char *media_list_word(const char **cursor, size_t *len);
/* Whether mime is one of the words of list (separated by spaces or commas, as settings hold it). */
bool media_listed(const char *list, const char *mime);

#endif
