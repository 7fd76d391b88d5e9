/* Small text predicates shared by the validators. */
#ifndef ZF_TEXT_H
#define ZF_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* NULL, empty or only white space: a reason the law requires must say something. */
bool text_blank(const char *s);

/* Well-formed UTF-8 (RFC 3629): no stray continuation bytes, overlong forms, surrogates
 * (U+D800–U+DFFF) or code points beyond U+10FFFF. n bytes from s; NUL is a valid character. */
bool text_utf8_valid(const char *s, size_t n);

/* Characters (code points) of a valid UTF-8 string: what a length limit in characters counts. */
size_t text_utf8_chars(const char *s);

#endif
