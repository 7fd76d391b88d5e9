/* The text of a Word document (.docx, Office Open XML) held in memory: word/document.xml's w:t
 * runs, a tab for w:tab, a line break for w:br and a line per paragraph (w:p). libzip + Expat, as
 * util/xlsx_read.c; refuses zip bombs (inflated bytes capped), DTDs (entity expansion) and
 * malformed XML with a Chinese message, and never trusts sizes the archive declares. No I/O beyond
 * the buffer; the work is bounded by the caps, so extraction time is bounded by the upload's size. */
#ifndef ZF_DOCX_TEXT_H
#define ZF_DOCX_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

#define DOCX_MAX_ENTRIES 5000               /* a document has tens of parts (images add some) */
#define DOCX_MAX_UNCOMPRESSED (64u << 20)   /* bytes of word/document.xml read: the zip-bomb cap */

/* True when buf starts like a zip archive. */
bool docx_looks_like_zip(const void *buf, size_t len);

/* The document's text, UTF-8, *out malloc'd (NUL-terminated, *out_len bytes). 415 a zip that is
 * not a Word document, 422 inflated beyond the cap or text beyond max_text bytes, 400 damaged. */
int docx_text(const void *buf, size_t len, size_t max_text, char **out, size_t *out_len, ZfError *err);

#endif
