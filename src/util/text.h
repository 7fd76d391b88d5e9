/* Small text predicates shared by the validators. */
#ifndef ZF_TEXT_H
#define ZF_TEXT_H

#include <stdbool.h>

/* NULL, empty or only white space: a reason the law requires must say something. */
bool text_blank(const char *s);

#endif
