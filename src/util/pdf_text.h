/* The text layer of a PDF held in memory (poppler-glib): each page's text, pages joined by a line
 * feed. A PDF is untrusted and poppler a large parser, so the parsing runs in a forked child with
 * resource limits (CPU seconds, address space) and hands the text back through a pipe; the parent
 * also keeps a wall-clock deadline and kills a child that outlives it. A child that crashes, runs
 * out of time or memory is a 422 with a Chinese message, never the server's crash. No I/O beyond
 * the buffer and the pipe. */
#ifndef ZF_PDF_TEXT_H
#define ZF_PDF_TEXT_H

#include <stddef.h>

#include "util/error.h"

typedef struct {
    unsigned cpu_seconds;   /* RLIMIT_CPU of the child; the wall-clock deadline is a multiple of it */
    size_t memory_bytes;    /* address space the child may add to what it inherits */
} PdfTextLimits;

/* The text, UTF-8, *out malloc'd (NUL-terminated, *out_len bytes). 422: damaged or unreadable
 * (crash, timeout), password-protected, no text layer (a scan), or text beyond max_text bytes;
 * 500 when the child cannot be started. */
int pdf_text(const void *buf, size_t len, size_t max_text, const PdfTextLimits *limits, char **out, size_t *out_len,
             ZfError *err);

#endif
