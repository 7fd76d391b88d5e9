/* Masking personal data inside free text for publication (行政复议法 第七十九条; the published
 * decisions keep to the portal's 公示 masking, domain/workflow/masking.h): each known person's name
 * → its first character and "**", resident ID numbers (15, or 17 digits and a digit or X) → first 4
 * and last 4, mobile numbers (11 digits from 1) → first 3 and last 4, and each known secret (an
 * address) → "***". Pure, UTF-8. */
#ifndef ZF_DOMAIN_TEXT_MASK_H
#define ZF_DOMAIN_TEXT_MASK_H

#include <stddef.h>

/* A malloc'd masked copy of text (NULL when out of memory). Names shorter than two characters and
 * secrets shorter than four bytes are not searched (they would hit ordinary words). */
char *mask_text(const char *text, const char *const *names, size_t n_names, const char *const *secrets,
                size_t n_secrets);

#endif
