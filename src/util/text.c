/* Text predicates (util/text.h). */
#include "util/text.h"

#include <ctype.h>

bool text_blank(const char *s)
{
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s)) return false;
    return true;
}
