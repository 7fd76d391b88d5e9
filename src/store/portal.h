/* What the anonymous portal keeps between requests (migration 033): proof-of-work challenges,
 * taken once, and per-address hourly counters for its rate limits. Knows nothing of leads. */
#ifndef ZF_STORE_PORTAL_H
#define ZF_STORE_PORTAL_H

#include <stdbool.h>

#include "store/store.h"

#define PORTAL_CHALLENGE_ID 32     /* hex characters */
#define PORTAL_CHALLENGE_PREFIX 32 /* hex characters */

/* Stores a challenge that expires at expires_at (unix seconds); drops those expired before now. */
int store_portal_challenge_add(Store *st, const char *id, const char *prefix, int bits, long long expires_at,
                               long long now, ZfError *err);
/* Takes challenge id for good (one statement: of two concurrent takers one gets it). *found is
 * false when it is unknown, already taken or expired at now; else prefix and bits are filled. */
int store_portal_challenge_take(Store *st, const char *id, long long now, char prefix[PORTAL_CHALLENGE_PREFIX + 1],
                                int *bits, bool *found, ZfError *err);
/* Adds `add` (0 = only reads) to addr's counter of kind for hour (unix seconds / 3600) and gives
 * the count after it; counters older than the hour before are dropped as it goes. */
int store_portal_count(Store *st, const char *addr, const char *kind, long long hour, int add, int *count,
                       ZfError *err);

#endif
