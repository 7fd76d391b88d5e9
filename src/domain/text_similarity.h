/* How alike two texts are, for proposing a lead as a possible duplicate of another (docs/leads.md).
 * Pure: no I/O, no clock, no store. */
#ifndef ZF_DOMAIN_TEXT_SIMILARITY_H
#define ZF_DOMAIN_TEXT_SIMILARITY_H

/* The Jaccard index of the two texts' sets of character bigrams (two consecutive Unicode
 * characters, whitespace and punctuation dropped first): |A ∩ B| / |A ∪ B|, from 0 to 1. A text of
 * fewer than two characters has no bigrams: against anything it scores 0. Invalid UTF-8 bytes are
 * skipped. NULL counts as empty. */
double text_bigram_jaccard(const char *a, const char *b);

#endif
