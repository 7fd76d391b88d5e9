/* A plain-text file's bytes as UTF-8: UTF-8 as it is (a BOM dropped), else GB18030 (which covers
 * GBK and GB2312, what Chinese Windows saves) converted with iconv. Refuses what is not text:
 * bytes neither encoding reads, or control characters other than tab, line feed, carriage
 * return and form feed. No I/O. */
#ifndef ZF_TEXT_DECODE_H
#define ZF_TEXT_DECODE_H

#include <stddef.h>

#include "util/error.h"

/* *out malloc'd, NUL-terminated, *out_len bytes. 415 not text, 422 longer than max bytes once UTF-8. */
int text_decode_utf8(const void *buf, size_t len, size_t max, char **out, size_t *out_len, ZfError *err);

#endif
