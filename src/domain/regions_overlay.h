/* The 行政区划 additions and renames a level receives from above or makes itself (docs/sync.md
 * "Code tables"): code<TAB>name lines laid over data/regions.tsv. Pure: text in, text or a table out. */
#ifndef ZHIFA_DOMAIN_REGIONS_OVERLAY_H
#define ZHIFA_DOMAIN_REGIONS_OVERLAY_H

#include <stddef.h>

#include "domain/regions.h"

#define REGIONS_OVERLAY_MAX_LINES 10000
#define REGIONS_OVERLAY_NAME_MAX 64 /* bytes of UTF-8 */

/* Checks overlay lines against base (the shipped table): six digits with a non-zero province part,
 * a known parent level (a prefecture's province, a county's prefecture or province, in base or in
 * the overlay), a name of 1..REGIONS_OVERLAY_NAME_MAX bytes of UTF-8 without control characters, no
 * code twice, at most REGIONS_OVERLAY_MAX_LINES lines. 0 when good; -1 with a Chinese reason naming
 * the line in why. */
int regions_overlay_check(const Regions *base, const char *text, size_t len, char *why, size_t why_size);

/* The table of base_text with the overlay over it: an overlay line replaces the base's name for its
 * code or adds the code. 0 and *out (free with regions_free), or -1. */
int regions_parse_with_overlay(const char *base_text, size_t base_len, const char *over, size_t over_len,
                               Regions **out);

#endif
