/* A legal basis as written ([{"law":"《行政处罚法》","article":"第六十四条"}]) resolved to articles of the
 * law library, so a page can link each to its text: the power's basis, a supervision order's. */
#ifndef ZF_APP_LAW_LINKS_H
#define ZF_APP_LAW_LINKS_H

#include <jansson.h>

#include "store/store.h"

/* [{law, article, law_id, number, key}] — law_id, number and key null when the library does not hold
 * the article. A new array; basis is not consumed. */
json_t *app_law_links(Store *st, const json_t *basis);

#endif
